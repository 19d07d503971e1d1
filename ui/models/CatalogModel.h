// The catalog grid's model: one row per product matching a query (category, attributes, sort).
// Rows are read on the I/O pool with a fresh catalog connection, streamed page by page as QPromise
// results and inserted on the GUI thread in batches on a 100 ms timer, so the first products show
// at once and 100k rows never block the event loop. Thumbnails come from a shared ThumbnailCache.
#pragma once

#include <QAbstractListModel>
#include <QFutureWatcher>
#include <QList>
#include <QMap>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <memory>

namespace uf::ui {

class ThumbnailCache;

// What the grid needs of a product (the detail pane loads the rest on demand).
struct CatalogRow {
    QString sku;
    QString titleJa;
    QString titleEn;
    QString category;
    QString imagePath; // absolute; empty when the product has no image
    QMap<QString, QString> attributes;
    QString split;
    QString updatedAt;
};

// Distinct categories and attribute values with their counts, for the filter panel.
struct CatalogFacets {
    QMap<QString, int> categories;
    QMap<QString, QMap<QString, int>> attributes; // key -> value -> count
    qint64 total = 0;
};

struct CatalogBatch {
    QList<CatalogRow> rows;
    std::shared_ptr<CatalogFacets> facets; // set on the last batch of an unfiltered load
    qint64 total = -1;                     // set on the first batch: rows the query matches
};

enum class CatalogSort { CatalogOrder, Sku, Title, Category, Newest };

struct CatalogQuery {
    QString category;                  // empty: all
    QMap<QString, QString> attributes; // all must match
    CatalogSort sort = CatalogSort::CatalogOrder;
    bool operator==(const CatalogQuery&) const = default;
};

class CatalogModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles {
        SkuRole = Qt::UserRole,
        TitleRole,      // in the UI language, falling back to the other one, then the SKU
        TitleJaRole,
        TitleEnRole,
        CategoryRole,
        ImagePathRole,
        AttributesRole, // QVariantMap key -> value
        SplitRole,
        UpdatedAtRole,
        ThumbnailReadyRole, // bool: the decoration is the real thumbnail (not a placeholder)
    };
    Q_ENUM(Roles)

    explicit CatalogModel(ThumbnailCache* thumbnails, QObject* parent = nullptr);
    ~CatalogModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Opens another catalog (empty: none) and reloads.
    void setCatalog(const QString& folder);
    QString catalog() const { return m_folder; }
    void setQuery(const CatalogQuery& query);
    const CatalogQuery& query() const { return m_query; }
    // Reads the rows again (after an import or another change to the catalog).
    void reload();

    bool isLoading() const { return m_watcher != nullptr; }
    // Rows the query matches (known once the first page arrived), -1 before.
    qint64 expectedTotal() const { return m_expected; }
    const CatalogFacets& facets() const { return m_facets; }
    int rowOfSku(const QString& sku) const;
    const CatalogRow* rowAt(int row) const;

    // The language for TitleRole ("ja"/"en").
    void setLanguage(const QString& code) { m_language = code; }

Q_SIGNALS:
    void loadingChanged(bool loading);
    void facetsChanged();
    void loadFailed(const QString& message, const QString& detail);

private:
    void start();
    void flush();
    void onThumbnails(const QStringList& paths);

    QPointer<ThumbnailCache> m_thumbnails;
    QString m_folder;
    CatalogQuery m_query;
    QString m_language = QStringLiteral("en");
    QList<CatalogRow> m_rows;
    QList<CatalogRow> m_pending;
    QHash<QString, int> m_rowOfSku;
    QMultiHash<QString, int> m_rowsOfImage;
    CatalogFacets m_facets;
    qint64 m_expected = -1;
    QFutureWatcher<CatalogBatch>* m_watcher = nullptr;
    QTimer m_flushTimer;
};

// Worker-side read (any thread; opens its own catalog connection). Streams rows as batches.
class CatalogReader {
public:
    static void read(const QString& folder, const CatalogQuery& query, const std::function<bool(CatalogBatch&&)>& sink);
};


} // namespace uf::ui

Q_DECLARE_METATYPE(uf::ui::CatalogRow)
