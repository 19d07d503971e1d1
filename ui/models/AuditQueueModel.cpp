#include "models/AuditQueueModel.h"

#include <QCoreApplication>
#include <QSet>

namespace uf::ui {

AuditQueueModel::AuditQueueModel(QObject* parent) : QAbstractTableModel(parent) {}

int AuditQueueModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(m_items.size()); }
int AuditQueueModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString AuditQueueModel::statusText(const QString& status)
{
    if (status == QLatin1String("pending"))
        return tr("Pending");
    if (status == QLatin1String("approved"))
        return tr("Approved");
    if (status == QLatin1String("rejected"))
        return tr("Rejected");
    return status;
}

QString AuditQueueModel::kindText(const QString& kind)
{
    if (kind == QLatin1String("image"))
        return tr("Image");
    if (kind == QLatin1String("caption"))
        return tr("Description");
    return kind;
}

QVariant AuditQueueModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const services::AuditItem& it = m_items[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn: return it.id;
        case KindColumn: return kindText(it.kind);
        case StatusColumn: return statusText(it.status);
        case PromptColumn: return it.kind == QLatin1String("caption") ? it.text : it.prompt;
        case CreatorColumn: return it.createdBy;
        case ModelColumn: return it.model;
        case CreatedColumn: return it.createdAt;
        }
        return {};
    case Qt::ToolTipRole:
        return it.kind == QLatin1String("caption") ? it.text : it.prompt;
    case IdRole: return it.id;
    case KindRole: return it.kind;
    case StatusRole: return it.status;
    case CreatorRole: return it.createdBy;
    case ModelRole: return it.model;
    case ImagePathRole: return it.imagePath;
    case ReferenceImagePathRole: return it.referenceImagePath;
    case TextRole: return it.text;
    default: return {};
    }
}

QVariant AuditQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn: return tr("No.");
    case KindColumn: return tr("Kind");
    case StatusColumn: return tr("Status");
    case PromptColumn: return tr("Prompt / text");
    case CreatorColumn: return tr("Created by");
    case ModelColumn: return tr("Model");
    case CreatedColumn: return tr("Created");
    }
    return {};
}

QHash<int, QByteArray> AuditQueueModel::roleNames() const
{
    auto names = QAbstractTableModel::roleNames();
    names.insert(IdRole, "id");
    names.insert(KindRole, "kind");
    names.insert(StatusRole, "status");
    names.insert(CreatorRole, "creator");
    names.insert(ModelRole, "model");
    names.insert(ImagePathRole, "imagePath");
    names.insert(ReferenceImagePathRole, "referenceImagePath");
    names.insert(TextRole, "text");
    return names;
}

void AuditQueueModel::setItems(const QList<services::AuditItem>& items)
{
    beginResetModel();
    m_items = items;
    endResetModel();
}

void AuditQueueModel::updateItem(const services::AuditItem& item)
{
    const int row = rowOfId(item.id);
    if (row < 0)
        return;
    m_items[row] = item;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

const services::AuditItem* AuditQueueModel::item(int row) const
{
    return row >= 0 && row < m_items.size() ? &m_items[row] : nullptr;
}

int AuditQueueModel::rowOfId(qint64 id) const
{
    for (int i = 0; i < m_items.size(); ++i)
        if (m_items[i].id == id)
            return i;
    return -1;
}

QStringList AuditQueueModel::creators() const
{
    QSet<QString> s;
    for (const auto& it : m_items)
        s.insert(it.createdBy);
    QStringList l(s.cbegin(), s.cend());
    l.sort();
    return l;
}

QStringList AuditQueueModel::models() const
{
    QSet<QString> s;
    for (const auto& it : m_items)
        if (!it.model.isEmpty())
            s.insert(it.model);
    QStringList l(s.cbegin(), s.cend());
    l.sort();
    return l;
}

AuditFilterProxy::AuditFilterProxy(QObject* parent) : QSortFilterProxyModel(parent) {}

void AuditFilterProxy::setStatus(const QString& status)
{
    m_status = status;
    invalidateRowsFilter();
}
void AuditFilterProxy::setCreator(const QString& creator)
{
    m_creator = creator;
    invalidateRowsFilter();
}
void AuditFilterProxy::setModel(const QString& model)
{
    m_model = model;
    invalidateRowsFilter();
}

bool AuditFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_status.isEmpty() && i.data(AuditQueueModel::StatusRole).toString() != m_status)
        return false;
    if (!m_creator.isEmpty() && i.data(AuditQueueModel::CreatorRole).toString() != m_creator)
        return false;
    if (!m_model.isEmpty() && i.data(AuditQueueModel::ModelRole).toString() != m_model)
        return false;
    return true;
}

} // namespace uf::ui
