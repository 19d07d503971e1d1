// Recent searches, newest first, remembered in QSettings: the text, the photo (file) and the
// product a "similar" search started from. Activating one runs it again.
#pragma once

#include <QAbstractListModel>

namespace uf::ui {

struct RecentSearch {
    QString text;
    QString photoPath;
    QString sku;
    bool operator==(const RecentSearch&) const = default;
    QString encode() const;
    static RecentSearch decode(const QString& s);
};

class RecentSearchesModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles { TextRole = Qt::UserRole, PhotoPathRole, SkuRole };
    Q_ENUM(Roles)
    static constexpr int kMax = 20;

    explicit RecentSearchesModel(QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Moves an existing equal entry to the top, or inserts; drops the oldest past kMax.
    void add(const RecentSearch& search);
    void setEntries(const QList<RecentSearch>& entries);
    QList<RecentSearch> entries() const { return m_entries; }
    QStringList encoded() const;
    static QString describe(const RecentSearch& s);

private:
    QList<RecentSearch> m_entries;
};

} // namespace uf::ui
