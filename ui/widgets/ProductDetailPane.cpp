#include "widgets/ProductDetailPane.h"

#include "common/AppContext.h"
#include "common/Icons.h"
#include "common/Language.h"
#include "common/Services.h"
#include "common/Style.h"
#include "common/Vocabulary.h"
#include "models/SearchResultsModel.h"
#include "widgets/ProductDelegate.h"
#include "widgets/Widgets.h"

#include <QFileInfo>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace uf::ui {

namespace {
QLabel* textLabel(QWidget* parent, bool bold = false)
{
    auto* l = new QLabel(parent);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (bold) {
        QFont f = l->font();
        f.setBold(true);
        l->setFont(f);
    }
    return l;
}
} // namespace

ProductDetailPane::ProductDetailPane(AppContext* context, QWidget* parent) : QWidget(parent), m_context(context)
{
    auto* outer = new QVBoxLayout(this);
    m_empty = new QLabel(tr("Select a product to see its details."), this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    outer->addWidget(m_empty);

    m_body = new QWidget(this);
    auto* l = new QVBoxLayout(m_body);
    l->setContentsMargins(0, 0, 0, 0);
    m_photo = new AsyncImageLabel(240, m_body);
    m_photo->setPlaceholder(tr("No image"));
    l->addWidget(m_photo, 0, Qt::AlignHCenter);
    m_skuLabel = textLabel(m_body, true);
    m_category = textLabel(m_body);
    l->addWidget(m_skuLabel);
    l->addWidget(m_category);

    auto* ja = new QGroupBox(tr("Japanese"), m_body);
    auto* jaL = new QVBoxLayout(ja);
    m_titleJa = textLabel(ja, true);
    m_descJa = textLabel(ja);
    jaL->addWidget(m_titleJa);
    jaL->addWidget(m_descJa);
    l->addWidget(ja);
    auto* en = new QGroupBox(tr("English"), m_body);
    auto* enL = new QVBoxLayout(en);
    m_titleEn = textLabel(en, true);
    m_descEn = textLabel(en);
    enL->addWidget(m_titleEn);
    enL->addWidget(m_descEn);
    l->addWidget(en);

    m_attributes = new QTableWidget(0, 2, m_body);
    m_attributes->setHorizontalHeaderLabels({tr("Attribute"), tr("Value")});
    m_attributes->horizontalHeader()->setStretchLastSection(true);
    m_attributes->verticalHeader()->hide();
    m_attributes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_attributes->setSelectionMode(QAbstractItemView::NoSelection);
    m_attributes->setFocusPolicy(Qt::NoFocus);
    m_attributes->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    l->addWidget(m_attributes);
    m_meta = textLabel(m_body);
    setTone(m_meta, Tone::Muted);
    l->addWidget(m_meta);

    auto* buttons = new QHBoxLayout;
    m_similarButton = new QPushButton(icon(QStringLiteral("similar")), tr("Search similar"), m_body);
    m_similarButton->setToolTip(tr("Open Search with this product's photo as the query"));
    m_generateButton = new QPushButton(icon(QStringLiteral("generate")), tr("Variations"), m_body);
    m_generateButton->setToolTip(tr("Open Generate with this product as the reference"));
    m_describeButton = new QPushButton(icon(QStringLiteral("description")), tr("Draft text"), m_body);
    m_describeButton->setToolTip(tr("Draft a product description from the photo (goes to the review queue)"));
    buttons->addWidget(m_similarButton);
    buttons->addWidget(m_generateButton);
    buttons->addWidget(m_describeButton);
    l->addLayout(buttons);

    auto* similarTitle = textLabel(m_body, true);
    similarTitle->setText(tr("Similar items"));
    l->addWidget(similarTitle);
    m_similarNote = textLabel(m_body);
    l->addWidget(m_similarNote);
    m_similar = new SearchResultsModel(context->thumbnails(), this);
    m_similarView = new QListView(m_body);
    m_similarView->setViewMode(QListView::IconMode);
    m_similarView->setMovement(QListView::Static);
    m_similarView->setFlow(QListView::LeftToRight);
    m_similarView->setWrapping(false);
    m_similarView->setUniformItemSizes(true);
    auto* delegate = new ProductDelegate(72, SearchResultsModel::SkuRole, SearchResultsModel::ScoreRole, m_similarView);
    m_similarView->setItemDelegate(delegate);
    m_similarView->setModel(m_similar);
    m_similarView->setFixedHeight(delegate->tileSize(font()).height() + 24);
    l->addWidget(m_similarView);
    l->addStretch(1);
    outer->addWidget(m_body);
    m_body->hide();

    connect(m_similarButton, &QPushButton::clicked, this, [this] { Q_EMIT m_context->similarRequested(m_sku); });
    connect(m_generateButton, &QPushButton::clicked, this, [this] { Q_EMIT m_context->generateFromRequested(m_sku); });
    connect(m_describeButton, &QPushButton::clicked, this, [this] { Q_EMIT m_context->describeRequested(m_sku); });
    connect(m_similarView, &QListView::activated, this, [this](const QModelIndex& i) {
        Q_EMIT m_context->showProductRequested(i.data(SearchResultsModel::SkuRole).toString());
    });
}

void ProductDetailPane::clear()
{
    m_sku.clear();
    m_body->hide();
    m_empty->show();
    m_similar->clear();
}

void ProductDetailPane::showProduct(const QString& sku)
{
    const int generation = ++m_generation;
    if (sku.isEmpty() || !m_context->hasCatalog()) {
        clear();
        return;
    }
    m_loading = true;
    const QString folder = m_context->catalogPath();
    runGuarded(ioPool(), [folder, sku] { return services::productDetails(folder, sku); })
        .then(this,
              [this, generation](const std::optional<services::ProductDetails>& d) {
                  if (generation != m_generation)
                      return;
                  m_loading = false;
                  if (!d) {
                      clear();
                      m_empty->setText(tr("This product is no longer in the catalog."));
                      return;
                  }
                  m_sku = d->sku;
                  m_empty->hide();
                  m_body->show();
                  m_photo->setImagePath(d->imagePaths.value(0));
                  m_skuLabel->setText(d->sku);
                  QStringList cat{Vocabulary::valueName(QStringLiteral("category"), d->category)};
                  if (!d->split.isEmpty())
                      cat << (d->split == QLatin1String("train") ? tr("training split") : tr("test split"));
                  if (d->imagePaths.size() > 1)
                      cat << tr("%n image(s)", nullptr, static_cast<int>(d->imagePaths.size()));
                  m_category->setText(cat.join(QStringLiteral(" · ")));
                  const QString none = tr("(none)");
                  m_titleJa->setText(d->title.value(QStringLiteral("ja"), none));
                  m_descJa->setText(d->description.value(QStringLiteral("ja"), none));
                  m_titleEn->setText(d->title.value(QStringLiteral("en"), none));
                  m_descEn->setText(d->description.value(QStringLiteral("en"), none));
                  m_attributes->setRowCount(static_cast<int>(d->attributes.size()));
                  int row = 0;
                  for (auto it = d->attributes.cbegin(); it != d->attributes.cend(); ++it, ++row) {
                      m_attributes->setItem(row, 0, new QTableWidgetItem(Vocabulary::keyName(it.key())));
                      m_attributes->setItem(row, 1, new QTableWidgetItem(Vocabulary::valueName(it.key(), it.value())));
                  }
                  m_attributes->resizeRowsToContents();
                  int h = m_attributes->horizontalHeader()->height() + 4;
                  for (int r = 0; r < m_attributes->rowCount(); ++r)
                      h += m_attributes->rowHeight(r);
                  m_attributes->setFixedHeight(h);
                  QStringList meta;
                  if (!d->source.isEmpty())
                      meta << tr("Source: %1").arg(d->source);
                  if (!d->updatedAt.isEmpty())
                      meta << tr("Updated: %1").arg(d->updatedAt);
                  m_meta->setText(meta.join(QLatin1Char('\n')));
                  m_generateButton->setEnabled(services::has(services::Feature::Generate));
                  m_describeButton->setEnabled(services::has(services::Feature::Caption));
                  loadSimilar();
                  Q_EMIT productShown(m_sku);
              })
        .onFailed(this, [this, generation] {
            if (generation != m_generation)
                return;
            m_loading = false;
            clear();
            m_empty->setText(tr("The product could not be read from the catalog."));
        });
}

void ProductDetailPane::loadSimilar()
{
    m_similar->clear();
    const bool canSearch = services::has(services::Feature::Search) && services::indexExists(m_context->catalogPath());
    m_similarButton->setEnabled(services::has(services::Feature::Search));
    m_similarView->setVisible(canSearch);
    if (!canSearch) {
        m_similarNote->setText(services::has(services::Feature::Search)
                                   ? tr("Similar items appear here once the search index is built (Tasks → Index).")
                                   : tr("Similar items appear here once search is installed and the index is built."));
        m_similarNote->show();
        return;
    }
    m_similarNote->hide();
    services::SearchRequest req;
    req.catalog = m_context->catalogPath();
    req.pack = m_context->modelPackPath();
    req.device = m_context->device();
    req.sku = m_sku;
    req.k = 12;
    m_similar->setLanguage(m_context->language());
    const int generation = m_generation;
    const QString self = m_sku;
    runGuarded(ioPool(), [req] { return services::search(req); })
        .then(this,
              [this, generation, self](const services::SearchOutcome& r) {
                  if (generation != m_generation)
                      return;
                  QList<services::SearchHit> hits;
                  for (const auto& h : r.hits)
                      if (h.sku != self)
                          hits << h;
                  m_similar->setResults(hits);
              })
        .onFailed(this, [this, generation](const JobError& e) {
            if (generation != m_generation)
                return;
            m_similarNote->setText(e.message());
            m_similarNote->show();
        })
        .onFailed(this, [] {});
}

} // namespace uf::ui
