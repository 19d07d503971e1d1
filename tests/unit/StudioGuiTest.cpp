// The desktop app driven through its widgets, offscreen: the catalog grid on a small catalog
// (details in Japanese and English, filters), the keyboard (Ctrl+F, Ctrl+V, Enter/Delete in the
// review queue), the review flow with its rules and the log's verification, import (preview of
// the mapping and encoding; a bad file shows its rejected rows). The model-backed flows (index,
// search, generate, fine-tune, evaluate) are in PipelineGuiTest.
#include "GuiTestFixtures.h"
#include "TestSupport.h"

#include "MainWindow.h"
#include "StudioApp.h"
#include "common/AppContext.h"
#include "common/Jobs.h"
#include "common/Services.h"
#include "models/AuditQueueModel.h"
#include "models/CatalogModel.h"
#include "models/ImageListModel.h"
#include "models/SearchResultsModel.h"
#include "models/TaskModels.h"
#include "pages/AuditPage.h"
#include "pages/CatalogPage.h"
#include "pages/GeneratePage.h"
#include "pages/SearchPage.h"
#include "pages/TasksPage.h"
#include "widgets/ProductDetailPane.h"
#include "widgets/Widgets.h"

#include "audit/Review.h"
#include "generation/Provenance.h"
#include "imaging/ImageIO.h"
#include "model/UnifiedModel.h"

#include <QApplication>
#include <QClipboard>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QToolButton>
#include <QTableView>
#include <QtTest>

#include <fstream>

using namespace uf::ui;

namespace {

QString qs(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }

std::unique_ptr<StudioApp> openStudio(const std::filesystem::path& catalog, const QString& lang = QStringLiteral("en"))
{
    StudioOptions o;
    o.catalog = qs(catalog);
    o.language = lang;
    auto app = std::make_unique<StudioApp>(o);
    app->show();
    // Keyboard shortcuts and focus need the window to be the active one (offscreen too).
    QApplication::setActiveWindow(app->window());
    if (!QTest::qWaitForWindowActive(app->window()))
        qWarning("the window did not become active");
    return app;
}

bool labelsContain(QWidget* root, const QString& text)
{
    for (QLabel* l : root->findChildren<QLabel*>())
        if (l->text().contains(text))
            return true;
    return false;
}

// Pending image outputs made without a model (the storage seam of generation/Provenance.h), by `creator`.
void storeOutputs(const std::filesystem::path& folder, int n, const std::string& creator)
{
    uf::catalog::Catalog cat(folder, uf::catalog::Catalog::OpenMode::Existing);
    uf::generation::ImageRecipe recipe;
    recipe.prompt = "navy striped shirt";
    recipe.seed = 7;
    recipe.count = n;
    recipe.steps = 25;
    recipe.guidance = 2.5f;
    recipe.sampler = "ddim";
    recipe.modelName = "fixture";
    recipe.modelSha256 = std::string(64, 'b');
    std::vector<uf::imaging::Image> images;
    for (int i = 0; i < n; ++i) {
        uftest::FixtureProduct p = uftest::fixtureProducts()[static_cast<std::size_t>(i)];
        images.push_back(uf::imaging::Image{});
        QImage q = uftest::fixtureImage(p, 64).convertToFormat(QImage::Format_RGB888);
        auto& im = images.back();
        im.width = q.width();
        im.height = q.height();
        im.rgb.resize(static_cast<std::size_t>(im.width) * im.height * 3);
        for (int y = 0; y < im.height; ++y)
            std::memcpy(im.row(y), q.constScanLine(y), static_cast<std::size_t>(im.width) * 3);
    }
    uf::generation::storeImages(cat, recipe, images, uf::audit::currentActor(creator));
}

} // namespace

class StudioGuiTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { uftest::isolateSettings("StudioGuiTest"); }
    void cleanup() { shutdownPools(); }

    void catalogGridShowsProductsAndDetails()
    {
        uftest::TempDir dir;
        uftest::buildFixtureCatalog(dir.path());
        auto studio = openStudio(dir.path());
        MainWindow* w = studio->window();
        CatalogPage* page = w->catalogPage();
        QCOMPARE(w->currentPage(), MainWindow::CatalogScreen);
        QTRY_COMPARE(page->model()->rowCount(), 8);
        QCOMPARE(page->grid()->model()->rowCount(), 8);
        // Clicking a tile shows its details: photo, both languages, attributes.
        const QModelIndex i = page->model()->index(page->model()->rowOfSku(QStringLiteral("DR-001")));
        QTest::mouseClick(page->grid()->viewport(), Qt::LeftButton, {}, page->grid()->visualRect(i).center());
        QTRY_COMPARE(page->details()->sku(), QStringLiteral("DR-001"));
        QTRY_VERIFY(!page->details()->isLoading());
        QVERIFY(labelsContain(page->details(), QStringLiteral("紺の花柄ワンピース")));
        QVERIFY(labelsContain(page->details(), QStringLiteral("Navy floral dress")));
        QVERIFY(labelsContain(page->details(), QStringLiteral("A navy dress with a floral print.")));

        // Category filter: the combo lists the catalog's categories with counts.
        QComboBox* category = page->categoryFilter();
        QTRY_VERIFY(category->count() == 5); // All + 4
        category->setCurrentIndex(category->findData(QStringLiteral("skirt")));
        QTRY_COMPARE(page->model()->rowCount(), 2);
        QTRY_VERIFY(!page->model()->isLoading());
        category->setCurrentIndex(0);
        QTRY_COMPARE(page->model()->rowCount(), 8);
        // Sort by SKU.
        page->sortBox()->setCurrentIndex(page->sortBox()->findData(static_cast<int>(CatalogSort::Sku)));
        QTRY_VERIFY(!page->model()->isLoading());
        QTRY_COMPARE(page->model()->index(0).data(CatalogModel::SkuRole).toString(), QStringLiteral("DR-001"));
    }

    void keyboardFindAndPastePhoto()
    {
        uftest::TempDir dir;
        uftest::buildFixtureCatalog(dir.path());
        auto studio = openStudio(dir.path());
        MainWindow* w = studio->window();
        QVERIFY(w->isActiveWindow());
        w->catalogPage()->grid()->setFocus();
        QTest::keyClick(w, Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(w->currentPage(), MainWindow::SearchScreen);
        QTRY_VERIFY(w->searchPage()->queryField()->hasFocus());

        // Ctrl+V with a photo in the clipboard, focus outside a text field: the photo becomes the query's chip.
        QApplication::clipboard()->setImage(uftest::fixtureImage(uftest::fixtureProducts()[0]));
        w->showPage(MainWindow::CatalogScreen);
        w->catalogPage()->grid()->setFocus();
        QTest::keyClick(w->catalogPage()->grid(), Qt::Key_V, Qt::ControlModifier);
        QTRY_COMPARE(w->currentPage(), MainWindow::SearchScreen);
        QVERIFY(w->searchPage()->hasPhoto());
        QVERIFY(w->searchPage()->photoChip()->isVisible());
        // The chip's × removes it again.
        QTest::mouseClick(w->searchPage()->photoChip()->removeButton(), Qt::LeftButton);
        QVERIFY(!w->searchPage()->hasPhoto());
        QVERIFY(!w->searchPage()->photoChip()->isVisible());

        // Ctrl+V inside the text field with text on the clipboard pastes text, as everywhere.
        QApplication::clipboard()->setText(QStringLiteral("紺 シャツ"));
        w->searchPage()->queryField()->clear();
        w->searchPage()->queryField()->setFocus();
        QTest::keyClick(w->searchPage()->queryField(), Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(w->searchPage()->queryField()->text(), QStringLiteral("紺 シャツ"));
        QVERIFY(!w->searchPage()->hasPhoto());
    }

    void reviewQueueApproveRejectAndVerify()
    {
        if (!services::has(services::Feature::Audit))
            QSKIP("the review queue's core use case is not in this build");
        uftest::TempDir dir;
        uftest::buildFixtureCatalog(dir.path());
        storeOutputs(dir.path(), 3, "planner");
        auto studio = openStudio(dir.path());
        MainWindow* w = studio->window();
        AuditPage* page = w->auditPage();
        w->showPage(MainWindow::AuditScreen); // the queue loads when the catalog opens
        QTRY_COMPARE(page->proxy()->rowCount(), 3);
        QTRY_VERIFY(!page->isBusy());
        QVERIFY(page->queue()->currentIndex().isValid());
        QVERIFY(page->approveButton()->isEnabled());

        QSignalSpy decided(page, &AuditPage::decided);
        page->queue()->setFocus();
        const qint64 firstId = page->queue()->currentIndex().data(AuditQueueModel::IdRole).toLongLong();
        QTest::keyClick(page->queue(), Qt::Key_Return); // Enter approves
        QTRY_COMPARE(decided.size(), 1);
        QCOMPARE(decided.at(0).at(0).toLongLong(), firstId);
        QCOMPARE(decided.at(0).at(1).toString(), QStringLiteral("approved"));
        QTRY_COMPARE(page->proxy()->rowCount(), 2); // left the pending view

        // Delete without a comment asks for one and decides nothing.
        page->queue()->setFocus();
        QTest::keyClick(page->queue(), Qt::Key_Delete);
        QTest::qWait(200);
        QCOMPARE(decided.size(), 1);
        QVERIFY(page->decisionMessage()->text().contains(QStringLiteral("comment")));
        QVERIFY(page->commentField()->hasFocus());
        QTest::keyClicks(page->commentField(), QStringLiteral("colour is off"));
        QTest::keyClick(page->commentField(), Qt::Key_Return); // completes the rejection
        QTRY_COMPARE(decided.size(), 2);
        QCOMPARE(decided.at(1).at(1).toString(), QStringLiteral("rejected"));
        QTRY_COMPARE(page->proxy()->rowCount(), 1);

        // Status filter: approved ones.
        page->statusFilter()->setCurrentIndex(page->statusFilter()->findData(QStringLiteral("approved")));
        QCOMPARE(page->proxy()->rowCount(), 1);

        // The log verifies, visibly.
        QSignalSpy verified(page, &AuditPage::verified);
        QTest::mouseClick(page->verifyButton(), Qt::LeftButton);
        QTRY_COMPARE(verified.size(), 1);
        QCOMPARE(verified.at(0).at(0).toBool(), true);
        QVERIFY(!page->verifyResult()->text().isEmpty());
    }

    void selfApprovalIsRefusedWithAMessage()
    {
        if (!services::has(services::Feature::Audit))
            QSKIP("the review queue's core use case is not in this build");
        uftest::TempDir dir;
        uftest::buildFixtureCatalog(dir.path());
        storeOutputs(dir.path(), 1, uf::audit::currentActor().name); // made by the person reviewing
        auto studio = openStudio(dir.path());
        MainWindow* w = studio->window();
        AuditPage* page = w->auditPage();
        w->showPage(MainWindow::AuditScreen);
        QTRY_COMPARE(page->proxy()->rowCount(), 1);
        QTRY_VERIFY(page->approveButton()->isEnabled());
        QSignalSpy failed(page, &AuditPage::decisionFailed);
        QTest::mouseClick(page->approveButton(), Qt::LeftButton);
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY(page->decisionMessage()->text().contains(QStringLiteral("reviewer")));
        QCOMPARE(page->proxy()->rowCount(), 1); // still pending
    }

    void importPreviewShowsMappingAndEncoding()
    {
        if (!services::has(services::Feature::ImportPreview))
            QSKIP("the import preview's core use case is not in this build");
        uftest::TempDir dir;
        uftest::buildFixtureCatalog(dir.path() / "cat");
        const auto csv = dir.path() / "products.csv";
        {
            std::ofstream f(csv, std::ios::binary);
            f << "品番,商品名,カテゴリ,色,画像\n"
              << "N-1,紺のシャツ,shirt,navy,img/n1.png\n";
        }
        auto studio = openStudio(dir.path() / "cat", QStringLiteral("ja"));
        MainWindow* w = studio->window();
        TasksPage* tasks = w->tasksPage();
        w->showPage(MainWindow::TasksScreen);
        QSignalSpy ready(tasks, &TasksPage::previewReady);
        tasks->setImportFile(qs(csv));
        QTRY_COMPARE(ready.size(), 1);
        QCOMPARE(ready.at(0).at(0).toInt(), 5);
        ColumnMappingModel* m = tasks->mappingModel();
        QCOMPARE(m->index(0, ColumnMappingModel::SourceColumn).data().toString(), QStringLiteral("品番"));
        QCOMPARE(m->index(0, 0).data(ColumnMappingModel::FieldRole).toString(), QStringLiteral("sku"));
        QCOMPARE(m->index(2, 0).data(ColumnMappingModel::FieldRole).toString(), QStringLiteral("category"));
        QCOMPARE(m->index(3, 0).data(ColumnMappingModel::FieldRole).toString(), QStringLiteral("attr:color"));
        QVERIFY(tasks->previewSummary()->text().contains(QStringLiteral("UTF-8")));
    }

    void importOfABadFileShowsRejectedRows()
    {
        if (!services::has(services::Feature::Import))
            QSKIP("the import use case is not in this build");
        uftest::TempDir dir;
        uftest::buildFixtureCatalog(dir.path() / "cat");
        std::filesystem::create_directories(dir.path() / "src" / "img");
        const auto good = uftest::fixtureProducts()[1];
        QVERIFY(uftest::fixtureImage(good).save(qs(dir.path() / "src" / "img" / "ok.png")));
        {
            std::ofstream bad(dir.path() / "src" / "img" / "broken.png", std::ios::binary);
            bad << "this is not a png";
        }
        const auto csv = dir.path() / "src" / "products.csv";
        {
            std::ofstream f(csv, std::ios::binary);
            f << "sku,title,category,color,image\n"
              << "NEW-1,Red plain shirt,shirt,red,img/ok.png\n"
              << "NEW-2,Missing image,shirt,red,img/nowhere.png\n"
              << "NEW-3,Broken image,shirt,red,img/broken.png\n"
              << "NEW-4,Escaping path,shirt,red,../../etc/passwd\n";
        }
        auto studio = openStudio(dir.path() / "cat");
        MainWindow* w = studio->window();
        TasksPage* tasks = w->tasksPage();
        w->showPage(MainWindow::TasksScreen);
        tasks->setImportFile(qs(csv));
        QTRY_VERIFY(!tasks->isPreviewing());
        QVERIFY(tasks->importButton()->isEnabled());
        QSignalSpy finished(tasks, &TasksPage::importFinished);
        QTest::mouseClick(tasks->importButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, 60000);
        QCOMPARE(finished.at(0).at(0).toLongLong(), 1);
        QCOMPARE(finished.at(0).at(1).toLongLong(), 3);
        RejectedRowsModel* rejected = tasks->rejectedModel();
        QCOMPARE(rejected->rowCount(), 3);
        QStringList rows;
        for (int r = 0; r < rejected->rowCount(); ++r) {
            rows << rejected->index(r, 0).data(RejectedRowsModel::RowNumberRole).toString();
            QVERIFY(!rejected->index(r, RejectedRowsModel::ReasonColumn).data().toString().isEmpty());
        }
        rows.sort();
        QCOMPARE(rows, (QStringList{QStringLiteral("3"), QStringLiteral("4"), QStringLiteral("5")}));
        // The grid picks up the imported product.
        QTRY_COMPARE(w->catalogPage()->model()->rowCount(), 9);
    }
};

QTEST_MAIN(StudioGuiTest)
#include "StudioGuiTest.moc"
