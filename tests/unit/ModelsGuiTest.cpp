// Every item model of the desktop app under QAbstractItemModelTester, plus what a user sees of
// them: the catalog grid's model streams every product of a catalog (more than one page), filters by
// category and attribute, sorts, and loads thumbnails off the GUI thread; the search results hide
// scores under the cut-off; the review queue filters by status, creator and model; recent searches
// move to the top and stay bounded.
#include "GuiTestFixtures.h"
#include "TestSupport.h"

#include "models/AuditQueueModel.h"
#include "models/CatalogModel.h"
#include "models/ImageListModel.h"
#include "models/RecentSearchesModel.h"
#include "models/SearchResultsModel.h"
#include "models/TaskModels.h"
#include "models/ThumbnailCache.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace uf::ui;

namespace {
QString qs(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }
constexpr auto kReport = QAbstractItemModelTester::FailureReportingMode::QtTest;
} // namespace

class ModelsGuiTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { uftest::isolateSettings("ModelsGuiTest"); }

    void catalogModelStreamsEveryProduct()
    {
        uftest::TempDir dir;
        uftest::buildFixtureCatalog(dir.path(), 2500); // three pages of 1000
        ThumbnailCache thumbs(64);
        CatalogModel model(&thumbs);
        QAbstractItemModelTester tester(&model, kReport);
        QSignalSpy loading(&model, &CatalogModel::loadingChanged);
        model.setCatalog(qs(dir.path()));
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
        QCOMPARE(model.rowCount(), 2500);
        QCOMPARE(model.expectedTotal(), 2500);
        // Facets count the whole catalog: the fixture cycles through 8 products (3 shirts, 2 dresses, 2 skirts, 1 trousers; 2500 = 312 × 8 + 4).
        QCOMPARE(model.facets().total, 2500);
        QCOMPARE(model.facets().categories.value(QStringLiteral("shirt")), 939);
        QCOMPARE(model.facets().attributes.value(QStringLiteral("color")).value(QStringLiteral("navy")), 626);
        const QModelIndex first = model.index(0);
        QCOMPARE(first.data(CatalogModel::SkuRole).toString(), QStringLiteral("SH-001-0"));
        QCOMPARE(first.data(CatalogModel::TitleJaRole).toString(), QStringLiteral("紺のストライプシャツ"));
        QCOMPARE(first.data(CatalogModel::TitleEnRole).toString(), QStringLiteral("Navy striped shirt"));
        QCOMPARE(first.data(CatalogModel::CategoryRole).toString(), QStringLiteral("shirt"));
        QCOMPARE(first.data(CatalogModel::AttributesRole).toMap().value(QStringLiteral("pattern")).toString(), QStringLiteral("stripes"));
        QVERIFY(QFileInfo::exists(first.data(CatalogModel::ImagePathRole).toString()));
        QCOMPARE(model.rowOfSku(QStringLiteral("XX-1")), -1);
        QCOMPARE(model.rowOfSku(QStringLiteral("DR-002-2492")), 2492);
    }

    void catalogModelFiltersAndSorts()
    {
        uftest::TempDir dir;
        uftest::buildFixtureCatalog(dir.path());
        ThumbnailCache thumbs(64);
        CatalogModel model(&thumbs);
        QAbstractItemModelTester tester(&model, kReport);
        model.setCatalog(qs(dir.path()));
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 8);

        CatalogQuery q;
        q.category = QStringLiteral("dress");
        model.setQuery(q);
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 2);
        q.attributes.insert(QStringLiteral("color"), QStringLiteral("navy"));
        model.setQuery(q);
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0).data(CatalogModel::SkuRole).toString(), QStringLiteral("DR-001"));
        // The filter panel keeps the whole catalog's choices while a filter is on.
        QCOMPARE(model.facets().categories.size(), 4);

        CatalogQuery sorted;
        sorted.sort = CatalogSort::Sku;
        model.setQuery(sorted);
        QTRY_VERIFY(!model.isLoading());
        QStringList skus;
        for (int i = 0; i < model.rowCount(); ++i)
            skus << model.index(i).data(CatalogModel::SkuRole).toString();
        QStringList expected = skus;
        expected.sort();
        QCOMPARE(skus, expected);
        QCOMPARE(skus.first(), QStringLiteral("DR-001"));
    }

    void catalogModelReportsAMissingCatalog()
    {
        uftest::TempDir dir;
        CatalogModel model(nullptr);
        QSignalSpy failed(&model, &CatalogModel::loadFailed);
        model.setCatalog(qs(dir.path() / "nothing-here"));
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY(!failed.first().first().toString().isEmpty());
        QCOMPARE(model.rowCount(), 0);
    }

    void thumbnailsLoadOffTheGuiThread()
    {
        uftest::TempDir dir;
        uftest::buildFixtureCatalog(dir.path());
        ThumbnailCache thumbs(48);
        CatalogModel model(&thumbs);
        model.setCatalog(qs(dir.path()));
        QTRY_VERIFY(!model.isLoading());
        QSignalSpy changed(&model, &CatalogModel::dataChanged);
        QVERIFY(model.index(3).data(Qt::DecorationRole).value<QPixmap>().isNull()); // queued, not decoded here
        QTRY_VERIFY(model.index(3).data(CatalogModel::ThumbnailReadyRole).toBool());
        // Views learn about it through dataChanged, batched on the 100 ms timer.
        QTRY_VERIFY(!changed.isEmpty());
        QVERIFY(changed.first().at(2).value<QList<int>>().contains(Qt::DecorationRole));
        const QPixmap pm = model.index(3).data(Qt::DecorationRole).value<QPixmap>();
        QCOMPARE(std::max(pm.width(), pm.height()), 48);
        // A file that is not an image becomes a placeholder, not a crash or a retry loop.
        const QString bogus = qs(dir.path() / "images" / "bogus.png");
        QFile f(bogus);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a png");
        f.close();
        QVERIFY(thumbs.thumbnail(bogus).isNull());
        QTRY_VERIFY(thumbs.isBroken(bogus));
        QTRY_VERIFY(thumbs.isIdle());
    }

    void searchResultsHideScoresUnderTheCutoff()
    {
        SearchResultsModel model(nullptr);
        ScoreCutoffProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester t1(&model, kReport);
        QAbstractItemModelTester t2(&proxy, kReport);
        QList<services::SearchHit> hits;
        for (int i = 0; i < 10; ++i)
            hits.append({QStringLiteral("S%1").arg(i), QStringLiteral("シャツ%1").arg(i), QStringLiteral("Shirt %1").arg(i),
                         QStringLiteral("shirt"), QString(), 0.9 - i * 0.1});
        model.setLanguage(QStringLiteral("ja"));
        model.setResults(hits);
        QCOMPARE(proxy.rowCount(), 10);
        QCOMPARE(model.index(0).data(Qt::DisplayRole).toString(), QStringLiteral("シャツ0"));
        QCOMPARE(model.index(2).data(SearchResultsModel::RankRole).toInt(), 3);
        proxy.setMinimumScore(0.55);
        QCOMPARE(proxy.rowCount(), 4); // 0.9 0.8 0.7 0.6
        QCOMPARE(proxy.index(3, 0).data(SearchResultsModel::SkuRole).toString(), QStringLiteral("S3"));
        proxy.setMinimumScore(0.0);
        QCOMPARE(proxy.rowCount(), 10);
        model.clear();
        QCOMPARE(proxy.rowCount(), 0);
    }

    void auditQueueFiltersByStatusCreatorAndModel()
    {
        AuditQueueModel model;
        AuditFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester t1(&model, kReport);
        QAbstractItemModelTester t2(&proxy, kReport);
        QList<services::AuditItem> items;
        const char* statuses[] = {"pending", "approved", "rejected", "pending"};
        for (int i = 0; i < 4; ++i) {
            services::AuditItem it;
            it.id = i + 1;
            it.kind = i == 3 ? QStringLiteral("caption") : QStringLiteral("image");
            it.status = QString::fromLatin1(statuses[i]);
            it.createdBy = i % 2 ? QStringLiteral("aiko") : QStringLiteral("ben");
            it.model = i < 2 ? QStringLiteral("default") : QStringLiteral("phase2");
            it.prompt = QStringLiteral("prompt %1").arg(i);
            it.text = QStringLiteral("caption text");
            items << it;
        }
        model.setItems(items);
        QCOMPARE(model.columnCount(), int(AuditQueueModel::ColumnCount));
        QCOMPARE(model.creators(), (QStringList{QStringLiteral("aiko"), QStringLiteral("ben")}));
        QCOMPARE(model.index(3, AuditQueueModel::PromptColumn).data().toString(), QStringLiteral("caption text"));
        proxy.setStatus(QStringLiteral("pending"));
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setCreator(QStringLiteral("aiko"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setCreator(QString());
        proxy.setModel(QStringLiteral("phase2"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data(AuditQueueModel::IdRole).toLongLong(), 4);
        // A decision changes the row in place; the pending view drops it.
        services::AuditItem decided = items[3];
        decided.status = QStringLiteral("approved");
        model.updateItem(decided);
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setStatus(QString());
        proxy.setModel(QString());
        QCOMPARE(proxy.rowCount(), 4);
    }

    void taskTablesUnderTester()
    {
        ColumnMappingModel mapping;
        RejectedRowsModel rejected;
        BreakdownModel breakdown;
        QAbstractItemModelTester t1(&mapping, kReport);
        QAbstractItemModelTester t2(&rejected, kReport);
        QAbstractItemModelTester t3(&breakdown, kReport);
        mapping.setColumns({{QStringLiteral("品番"), QStringLiteral("sku"), {QStringLiteral("A1")}},
                            {QStringLiteral("色"), QStringLiteral("attr:color"), {QStringLiteral("navy")}}});
        QCOMPARE(mapping.rowCount(), 2);
        QCOMPARE(mapping.index(0, ColumnMappingModel::FieldColumn).data().toString(), QStringLiteral("SKU"));
        QCOMPARE(mapping.index(1, ColumnMappingModel::FieldColumn).data(ColumnMappingModel::FieldRole).toString(),
                 QStringLiteral("attr:color"));
        rejected.setRows({{3, QStringLiteral("img/missing.png"), QStringLiteral("missing_file"), QStringLiteral("no such file")}});
        QCOMPARE(rejected.index(0, RejectedRowsModel::ReasonColumn).data().toString(), QStringLiteral("no such file"));
        QCOMPARE(rejected.index(0, 0).data(RejectedRowsModel::RowNumberRole).toLongLong(), 3);
        breakdown.setRows({{QStringLiteral("shirt"), QStringLiteral("color"), QStringLiteral("navy"), 12, 0.5, -1}});
        QCOMPARE(breakdown.index(0, BreakdownModel::CountColumn).data(BreakdownModel::CountRole).toLongLong(), 12);
        mapping.setColumns({});
        rejected.setRows({});
        breakdown.setRows({});
        QCOMPARE(mapping.rowCount() + rejected.rowCount() + breakdown.rowCount(), 0);
    }

    void recentSearchesMoveToTopAndStayBounded()
    {
        RecentSearchesModel model;
        QAbstractItemModelTester tester(&model, kReport);
        model.add({QStringLiteral("navy shirt"), {}, {}});
        model.add({QStringLiteral("赤いワンピース"), {}, {}});
        model.add({QString(), {}, QStringLiteral("SH-001")});
        QCOMPARE(model.rowCount(), 3);
        model.add({QStringLiteral("navy shirt"), {}, {}});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0).data(RecentSearchesModel::TextRole).toString(), QStringLiteral("navy shirt"));
        for (int i = 0; i < 30; ++i)
            model.add({QStringLiteral("q%1").arg(i), {}, {}});
        QCOMPARE(model.rowCount(), RecentSearchesModel::kMax);
        // Round trip through the settings encoding.
        RecentSearchesModel copy;
        QList<RecentSearch> decoded;
        for (const QString& e : model.encoded())
            decoded << RecentSearch::decode(e);
        copy.setEntries(decoded);
        QCOMPARE(copy.entries(), model.entries());
    }

    void imageListUnderTester()
    {
        ImageListModel model(nullptr);
        QAbstractItemModelTester tester(&model, kReport);
        model.setItems({{7, QStringLiteral("/tmp/a.png"), QStringLiteral("No. 7")}});
        QCOMPARE(model.index(0).data(ImageListModel::IdRole).toLongLong(), 7);
        model.setItems({});
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(ModelsGuiTest)
#include "ModelsGuiTest.moc"
