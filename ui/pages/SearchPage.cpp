#include "pages/SearchPage.h"

#include "common/AppContext.h"
#include "common/Icons.h"
#include "common/Jobs.h"
#include "common/Services.h"
#include "common/Style.h"
#include "models/RecentSearchesModel.h"
#include "models/SearchResultsModel.h"
#include "models/ThumbnailCache.h"
#include "widgets/ProductDelegate.h"
#include "widgets/Widgets.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QImageReader>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QMimeData>
#include <QPushButton>
#include <QSlider>
#include <QSplitter>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

#include <limits>

namespace uf::ui {

namespace {
bool isImageFile(const QString& path)
{
    return !QImageReader::imageFormat(path).isEmpty();
}
} // namespace

SearchPage::SearchPage(AppContext* context, QWidget* parent) : QWidget(parent), m_context(context)
{
    setAcceptDrops(true);
    auto* layout = new QVBoxLayout(this);
    m_banner = new Banner(this);
    layout->addWidget(m_banner);

    auto* row = new QHBoxLayout;
    m_query = new QLineEdit(this);
    m_query->setPlaceholderText(tr("Search in Japanese or English, e.g. 紺のストライプシャツ or navy striped shirt"));
    m_query->setClearButtonEnabled(true);
    m_query->setToolTip(tr("Describe what you look for (Ctrl+F). With a photo, describe the change: “in navy”"));
    m_query->installEventFilter(this);
    m_photoButton = new QToolButton(this);
    m_photoButton->setIcon(icon(QStringLiteral("photo")));
    m_photoButton->setText(tr("Photo…"));
    m_photoButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_photoButton->setToolTip(tr("Search with a photo file (you can also drop a photo here)"));
    m_pasteButton = new QToolButton(this);
    m_pasteButton->setIcon(icon(QStringLiteral("paste")));
    m_pasteButton->setToolTip(tr("Paste a photo from the clipboard (Ctrl+V)"));
    m_search = new QPushButton(icon(QStringLiteral("search")), tr("Search"), this);
    m_search->setDefault(true);
    m_search->setToolTip(tr("Run the search (Enter)"));
    row->addWidget(m_query, 1);
    row->addWidget(m_photoButton);
    row->addWidget(m_pasteButton);
    row->addWidget(m_search);
    layout->addLayout(row);

    auto* chipRow = new QHBoxLayout;
    m_chip = new Chip(this);
    m_chip->hide();
    m_chip->removeButton()->setToolTip(tr("Remove the photo (search by text only)"));
    chipRow->addWidget(m_chip);
    chipRow->addStretch(1);
    m_cutoffLabel = new QLabel(this);
    m_cutoff = new QSlider(Qt::Horizontal, this);
    m_cutoff->setRange(0, 100);
    m_cutoff->setValue(0);
    m_cutoff->setFixedWidth(180);
    m_cutoff->setToolTip(tr("Hide results whose score is below this value"));
    m_cutoff->setAccessibleName(tr("Relevance cut-off"));
    chipRow->addWidget(m_cutoffLabel);
    chipRow->addWidget(m_cutoff);
    layout->addLayout(chipRow);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    auto* resultsBox = new QWidget(splitter);
    auto* rl = new QVBoxLayout(resultsBox);
    rl->setContentsMargins(0, 0, 0, 0);
    m_summary = new QLabel(resultsBox);
    m_summary->setWordWrap(true);
    rl->addWidget(m_summary);
    m_results = new SearchResultsModel(context->thumbnails(), this);
    m_proxy = new ScoreCutoffProxy(this);
    m_proxy->setSourceModel(m_results);
    m_resultsView = new QListView(resultsBox);
    m_resultsView->setViewMode(QListView::IconMode);
    m_resultsView->setMovement(QListView::Static);
    m_resultsView->setResizeMode(QListView::Adjust);
    m_resultsView->setUniformItemSizes(true);
    m_resultsView->setSpacing(4);
    auto* delegate = new ProductDelegate(context->thumbnails()->side(), SearchResultsModel::SkuRole,
                                         SearchResultsModel::ScoreRole, m_resultsView);
    m_resultsView->setItemDelegate(delegate);
    m_resultsView->setGridSize(delegate->tileSize(font()) + QSize(8, 8));
    m_resultsView->setModel(m_proxy);
    m_resultsView->setAccessibleName(tr("Search results"));
    rl->addWidget(m_resultsView, 1);

    auto* recentBox = new QGroupBox(tr("Recent searches"), splitter);
    auto* recentLayout = new QVBoxLayout(recentBox);
    m_recent = new RecentSearchesModel(this);
    QList<RecentSearch> entries;
    for (const QString& e : context->settings().recentSearches())
        entries << RecentSearch::decode(e);
    m_recent->setEntries(entries);
    m_recentView = new QListView(recentBox);
    m_recentView->setModel(m_recent);
    m_recentView->setToolTip(tr("Double-click or press Enter to run a search again"));
    recentLayout->addWidget(m_recentView);
    splitter->addWidget(resultsBox);
    splitter->addWidget(recentBox);
    splitter->setStretchFactor(0, 1);
    splitter->setSizes({900, 260});
    layout->addWidget(splitter, 1);

    setTabOrder(m_query, m_photoButton);
    setTabOrder(m_photoButton, m_pasteButton);
    setTabOrder(m_pasteButton, m_search);
    setTabOrder(m_search, m_cutoff);
    setTabOrder(m_cutoff, m_resultsView);
    setTabOrder(m_resultsView, m_recentView);

    connect(m_query, &QLineEdit::returnPressed, this, &SearchPage::runSearch);
    connect(m_search, &QPushButton::clicked, this, &SearchPage::runSearch);
    connect(m_photoButton, &QToolButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Search with a photo"), QString(),
                                                          tr("Images (*.png *.jpg *.jpeg *.webp *.bmp)"));
        if (!file.isEmpty())
            setPhotoFile(file);
    });
    connect(m_pasteButton, &QToolButton::clicked, this, [this] {
        if (!pastePhoto())
            m_summary->setText(tr("The clipboard holds no image. Copy a photo first, then paste it here."));
    });
    connect(m_chip, &Chip::removeRequested, this, &SearchPage::clearPhoto);
    connect(m_cutoff, &QSlider::valueChanged, this, [this](int v) {
        // At 0 the cut-off is off: scores are cosines, and a weak match may score below zero.
        m_proxy->setMinimumScore(v > 0 ? v / 100.0 : -std::numeric_limits<double>::infinity());
        updateSummary();
    });
    connect(m_resultsView, &QListView::activated, this, [this](const QModelIndex& i) {
        Q_EMIT m_context->showProductRequested(i.data(SearchResultsModel::SkuRole).toString());
    });
    connect(m_recentView, &QListView::activated, this, [this](const QModelIndex& i) {
        runRecent({i.data(RecentSearchesModel::TextRole).toString(), i.data(RecentSearchesModel::PhotoPathRole).toString(),
                   i.data(RecentSearchesModel::SkuRole).toString()});
    });
    connect(context, &AppContext::catalogChanged, this, [this] {
        m_results->clear();
        updateAvailability();
    });
    connect(context, &AppContext::catalogContentChanged, this, &SearchPage::updateAvailability);
    m_cutoffLabel->setText(tr("Relevance cut-off: %1").arg(QLocale().toString(0.0, 'f', 2)));
    updateAvailability();
    updateSummary();
}

