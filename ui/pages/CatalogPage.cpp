#include "pages/CatalogPage.h"

#include "common/AppContext.h"
#include "common/Icons.h"
#include "common/Language.h"
#include "common/Style.h"
#include "common/Vocabulary.h"
#include "models/CatalogModel.h"
#include "models/ThumbnailCache.h"
#include "widgets/ProductDelegate.h"
#include "widgets/ProductDetailPane.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace uf::ui {

CatalogPage::CatalogPage(AppContext* context, QWidget* parent) : QWidget(parent), m_context(context)
{
    m_model = new CatalogModel(context->thumbnails(), this);
    m_model->setLanguage(context->language());

    auto* layout = new QHBoxLayout(this);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    layout->addWidget(splitter);

    // Filters.
    auto* filters = new QWidget(splitter);
    auto* fl = new QVBoxLayout(filters);
    auto* filterBox = new QGroupBox(tr("Filter"), filters);
    auto* form = new QFormLayout(filterBox);
    m_category = new QComboBox(filterBox);
    m_category->setToolTip(tr("Show only products of this category"));
    form->addRow(tr("Category"), m_category);
    m_attributeForm = new QFormLayout;
    form->addRow(m_attributeForm);
    m_clear = new QPushButton(tr("Clear filters"), filterBox);
    form->addRow(m_clear);
    fl->addWidget(filterBox);
    auto* sortBox = new QGroupBox(tr("Sort"), filters);
    auto* sl = new QVBoxLayout(sortBox);
    m_sort = new QComboBox(sortBox);
    m_sort->addItem(tr("Catalog order"), static_cast<int>(CatalogSort::CatalogOrder));
    m_sort->addItem(tr("SKU"), static_cast<int>(CatalogSort::Sku));
    m_sort->addItem(tr("Title"), static_cast<int>(CatalogSort::Title));
    m_sort->addItem(tr("Category"), static_cast<int>(CatalogSort::Category));
    m_sort->addItem(tr("Recently updated"), static_cast<int>(CatalogSort::Newest));
    m_sort->setToolTip(tr("Order of the products in the grid"));
    sl->addWidget(m_sort);
    fl->addWidget(sortBox);
    m_count = new QLabel(filters);
    m_count->setWordWrap(true);
    fl->addWidget(m_count);
    fl->addStretch(1);

    // Grid, or a notice when no catalog is open.
    m_stack = new QStackedWidget(splitter);
    auto* empty = new QWidget(m_stack);
    auto* el = new QVBoxLayout(empty);
    el->addStretch(1);
    m_emptyText = new QLabel(empty);
    m_emptyText->setWordWrap(true);
    m_emptyText->setAlignment(Qt::AlignCenter);
    el->addWidget(m_emptyText);
    auto* open = new QPushButton(icon(QStringLiteral("folder")), tr("Open catalog…"), empty);
    el->addWidget(open, 0, Qt::AlignHCenter);
    el->addStretch(2);
    m_stack->addWidget(empty);

    m_grid = new QListView(m_stack);
    m_grid->setViewMode(QListView::IconMode);
    m_grid->setMovement(QListView::Static);
    m_grid->setResizeMode(QListView::Adjust);
    m_grid->setUniformItemSizes(true);
    m_grid->setLayoutMode(QListView::Batched);
    m_grid->setBatchSize(2000);
    m_grid->setSelectionMode(QAbstractItemView::SingleSelection);
    m_grid->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_grid->setSpacing(4);
    m_grid->setWordWrap(true);
    auto* delegate = new ProductDelegate(context->thumbnails()->side(), CatalogModel::SkuRole, -1, m_grid);
    m_grid->setItemDelegate(delegate);
    m_grid->setGridSize(delegate->tileSize(font()) + QSize(8, 8));
    m_grid->setModel(m_model);
    m_grid->setToolTip(QString());
    m_grid->setAccessibleName(tr("Products"));
    m_stack->addWidget(m_grid);

    // Details.
    auto* scroll = new QScrollArea(splitter);
    scroll->setWidgetResizable(true);
    m_details = new ProductDetailPane(context, scroll);
    scroll->setWidget(m_details);
    scroll->setMinimumWidth(300);

    splitter->addWidget(filters);
    splitter->addWidget(m_stack);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 0);
    splitter->setSizes({220, 700, 340});

    setTabOrder(m_category, m_clear);
    setTabOrder(m_clear, m_sort);
    setTabOrder(m_sort, m_grid);

    connect(open, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open catalog folder"));
        if (!dir.isEmpty())
            m_context->setCatalogPath(dir);
    });
    connect(m_category, &QComboBox::currentIndexChanged, this, [this] { applyFilters(); });
    connect(m_sort, &QComboBox::currentIndexChanged, this, [this] { applyFilters(); });
    connect(m_clear, &QPushButton::clicked, this, [this] {
        m_updatingFilters = true;
        m_category->setCurrentIndex(0);
        for (QComboBox* b : std::as_const(m_attributeBoxes))
            b->setCurrentIndex(0);
        m_updatingFilters = false;
        applyFilters();
    });
    connect(m_grid->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { m_details->showProduct(current.data(CatalogModel::SkuRole).toString()); });
    connect(m_model, &CatalogModel::facetsChanged, this, &CatalogPage::rebuildFilters);
    connect(m_model, &CatalogModel::rowsInserted, this, &CatalogPage::updateCount);
    connect(m_model, &CatalogModel::modelReset, this, &CatalogPage::updateCount);
    connect(m_model, &CatalogModel::loadingChanged, this, &CatalogPage::updateCount);
    // The first product is selected once a load brings rows, so the details pane is never idle.
    connect(m_model, &CatalogModel::rowsInserted, this, [this] {
        if (!m_grid->currentIndex().isValid() && m_model->rowCount() > 0)
            m_grid->selectionModel()->setCurrentIndex(m_model->index(0), QItemSelectionModel::ClearAndSelect);
    });
    connect(m_model, &CatalogModel::loadFailed, this, [this](const QString& message, const QString& detail) {
        m_count->setText(message);
        m_count->setToolTip(detail);
        setTone(m_count, Tone::Error);
    });
    connect(context, &AppContext::catalogChanged, this, &CatalogPage::onCatalogChanged);
    connect(context, &AppContext::catalogContentChanged, m_model, &CatalogModel::reload);
    onCatalogChanged();
}

