// Table models of the Tasks screen: the import preview's column mapping, the rejected rows of an
// import (with reasons), and the per-category / per-attribute breakdown of the readiness report
// and the evaluation.
#pragma once

#include "common/Services.h"

#include <QAbstractTableModel>

namespace uf::ui {

class ColumnMappingModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { SourceColumn, FieldColumn, SampleColumn, ColumnCount };
    enum Roles { ColumnNameRole = Qt::UserRole, FieldRole, SamplesRole };
    Q_ENUM(Roles)
    explicit ColumnMappingModel(QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void setColumns(const QList<services::ColumnPreview>& columns);
    static QString fieldText(const QString& field);

private:
    QList<services::ColumnPreview> m_columns;
};

class RejectedRowsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { RowColumn, FileColumn, ReasonColumn, ColumnCount };
    enum Roles { RowNumberRole = Qt::UserRole, FileRole, CodeRole, ReasonRole };
    Q_ENUM(Roles)
    explicit RejectedRowsModel(QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void setRows(const QList<services::RejectedRow>& rows);

private:
    QList<services::RejectedRow> m_rows;
};

class BreakdownModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { GroupColumn, KeyColumn, ValueColumn, CountColumn, ShareColumn, ScoreColumn, ColumnCount };
    enum Roles { GroupRole = Qt::UserRole, KeyRole, ValueRole, CountRole, ShareRole, ScoreRole };
    Q_ENUM(Roles)
    explicit BreakdownModel(QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void setRows(const QList<services::BreakdownRow>& rows);

private:
    QList<services::BreakdownRow> m_rows;
};

} // namespace uf::ui
