// Search results (and "similar items"): product, score, in rank order. ScoreCutoffProxy hides
// results under the relevance cut-off without asking core again.
#pragma once

#include "common/Services.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QSortFilterProxyModel>

#include <limits>

namespace uf::ui {

class ThumbnailCache;

class SearchResultsModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles {
        SkuRole = Qt::UserRole,
        TitleRole,
        CategoryRole,
        ImagePathRole,
        ScoreRole, // double, higher is more relevant
        RankRole,  // 1-based
    };
    Q_ENUM(Roles)

    explicit SearchResultsModel(ThumbnailCache* thumbnails, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setResults(const QList<services::SearchHit>& hits);
    void clear() { setResults({}); }
    void setLanguage(const QString& code) { m_language = code; }

private:
    void onThumbnails(const QStringList& paths);
    QPointer<ThumbnailCache> m_thumbnails;
    QList<services::SearchHit> m_hits;
    QString m_language = QStringLiteral("en");
};

class ScoreCutoffProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ScoreCutoffProxy(QObject* parent = nullptr);
    void setMinimumScore(double score);
    double minimumScore() const { return m_min; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    double m_min = -std::numeric_limits<double>::infinity(); // no cut-off
};

} // namespace uf::ui
