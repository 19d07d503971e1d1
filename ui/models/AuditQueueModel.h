// The reviewers' queue: generated outputs with status, kind, creator and model, as a table.
// AuditFilterProxy narrows it by status, creator and model (the Audit screen's filters).
#pragma once

#include "common/Services.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace uf::ui {

class AuditQueueModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { IdColumn, KindColumn, StatusColumn, PromptColumn, CreatorColumn, ModelColumn, CreatedColumn, ColumnCount };
    enum Roles {
        IdRole = Qt::UserRole,
        KindRole,
        StatusRole, // "pending" / "approved" / "rejected"
        CreatorRole,
        ModelRole,
        ImagePathRole,
        ReferenceImagePathRole,
        TextRole,
    };
    Q_ENUM(Roles)

    explicit AuditQueueModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setItems(const QList<services::AuditItem>& items);
    // Replaces one item after a decision (keeps the row, so the selection can move on).
    void updateItem(const services::AuditItem& item);
    const services::AuditItem* item(int row) const;
    int rowOfId(qint64 id) const;
    QStringList creators() const;
    QStringList models() const;

    static QString statusText(const QString& status);
    static QString kindText(const QString& kind);

private:
    QList<services::AuditItem> m_items;
};

class AuditFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit AuditFilterProxy(QObject* parent = nullptr);
    void setStatus(const QString& status);   // empty: all
    void setCreator(const QString& creator); // empty: all
    void setModel(const QString& model);     // empty: all

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_status, m_creator, m_model;
};

} // namespace uf::ui