bool CatalogPage::isBusy() const { return m_model->isLoading() || m_details->isLoading(); }

void CatalogPage::onCatalogChanged()
{
    const QString folder = m_context->catalogPath();
    if (folder.isEmpty()) {
        m_emptyText->setText(tr("No catalog is open. Open a catalog folder, or create the demo catalog with "
                                "“unifashion demo” and open it."));
        m_stack->setCurrentIndex(0);
        m_model->setCatalog(QString());
    } else {
        m_stack->setCurrentIndex(1);
        m_model->setCatalog(folder);
    }
    m_details->showProduct(QString());
}

void CatalogPage::rebuildFilters()
{
    const CatalogFacets& f = m_model->facets();
    if (f.total == 0 && !m_model->isLoading() && m_model->query() != CatalogQuery{})
        return; // a filtered load keeps the facets of the whole catalog
    m_updatingFilters = true;
    const QString currentCategory = m_category->currentData().toString();
    m_category->clear();
    m_category->addItem(tr("All categories"), QString());
    const QLocale loc;
    for (auto it = f.categories.cbegin(); it != f.categories.cend(); ++it)
        m_category->addItem(QStringLiteral("%1 (%2)").arg(Vocabulary::valueName(QStringLiteral("category"), it.key()),
                                                          loc.toString(it.value())),
                            it.key());
    m_category->setCurrentIndex(std::max(0, m_category->findData(currentCategory)));

    QMap<QString, QString> current;
    for (auto it = m_attributeBoxes.cbegin(); it != m_attributeBoxes.cend(); ++it)
        current.insert(it.key(), it.value()->currentData().toString());
    while (m_attributeForm->rowCount() > 0)
        m_attributeForm->removeRow(0);
    m_attributeBoxes.clear();
    QWidget* previous = m_category;
    for (auto it = f.attributes.cbegin(); it != f.attributes.cend(); ++it) {
        auto* box = new QComboBox(this);
        box->addItem(tr("Any"), QString());
        for (auto v = it.value().cbegin(); v != it.value().cend(); ++v)
            box->addItem(QStringLiteral("%1 (%2)").arg(Vocabulary::valueName(it.key(), v.key()), loc.toString(v.value())),
                         v.key());
        box->setCurrentIndex(std::max(0, box->findData(current.value(it.key()))));
        box->setToolTip(tr("Show only products with this %1").arg(Vocabulary::keyName(it.key())));
        m_attributeForm->addRow(Vocabulary::keyName(it.key()), box);
        m_attributeBoxes.insert(it.key(), box);
        connect(box, &QComboBox::currentIndexChanged, this, [this] { applyFilters(); });
        setTabOrder(previous, box);
        previous = box;
    }
    setTabOrder(previous, m_clear);
    m_updatingFilters = false;
    updateCount();
}

void CatalogPage::applyFilters()
{
    if (m_updatingFilters)
        return;
    CatalogQuery q;
    q.category = m_category->currentData().toString();
    for (auto it = m_attributeBoxes.cbegin(); it != m_attributeBoxes.cend(); ++it) {
        const QString v = it.value()->currentData().toString();
        if (!v.isEmpty())
            q.attributes.insert(it.key(), v);
    }
    q.sort = static_cast<CatalogSort>(m_sort->currentData().toInt());
    m_model->setQuery(q);
}

void CatalogPage::updateCount()
{
    setTone(m_count, Tone::Normal);
    m_count->setToolTip(QString());
    if (!m_context->hasCatalog()) {
        m_count->clear();
        return;
    }
    const QLocale loc;
    const qint64 shown = m_model->rowCount();
    const qint64 total = m_model->expectedTotal();
    if (m_model->isLoading())
        m_count->setText(total >= 0 ? tr("Loading… %1 of %2 products").arg(loc.toString(shown), loc.toString(total))
                                    : tr("Loading…"));
    else
        m_count->setText(tr("%n product(s)", nullptr, static_cast<int>(shown)));
}

void CatalogPage::showProduct(const QString& sku)
{
    const int row = m_model->rowOfSku(sku);
    if (row >= 0) {
        const QModelIndex i = m_model->index(row);
        m_grid->setCurrentIndex(i);
        m_grid->scrollTo(i);
    } else {
        m_details->showProduct(sku);
    }
}

} // namespace uf::ui