void SearchPage::updateAvailability()
{
    QString why;
    if (!services::has(services::Feature::Search))
        why = tr("Search is not available yet: this build has no search module. It becomes available once the "
                 "index can be built in Tasks → Index.");
    else if (!m_context->hasCatalog())
        why = tr("Open a catalog first (Settings → Catalog).");
    else if (!services::indexExists(m_context->catalogPath()))
        why = tr("Search is available when the index is built. Build it in Tasks → Index.");
    else if (m_context->modelPackPath().isEmpty())
        why = tr("No model pack is installed. Choose one in Settings → Model pack.");
    m_banner->setText(why);
    m_banner->setVisible(!why.isEmpty());
    m_search->setEnabled(why.isEmpty() && !m_busy);
}

void SearchPage::focusQuery()
{
    m_query->setFocus(Qt::ShortcutFocusReason);
    m_query->selectAll();
}

bool SearchPage::hasPhoto() const { return !m_photoPath.isEmpty() || !m_photoSku.isEmpty(); }

bool SearchPage::pastePhoto()
{
    const QMimeData* mime = QApplication::clipboard()->mimeData();
    if (!mime)
        return false;
    if (mime->hasImage()) {
        const QImage image = qvariant_cast<QImage>(mime->imageData());
        if (!image.isNull()) {
            setPhotoImage(image);
            return true;
        }
    }
    if (mime->hasUrls()) {
        for (const QUrl& url : mime->urls()) {
            if (url.isLocalFile() && isImageFile(url.toLocalFile())) {
                setPhotoFile(url.toLocalFile());
                return true;
            }
        }
    }
    return false;
}

