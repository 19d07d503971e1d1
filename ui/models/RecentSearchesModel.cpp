#include "models/RecentSearchesModel.h"

#include "common/Icons.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace uf::ui {

QString RecentSearch::encode() const
{
    QJsonObject o;
    o.insert(QStringLiteral("text"), text);
    if (!photoPath.isEmpty())
        o.insert(QStringLiteral("photo"), photoPath);
    if (!sku.isEmpty())
        o.insert(QStringLiteral("sku"), sku);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

RecentSearch RecentSearch::decode(const QString& s)
{
    const QJsonObject o = QJsonDocument::fromJson(s.toUtf8()).object();
    return {o.value(QStringLiteral("text")).toString(), o.value(QStringLiteral("photo")).toString(),
            o.value(QStringLiteral("sku")).toString()};
}

RecentSearchesModel::RecentSearchesModel(QObject* parent) : QAbstractListModel(parent) {}

int RecentSearchesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

QString RecentSearchesModel::describe(const RecentSearch& s)
{
    QStringList parts;
    if (!s.sku.isEmpty())
        parts << tr("like %1").arg(s.sku);
    else if (!s.photoPath.isEmpty())
        parts << tr("photo %1").arg(QFileInfo(s.photoPath).fileName());
    if (!s.text.isEmpty())
        parts << QStringLiteral("“%1”").arg(s.text);
    return parts.join(QStringLiteral(" + "));
}

QVariant RecentSearchesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RecentSearch& s = m_entries[index.row()];
    switch (role) {
    case Qt::DisplayRole: return describe(s);
    case Qt::DecorationRole:
        return icon(!s.sku.isEmpty() ? QStringLiteral("similar") : !s.photoPath.isEmpty() ? QStringLiteral("photo")
                                                                                            : QStringLiteral("search"));
    case Qt::ToolTipRole: return tr("Run this search again");
    case TextRole: return s.text;
    case PhotoPathRole: return s.photoPath;
    case SkuRole: return s.sku;
    default: return {};
    }
}

QHash<int, QByteArray> RecentSearchesModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(TextRole, "text");
    names.insert(PhotoPathRole, "photoPath");
    names.insert(SkuRole, "sku");
    return names;
}

void RecentSearchesModel::add(const RecentSearch& search)
{
    const int existing = static_cast<int>(m_entries.indexOf(search));
    if (existing == 0)
        return;
    if (existing > 0) {
        beginMoveRows({}, existing, existing, {}, 0);
        m_entries.move(existing, 0);
        endMoveRows();
        return;
    }
    beginInsertRows({}, 0, 0);
    m_entries.prepend(search);
    endInsertRows();
    if (m_entries.size() > kMax) {
        beginRemoveRows({}, kMax, static_cast<int>(m_entries.size()) - 1);
        m_entries.resize(kMax);
        endRemoveRows();
    }
}

void RecentSearchesModel::setEntries(const QList<RecentSearch>& entries)
{
    beginResetModel();
    m_entries = entries.mid(0, kMax);
    endResetModel();
}

QStringList RecentSearchesModel::encoded() const
{
    QStringList out;
    for (const auto& e : m_entries)
        out << e.encode();
    return out;
}

} // namespace uf::ui
