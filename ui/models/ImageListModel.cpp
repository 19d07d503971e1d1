#include "models/ImageListModel.h"

#include "models/ThumbnailCache.h"

#include <QSet>

namespace uf::ui {

ImageListModel::ImageListModel(ThumbnailCache* thumbnails, QObject* parent)
    : QAbstractListModel(parent), m_thumbnails(thumbnails)
{
    if (m_thumbnails)
        connect(m_thumbnails, &ThumbnailCache::thumbnailsReady, this, [this](const QStringList& paths) {
            const QSet<QString> ready(paths.cbegin(), paths.cend());
            for (int i = 0; i < m_items.size(); ++i)
                if (ready.contains(m_items[i].path))
                    Q_EMIT dataChanged(index(i), index(i), {Qt::DecorationRole});
        });
}

int ImageListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(m_items.size()); }

QVariant ImageListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ImageListItem& it = m_items[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case LabelRole: return it.label;
    case Qt::DecorationRole: return m_thumbnails ? m_thumbnails->thumbnail(it.path) : QPixmap();
    case Qt::ToolTipRole: return it.path;
    case IdRole: return it.id;
    case PathRole: return it.path;
    default: return {};
    }
}

QHash<int, QByteArray> ImageListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(IdRole, "id");
    names.insert(PathRole, "path");
    names.insert(LabelRole, "label");
    return names;
}

void ImageListModel::setItems(const QList<ImageListItem>& items)
{
    beginResetModel();
    m_items = items;
    endResetModel();
}

} // namespace uf::ui