void SearchPage::setPhotoFile(const QString& path)
{
    m_photoPath = path;
    m_photoSku.clear();
    m_chip->setContent(tr("Photo: %1").arg(QFileInfo(path).fileName()), {}, path);
    m_chip->show();
    m_query->setPlaceholderText(tr("Optional: describe the change, e.g. “in navy” or “紺色で”"));
}

void SearchPage::setPhotoImage(const QImage& image)
{
    // Core searches by file: keep the pasted image in the cache folder under a unique name.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/pasted");
    QDir().mkpath(dir);
    const QString file = QStringLiteral("%1/paste-%2.png").arg(dir, QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmsszzz")));
    if (!image.save(file, "PNG")) {
        m_summary->setText(tr("The pasted image could not be saved to %1. Check the disk space.").arg(dir));
        return;
    }
    setPhotoFile(file);
    m_chip->setContent(tr("Pasted photo"), image);
}

void SearchPage::setProduct(const QString& sku)
{
    m_photoSku = sku;
    m_photoPath.clear();
    m_chip->setContent(tr("Like %1").arg(sku));
    m_chip->show();
    // The chip shows the product's photo once its details are read.
    if (m_context->hasCatalog()) {
        const QString folder = m_context->catalogPath();
        runGuarded(ioPool(), [folder, sku] { return services::productDetails(folder, sku); })
            .then(this, [this, sku](const std::optional<services::ProductDetails>& d) {
                if (d && m_photoSku == sku)
                    m_chip->setContent(tr("Like %1").arg(sku), {}, d->imagePaths.value(0));
            })
            .onFailed(this, [] {});
    }
    m_query->setPlaceholderText(tr("Optional: describe the change, e.g. “in navy” or “紺色で”"));
}

void SearchPage::clearPhoto()
{
    m_photoPath.clear();
    m_photoSku.clear();
    m_chip->hide();
    m_query->setPlaceholderText(tr("Search in Japanese or English, e.g. 紺のストライプシャツ or navy striped shirt"));
}

void SearchPage::runRecent(const RecentSearch& s)
{
    m_query->setText(s.text);
    if (!s.sku.isEmpty())
        setProduct(s.sku);
    else if (!s.photoPath.isEmpty())
        setPhotoFile(s.photoPath);
    else
        clearPhoto();
    runSearch();
}

void SearchPage::runSearch()
{
    const QString text = m_query->text().trimmed();
    if (text.isEmpty() && !hasPhoto()) {
        m_summary->setText(tr("Type what you look for, or add a photo."));
        return;
    }
    updateAvailability();
    if (!m_search->isEnabled() && !m_busy) {
        m_summary->setText(m_banner->text());
        return;
    }
    services::SearchRequest req;
    req.catalog = m_context->catalogPath();
    req.pack = m_context->modelPackPath();
    req.device = m_context->device();
    req.text = text;
    req.photoPath = m_photoPath;
    req.sku = m_photoSku;
    req.k = 60;
    m_recent->add({text, m_photoPath, m_photoSku});
    m_context->settings().setRecentSearches(m_recent->encoded());
    m_results->setLanguage(m_context->language());

    const int generation = ++m_generation;
    m_busy = true;
    m_search->setEnabled(false);
    m_summary->setText(tr("Searching…"));
    setTone(m_summary, Tone::Normal);
    runGuarded(ioPool(), [req] { return services::search(req); })
        .then(this,
              [this, generation](const services::SearchOutcome& r) {
                  if (generation != m_generation)
                      return;
                  m_busy = false;
                  m_tookMs = r.tookMs;
                  m_corrections = r.corrections;
                  m_results->setResults(r.hits);
                  updateAvailability();
                  updateSummary();
                  Q_EMIT searchFinished(static_cast<int>(r.hits.size()));
              })
        .onFailed(this, [this, generation](const JobError& e) {
            if (generation != m_generation)
                return;
            m_busy = false;
            updateAvailability();
            m_summary->setText(e.message() + QLatin1Char('\n') + e.detail());
            setTone(m_summary, Tone::Error);
            Q_EMIT searchFailed(e.message());
        });
}

void SearchPage::updateSummary()
{
    const QLocale loc;
    m_cutoffLabel->setText(tr("Relevance cut-off: %1").arg(loc.toString(m_cutoff->value() / 100.0, 'f', 2)));
    if (m_busy)
        return;
    setTone(m_summary, Tone::Normal);
    const int all = m_results->rowCount();
    const int shown = m_proxy->rowCount();
    if (all == 0) {
        m_summary->setText(m_generation == 0 ? tr("Results appear here with their scores.") : tr("No results."));
        return;
    }
    QString s = tr("%n result(s)", nullptr, shown);
    if (shown < all)
        s += QLatin1Char(' ') + tr("(%n hidden under the cut-off)", nullptr, all - shown);
    s += QStringLiteral(" · ") + tr("%1 ms").arg(loc.toString(m_tookMs, 'f', 0));
    if (!m_corrections.isEmpty())
        s += QStringLiteral(" · ") + tr("Read as: %1").arg(m_corrections.join(QStringLiteral(", ")));
    m_summary->setText(s);
}

void SearchPage::dragEnterEvent(QDragEnterEvent* event)
{
    const QMimeData* mime = event->mimeData();
    bool ok = mime->hasImage();
    for (const QUrl& url : mime->urls())
        ok = ok || (url.isLocalFile() && isImageFile(url.toLocalFile()));
    if (ok)
        event->acceptProposedAction();
}

void SearchPage::dropEvent(QDropEvent* event)
{
    const QMimeData* mime = event->mimeData();
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile() && isImageFile(url.toLocalFile())) {
            setPhotoFile(url.toLocalFile());
            event->acceptProposedAction();
            return;
        }
    }
    if (mime->hasImage()) {
        setPhotoImage(qvariant_cast<QImage>(mime->imageData()));
        event->acceptProposedAction();
    }
}

bool SearchPage::eventFilter(QObject* watched, QEvent* event)
{
    // Ctrl+V in the text field pastes a photo when the clipboard holds one, text otherwise.
    if (watched == m_query && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->matches(QKeySequence::Paste)) {
            const QMimeData* mime = QApplication::clipboard()->mimeData();
            if (mime && !mime->hasText() && pastePhoto())
                return true;
            if (mime && mime->hasImage() && pastePhoto())
                return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace uf::ui
