#include "models/CatalogModel.h"

#include "catalog/Catalog.h"
#include "common/Jobs.h"
#include "common/Paths.h"
#include "models/ThumbnailCache.h"

#include <QCollator>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace uf::ui {

namespace {

constexpr std::int64_t kPage = 1000;

CatalogRow toRow(const catalog::Catalog& cat, const catalog::Product& p)
{
    CatalogRow r;
    r.sku = fromStd(p.sku);
    if (auto it = p.title.find("ja"); it != p.title.end())
        r.titleJa = fromStd(it->second);
    if (auto it = p.title.find("en"); it != p.title.end())
        r.titleEn = fromStd(it->second);
    r.category = fromStd(p.category);
    if (!p.images.empty())
        r.imagePath = fromPath(cat.resolveImage(p.images.front()));
    for (const auto& [k, v] : p.attributes)
        r.attributes.insert(fromStd(k), fromStd(v));
    r.split = p.split ? fromStd(*p.split) : QString();
    r.updatedAt = fromStd(p.updatedAt);
    return r;
}

void addToFacets(CatalogFacets& f, const CatalogRow& r)
{
    ++f.total;
    if (!r.category.isEmpty())
        ++f.categories[r.category];
    for (auto it = r.attributes.cbegin(); it != r.attributes.cend(); ++it)
        ++f.attributes[it.key()][it.value()];
}

void sortRows(QList<CatalogRow>& rows, CatalogSort sort)
{
    QCollator collator;
    collator.setNumericMode(true);
    const auto title = [](const CatalogRow& r) { return !r.titleJa.isEmpty() ? r.titleJa : r.titleEn; };
    switch (sort) {
    case CatalogSort::CatalogOrder:
        return;
    case CatalogSort::Sku:
        std::stable_sort(rows.begin(), rows.end(),
                         [&](const CatalogRow& a, const CatalogRow& b) { return collator.compare(a.sku, b.sku) < 0; });
        return;
    case CatalogSort::Title:
        std::stable_sort(rows.begin(), rows.end(),
                         [&](const CatalogRow& a, const CatalogRow& b) { return collator.compare(title(a), title(b)) < 0; });
        return;
    case CatalogSort::Category:
        std::stable_sort(rows.begin(), rows.end(), [&](const CatalogRow& a, const CatalogRow& b) {
            const int c = collator.compare(a.category, b.category);
            return c != 0 ? c < 0 : collator.compare(a.sku, b.sku) < 0;
        });
        return;
    case CatalogSort::Newest:
        std::stable_sort(rows.begin(), rows.end(),
                         [](const CatalogRow& a, const CatalogRow& b) { return a.updatedAt > b.updatedAt; });
        return;
    }
}

} // namespace

void CatalogReader::read(const QString& folder, const CatalogQuery& query, const std::function<bool(CatalogBatch&&)>& sink)
{
    catalog::Catalog cat(toPath(folder), catalog::Catalog::OpenMode::Existing);
    catalog::ProductFilter filter;
    if (!query.category.isEmpty())
        filter.category = toStd(query.category);
    for (auto it = query.attributes.cbegin(); it != query.attributes.cend(); ++it)
        filter.attributes[toStd(it.key())] = toStd(it.value());
    const bool unfiltered = query.category.isEmpty() && query.attributes.isEmpty();

    const qint64 total = cat.count(filter);
    auto facets = unfiltered ? std::make_shared<CatalogFacets>() : nullptr;
    const bool streaming = query.sort == CatalogSort::CatalogOrder;
    QList<CatalogRow> all;
    bool first = true;
    for (std::int64_t offset = 0;; offset += kPage) {
        filter.limit = kPage;
        filter.offset = offset;
        const auto products = cat.list(filter);
        CatalogBatch batch;
        batch.rows.reserve(static_cast<qsizetype>(products.size()));
        for (const auto& p : products) {
            batch.rows.append(toRow(cat, p));
            if (facets)
                addToFacets(*facets, batch.rows.back());
        }
        const bool last = static_cast<std::int64_t>(products.size()) < kPage;
        if (streaming) {
            if (first)
                batch.total = total;
            if (last)
                batch.facets = facets;
            first = false;
            if (!sink(std::move(batch)))
                return;
        } else {
            all.append(std::move(batch.rows));
            if (!sink(CatalogBatch{})) // lets the caller stop a long sorted read
                return;
        }
        if (last)
            break;
    }
    if (!streaming) {
        sortRows(all, query.sort);
        CatalogBatch batch;
        batch.rows = std::move(all);
        batch.total = total;
        batch.facets = facets;
        sink(std::move(batch));
    }
}

CatalogModel::CatalogModel(ThumbnailCache* thumbnails, QObject* parent)
    : QAbstractListModel(parent), m_thumbnails(thumbnails)
{
    m_flushTimer.setInterval(100);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &CatalogModel::flush);
    if (m_thumbnails)
        connect(m_thumbnails, &ThumbnailCache::thumbnailsReady, this, &CatalogModel::onThumbnails);
}

CatalogModel::~CatalogModel()
{
    if (m_watcher)
        m_watcher->cancel();
}

int CatalogModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(m_rows.size()); }

const CatalogRow* CatalogModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

int CatalogModel::rowOfSku(const QString& sku) const { return m_rowOfSku.value(sku, -1); }

