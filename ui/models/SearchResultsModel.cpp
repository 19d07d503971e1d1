#include "models/SearchResultsModel.h"

#include "models/ThumbnailCache.h"

namespace uf::ui {

SearchResultsModel::SearchResultsModel(ThumbnailCache* thumbnails, QObject* parent)
    : QAbstractListModel(parent), m_thumbnails(thumbnails)
{
    if (m_thumbnails)
        connect(m_thumbnails, &ThumbnailCache::thumbnailsReady, this, &SearchResultsModel::onThumbnails);
}

int SearchResultsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_hits.size());
}

QVariant SearchResultsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const services::SearchHit& h = m_hits[index.row()];
    const auto title = [&] {
        const QString& a = m_language == QLatin1String("ja") ? h.titleJa : h.titleEn;
        const QString& b = m_language == QLatin1String("ja") ? h.titleEn : h.titleJa;
        return !a.isEmpty() ? a : !b.isEmpty() ? b : h.sku;
    };
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole: return title();
    case Qt::ToolTipRole: return QStringLiteral("%1\n%2 · %3").arg(title(), h.sku, h.category);
    case Qt::DecorationRole: return m_thumbnails ? m_thumbnails->thumbnail(h.imagePath) : QPixmap();
    case SkuRole: return h.sku;
    case CategoryRole: return h.category;
    case ImagePathRole: return h.imagePath;
    case ScoreRole: return h.score;
    case RankRole: return index.row() + 1;
    default: return {};
    }
}

QHash<int, QByteArray> SearchResultsModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(SkuRole, "sku");
    names.insert(TitleRole, "title");
    names.insert(CategoryRole, "category");
    names.insert(ImagePathRole, "imagePath");
    names.insert(ScoreRole, "score");
    names.insert(RankRole, "rank");
    return names;
}

void SearchResultsModel::setResults(const QList<services::SearchHit>& hits)
{
    beginResetModel();
    m_hits = hits;
    endResetModel();
}

void SearchResultsModel::onThumbnails(const QStringList& paths)
{
    const QSet<QString> ready(paths.cbegin(), paths.cend());
    for (int i = 0; i < m_hits.size(); ++i)
        if (ready.contains(m_hits[i].imagePath))
            Q_EMIT dataChanged(index(i), index(i), {Qt::DecorationRole});
}

ScoreCutoffProxy::ScoreCutoffProxy(QObject* parent) : QSortFilterProxyModel(parent) {}

void ScoreCutoffProxy::setMinimumScore(double score)
{
    if (qFuzzyCompare(score + 1.0, m_min + 1.0))
        return;
    m_min = score;
    invalidateRowsFilter();
}

bool ScoreCutoffProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    return i.data(SearchResultsModel::ScoreRole).toDouble() >= m_min;
}

} // namespace uf::ui
