// A short list of images with a label (the outputs of a generation run), for a thumbnail strip.
#pragma once

#include <QAbstractListModel>
#include <QPointer>

namespace uf::ui {

class ThumbnailCache;

struct ImageListItem {
    qint64 id = 0;
    QString path;
    QString label;
};

class ImageListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles { IdRole = Qt::UserRole, PathRole, LabelRole };
    Q_ENUM(Roles)
    explicit ImageListModel(ThumbnailCache* thumbnails, QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    void setItems(const QList<ImageListItem>& items);

private:
    QPointer<ThumbnailCache> m_thumbnails;
    QList<ImageListItem> m_items;
};

} // namespace uf::ui