QVariant CatalogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CatalogRow& r = m_rows[index.row()];
    const auto title = [&] {
        const QString& preferred = m_language == QLatin1String("ja") ? r.titleJa : r.titleEn;
        const QString& other = m_language == QLatin1String("ja") ? r.titleEn : r.titleJa;
        return !preferred.isEmpty() ? preferred : !other.isEmpty() ? other : r.sku;
    };
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole: return title();
    case Qt::ToolTipRole: return QStringLiteral("%1\n%2\n%3").arg(title(), r.sku, r.category);
    case Qt::DecorationRole: return m_thumbnails ? m_thumbnails->thumbnail(r.imagePath) : QPixmap();
    case ThumbnailReadyRole: return m_thumbnails && !m_thumbnails->thumbnail(r.imagePath).isNull();
    case SkuRole: return r.sku;
    case TitleJaRole: return r.titleJa;
    case TitleEnRole: return r.titleEn;
    case CategoryRole: return r.category;
    case ImagePathRole: return r.imagePath;
    case AttributesRole: {
        QVariantMap m;
        for (auto it = r.attributes.cbegin(); it != r.attributes.cend(); ++it)
            m.insert(it.key(), it.value());
        return m;
    }
    case SplitRole: return r.split;
    case UpdatedAtRole: return r.updatedAt;
    default: return {};
    }
}

QHash<int, QByteArray> CatalogModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(SkuRole, "sku");
    names.insert(TitleRole, "title");
    names.insert(TitleJaRole, "titleJa");
    names.insert(TitleEnRole, "titleEn");
    names.insert(CategoryRole, "category");
    names.insert(ImagePathRole, "imagePath");
    names.insert(AttributesRole, "attributes");
    names.insert(SplitRole, "split");
    names.insert(UpdatedAtRole, "updatedAt");
    names.insert(ThumbnailReadyRole, "thumbnailReady");
    return names;
}

void CatalogModel::setCatalog(const QString& folder)
{
    m_folder = folder;
    m_facets = {};
    Q_EMIT facetsChanged();
    m_query = {};
    reload();
}

void CatalogModel::setQuery(const CatalogQuery& query)
{
    if (query == m_query && (m_watcher || !m_rows.isEmpty()))
        return;
    m_query = query;
    reload();
}

void CatalogModel::reload()
{
    if (m_watcher) {
        m_watcher->disconnect(this);
        m_watcher->cancel();
        m_watcher->deleteLater();
        m_watcher = nullptr;
    }
    m_flushTimer.stop();
    m_pending.clear();
    beginResetModel();
    m_rows.clear();
    m_rowOfSku.clear();
    m_rowsOfImage.clear();
    m_expected = -1;
    endResetModel();
    if (m_folder.isEmpty()) {
        Q_EMIT loadingChanged(false);
        return;
    }
    start();
}

void CatalogModel::start()
{
    const QString folder = m_folder;
    const CatalogQuery query = m_query;
    QFuture<CatalogBatch> future = QtConcurrent::run(ioPool(), [folder, query](QPromise<CatalogBatch>& promise) {
        try {
            CatalogReader::read(folder, query, [&promise](CatalogBatch&& b) {
                if (promise.isCanceled())
                    return false;
                if (!b.rows.isEmpty() || b.total >= 0 || b.facets)
                    promise.addResult(std::move(b));
                return true;
            });
        } catch (...) {
            promise.setException(toJobError(std::current_exception()));
        }
    });
    m_watcher = new QFutureWatcher<CatalogBatch>(this);
    auto* watcher = m_watcher;
    connect(watcher, &QFutureWatcherBase::resultsReadyAt, this, [this, watcher](int begin, int end) {
        for (int i = begin; i < end; ++i) {
            CatalogBatch b = watcher->resultAt(i);
            if (b.total >= 0)
                m_expected = b.total;
            if (b.facets) {
                m_facets = *b.facets;
                Q_EMIT facetsChanged();
            }
            m_pending.append(std::move(b.rows));
        }
        // The first page goes in at once (the window shows products immediately); later pages
        // are batched on the timer so a 100k catalog means ~tens of inserts, not thousands.
        if (m_rows.isEmpty())
            flush();
        else if (!m_flushTimer.isActive())
            m_flushTimer.start();
    });
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        if (watcher != m_watcher)
            return;
        try {
            watcher->waitForFinished(); // rethrows the worker's JobError
        } catch (const JobError& e) {
            Q_EMIT loadFailed(e.message(), e.detail());
        } catch (...) {
        }
        m_watcher = nullptr;
        watcher->deleteLater();
        flush();
        Q_EMIT loadingChanged(false);
    });
    watcher->setFuture(future);
    Q_EMIT loadingChanged(true);
}

void CatalogModel::flush()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    const int first = static_cast<int>(m_rows.size());
    const int last = first + static_cast<int>(m_pending.size()) - 1;
    beginInsertRows({}, first, last);
    for (int i = 0; i < m_pending.size(); ++i) {
        const CatalogRow& r = m_pending[i];
        m_rowOfSku.insert(r.sku, first + i);
        if (!r.imagePath.isEmpty())
            m_rowsOfImage.insert(r.imagePath, first + i);
    }
    m_rows.append(std::move(m_pending));
    m_pending.clear();
    endInsertRows();
}

void CatalogModel::onThumbnails(const QStringList& paths)
{
    // Contiguous runs would be nicer, but ready thumbnails are few and the views only repaint
    // what is visible.
    for (const QString& p : paths) {
        for (auto it = m_rowsOfImage.constFind(p); it != m_rowsOfImage.cend() && it.key() == p; ++it) {
            const QModelIndex i = index(it.value());
            Q_EMIT dataChanged(i, i, {Qt::DecorationRole, ThumbnailReadyRole});
        }
    }
}

} // namespace uf::ui
