#include "models/TaskModels.h"

#include "common/Vocabulary.h"

#include <QLocale>

namespace uf::ui {

// ---- ColumnMappingModel ---------------------------------------------------------------------------

ColumnMappingModel::ColumnMappingModel(QObject* parent) : QAbstractTableModel(parent) {}
int ColumnMappingModel::rowCount(const QModelIndex& p) const { return p.isValid() ? 0 : static_cast<int>(m_columns.size()); }
int ColumnMappingModel::columnCount(const QModelIndex& p) const { return p.isValid() ? 0 : ColumnCount; }

QString ColumnMappingModel::fieldText(const QString& field)
{
    if (field == QLatin1String("sku")) return tr("SKU");
    if (field == QLatin1String("title")) return tr("Title (language detected)");
    if (field == QLatin1String("title_ja")) return tr("Title (Japanese)");
    if (field == QLatin1String("title_en")) return tr("Title (English)");
    if (field == QLatin1String("description")) return tr("Description (language detected)");
    if (field == QLatin1String("description_ja")) return tr("Description (Japanese)");
    if (field == QLatin1String("description_en")) return tr("Description (English)");
    if (field == QLatin1String("category")) return tr("Category");
    if (field == QLatin1String("image")) return tr("Image");
    if (field == QLatin1String("images")) return tr("Images (several)");
    if (field == QLatin1String("split")) return tr("Split (train/test)");
    if (field == QLatin1String("ignore")) return tr("Ignored");
    if (field.startsWith(QLatin1String("attr:")))
        return tr("Attribute: %1").arg(Vocabulary::keyName(field.mid(5)));
    return field;
}

QVariant ColumnMappingModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const services::ColumnPreview& c = m_columns[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SourceColumn: return c.column;
        case FieldColumn: return fieldText(c.field);
        case SampleColumn: return c.samples.join(QStringLiteral(" | "));
        }
        return {};
    case Qt::ToolTipRole: return c.samples.join(QLatin1Char('\n'));
    case ColumnNameRole: return c.column;
    case FieldRole: return c.field;
    case SamplesRole: return c.samples;
    default: return {};
    }
}

QVariant ColumnMappingModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    switch (section) {
    case SourceColumn: return tr("Column in the file");
    case FieldColumn: return tr("Imported as");
    case SampleColumn: return tr("First values");
    }
    return {};
}

void ColumnMappingModel::setColumns(const QList<services::ColumnPreview>& columns)
{
    beginResetModel();
    m_columns = columns;
    endResetModel();
}

// ---- RejectedRowsModel ---------------------------------------------------------------------------

RejectedRowsModel::RejectedRowsModel(QObject* parent) : QAbstractTableModel(parent) {}
int RejectedRowsModel::rowCount(const QModelIndex& p) const { return p.isValid() ? 0 : static_cast<int>(m_rows.size()); }
int RejectedRowsModel::columnCount(const QModelIndex& p) const { return p.isValid() ? 0 : ColumnCount; }

QVariant RejectedRowsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const services::RejectedRow& r = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case RowColumn: return r.row;
        case FileColumn: return r.file;
        case ReasonColumn: return r.reason;
        }
        return {};
    case Qt::ToolTipRole: return r.reason;
    case RowNumberRole: return r.row;
    case FileRole: return r.file;
    case CodeRole: return r.code;
    case ReasonRole: return r.reason;
    default: return {};
    }
}

QVariant RejectedRowsModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    switch (section) {
    case RowColumn: return tr("Row");
    case FileColumn: return tr("File");
    case ReasonColumn: return tr("Reason");
    }
    return {};
}

void RejectedRowsModel::setRows(const QList<services::RejectedRow>& rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

// ---- BreakdownModel ------------------------------------------------------------------------------

BreakdownModel::BreakdownModel(QObject* parent) : QAbstractTableModel(parent) {}
int BreakdownModel::rowCount(const QModelIndex& p) const { return p.isValid() ? 0 : static_cast<int>(m_rows.size()); }
int BreakdownModel::columnCount(const QModelIndex& p) const { return p.isValid() ? 0 : ColumnCount; }

QVariant BreakdownModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const services::BreakdownRow& r = m_rows[index.row()];
    const QLocale loc;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case GroupColumn:
            return r.group == QLatin1String("composed") ? tr("Composed search (changed attribute)")
                                                        : Vocabulary::valueName(QStringLiteral("category"), r.group);
        case KeyColumn: return r.key.isEmpty() ? QString() : Vocabulary::keyName(r.key);
        case ValueColumn: return Vocabulary::valueName(r.key, r.value);
        case CountColumn: return loc.toString(r.count);
        case ShareColumn: return loc.toString(r.share * 100.0, 'f', 1) + QLatin1Char('%');
        case ScoreColumn: return r.score < 0 ? QStringLiteral("–") : loc.toString(r.score, 'f', 3);
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() >= CountColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case GroupRole: return r.group;
    case KeyRole: return r.key;
    case ValueRole: return r.value;
    case CountRole: return r.count;
    case ShareRole: return r.share;
    case ScoreRole: return r.score;
    default: return {};
    }
}

QVariant BreakdownModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    switch (section) {
    case GroupColumn: return tr("Category");
    case KeyColumn: return tr("Attribute");
    case ValueColumn: return tr("Value");
    case CountColumn: return tr("Products");
    case ShareColumn: return tr("Share");
    case ScoreColumn: return tr("Recall@10");
    }
    return {};
}

void BreakdownModel::setRows(const QList<services::BreakdownRow>& rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

} // namespace uf::ui
