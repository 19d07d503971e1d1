// The model-backed flows driven through the widgets, with the shipped default pack when it is
// installed, else a tiny pack trained for the test (its answers are meaningless; the wiring from
// the widgets through JobRunner to core's pipeline and back is real): Tasks → Index, Search by
// text, by photo and composed (chip), similar items in the catalog, Generate into the review
// queue and its Cancel, a description draft, approval and export, phase-2 fine-tuning with the
// live loss plot, and the evaluation dashboard.
#include "GuiTestFixtures.h"
#include "TestSupport.h"

#include "MainWindow.h"
#include "StudioApp.h"
#include "common/AppContext.h"
#include "common/Jobs.h"
#include "common/Services.h"
#include "models/AuditQueueModel.h"
#include "models/ImageListModel.h"
#include "models/RecentSearchesModel.h"
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

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QChart>
#include <QLineSeries>
#include <QListView>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QToolButton>
#include <QtTest>

using namespace uf::ui;

namespace {
QString qs(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }
constexpr int kLong = 600000;
} // namespace

class PipelineGuiTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        uftest::isolateSettings("PipelineGuiTest");
        if (!services::has(services::Feature::Index) || !services::has(services::Feature::Search)
            || !services::has(services::Feature::Generate))
            QSKIP("indexing, search or generation is not in this build");
        m_pack = uftest::flowModelPack(m_dir.path());
        uftest::buildFixtureCatalog(m_dir.path() / "catalog");
        StudioOptions o;
        o.catalog = qs(m_dir.path() / "catalog");
        o.language = QStringLiteral("en");
        m_studio = std::make_unique<StudioApp>(o);
        m_studio->context()->settings().setModelPack(qs(m_pack));
        Q_EMIT m_studio->context()->modelSettingsChanged();
        m_studio->show();
        QApplication::setActiveWindow(m_studio->window());
        QVERIFY(QTest::qWaitForWindowActive(m_studio->window()));
        qInfo("model pack: %s", qPrintable(qs(m_pack)));
    }
    void cleanupTestCase()
    {
        m_studio.reset();
        shutdownPools();
    }

    void indexFromTheTasksScreen()
    {
        MainWindow* w = m_studio->window();
        TasksPage* tasks = w->tasksPage();
        w->showPage(MainWindow::TasksScreen);
        tasks->tabs()->setCurrentIndex(TasksPage::IndexTab);
        QVERIFY(tasks->indexButton()->isEnabled());
        QSignalSpy done(tasks->indexRunner(), &JobRunner::succeeded);
        QSignalSpy failed(tasks->indexRunner(), &JobRunner::failed);
        QTest::mouseClick(tasks->indexButton(), Qt::LeftButton);
        QVERIFY(tasks->indexRunner()->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(done.size() + failed.size() == 1, kLong);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(0).toString() + QLatin1Char('\n') + failed.first().at(1).toString()));
        QVERIFY(services::indexExists(qs(m_dir.path() / "catalog")));
    }

    void searchByTextPhotoAndComposed()
    {
        MainWindow* w = m_studio->window();
        SearchPage* search = w->searchPage();
        w->showPage(MainWindow::SearchScreen);
        search->updateAvailability();
        QVERIFY(search->searchButton()->isEnabled());
        QVERIFY(!search->banner()->isVisible());
        QSignalSpy found(search, &SearchPage::searchFinished);
        QSignalSpy failed(search, &SearchPage::searchFailed);

        search->queryField()->setText(QStringLiteral("紺のシャツ"));
        QTest::keyClick(search->queryField(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(found.size() + failed.size() == 1, kLong);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QVERIFY(found.at(0).at(0).toInt() > 0);
        QVERIFY(search->results()->index(0).data(SearchResultsModel::ScoreRole).isValid());
        const double top = search->results()->index(0).data(SearchResultsModel::ScoreRole).toDouble();
        // The cut-off hides results under it without searching again.
        search->cutoffSlider()->setValue(static_cast<int>(top * 100) + 1);
        QCOMPARE(search->visibleResults()->rowCount(), 0);
        search->cutoffSlider()->setValue(0);
        QCOMPARE(search->visibleResults()->rowCount(), search->results()->rowCount());
        QCOMPARE(search->recent()->index(0).data(Qt::DisplayRole).toString(), QStringLiteral("“紺のシャツ”"));

        // A slip in a vocabulary word is read past, and the summary says how the query was read.
        search->queryField()->setText(QStringLiteral("navvy shirt"));
        search->runSearch();
        QTRY_VERIFY_WITH_TIMEOUT(found.size() + failed.size() == 2, kLong);
        QVERIFY(failed.isEmpty());
        QVERIFY2(search->summary()->text().contains(QStringLiteral("navvy → navy")), qPrintable(search->summary()->text()));
        search->queryField()->setText(QStringLiteral("navy shirt"));
        search->runSearch();
        QTRY_VERIFY_WITH_TIMEOUT(found.size() + failed.size() == 3, kLong);
        QVERIFY(!search->summary()->text().contains(QStringLiteral("→")));

        // A photo file alone.
        search->queryField()->clear();
        search->setPhotoFile(qs(m_dir.path() / "catalog" / "images" / "DR-002.png"));
        QVERIFY(search->photoChip()->isVisible());
        search->runSearch();
        QTRY_VERIFY_WITH_TIMEOUT(found.size() + failed.size() == 4, kLong);
        QVERIFY(failed.isEmpty());
        QVERIFY(found.at(3).at(0).toInt() > 0);

        // Composed: a product's photo + text; the product itself is not in its results.
        search->setProduct(QStringLiteral("SH-001"));
        search->queryField()->setText(QStringLiteral("in red"));
        search->runSearch();
        QTRY_VERIFY_WITH_TIMEOUT(found.size() + failed.size() == 5, kLong);
        QVERIFY(failed.isEmpty());
        QVERIFY(found.at(4).at(0).toInt() > 0);
        for (int r = 0; r < search->results()->rowCount(); ++r)
            QVERIFY(search->results()->index(r).data(SearchResultsModel::SkuRole).toString() != QStringLiteral("SH-001"));
        QTest::mouseClick(search->photoChip()->removeButton(), Qt::LeftButton);
        QVERIFY(!search->hasPhoto());
    }

    void similarItemsInTheCatalog()
    {
        MainWindow* w = m_studio->window();
        w->showPage(MainWindow::CatalogScreen);
        w->catalogPage()->showProduct(QStringLiteral("DR-001"));
        ProductDetailPane* pane = w->catalogPage()->details();
        QTRY_COMPARE(pane->sku(), QStringLiteral("DR-001"));
        QTRY_VERIFY_WITH_TIMEOUT(pane->similarModel()->rowCount() > 0, kLong);
        for (int r = 0; r < pane->similarModel()->rowCount(); ++r)
            QVERIFY(pane->similarModel()->index(r).data(SearchResultsModel::SkuRole).toString() != QStringLiteral("DR-001"));
    }

    void generateIntoTheReviewQueue()
    {
        MainWindow* w = m_studio->window();
        GeneratePage* gen = w->generatePage();
        w->showPage(MainWindow::GenerateScreen);
        gen->updateAvailability();
        QVERIFY(gen->generateButton()->isEnabled());
        QVERIFY(!gen->strengthBox()->isEnabled()); // edits only
        gen->setReferenceProduct(QStringLiteral("SH-002"));
        QVERIFY(gen->strengthBox()->isEnabled());
        gen->strengthBox()->setValue(0.6);
        QVERIFY(!gen->draftBox()->isChecked()); // full size unless asked
        gen->draftBox()->setChecked(true);
        gen->promptField()->setText(QStringLiteral("in navy"));
        gen->countBox()->setValue(2);
        gen->stepsBox()->setValue(4);
        // The app's sampler unless another is chosen; the choice reaches the provenance.
        QCOMPARE(gen->samplerBox()->currentData().toString(), QStringLiteral("dpm++2m"));
        gen->samplerBox()->setCurrentIndex(gen->samplerBox()->findData(QStringLiteral("ddim")));
        gen->randomSeed()->setChecked(false);
        gen->seedBox()->setValue(5);
        QSignalSpy generated(gen, &GeneratePage::generated);
        QSignalSpy failed(gen->runner(), &JobRunner::failed);
        QTest::mouseClick(gen->generateButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(generated.size() + failed.size() == 1, kLong);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(0).toString() + QLatin1Char('\n') + failed.first().at(1).toString()));
        QCOMPARE(generated.at(0).at(0).toInt(), 2);
        QCOMPARE(gen->outputs()->rowCount(), 2);
        QVERIFY(QFileInfo::exists(gen->outputs()->index(0).data(ImageListModel::PathRole).toString()));

        AuditPage* audit = w->auditPage();
        w->showPage(MainWindow::AuditScreen);
        QTRY_COMPARE(audit->proxy()->rowCount(), 2);
        QCOMPARE(audit->proxy()->index(0, 0).data(AuditQueueModel::StatusRole).toString(), QStringLiteral("pending"));
        QVERIFY(!audit->proxy()->index(0, 0).data(AuditQueueModel::ReferenceImagePathRole).toString().isEmpty());
        // The edit strength asked for is kept with the outputs' provenance.
        const auto items = services::listOutputs(m_studio->context()->catalogPath());
        QCOMPARE(items.size(), 2);
        for (const auto& it : items) {
            const auto prov = QJsonDocument::fromJson(it.provenanceJson.toUtf8()).object();
            QCOMPARE(prov.value(QStringLiteral("strength")).toDouble(), 0.6);
            // The Draft box skipped the shipped pack's upscaler, and the provenance says so.
            QVERIFY(prov.value(QStringLiteral("draft")).toBool());
            QCOMPARE(prov.value(QStringLiteral("sampler")).toString(), QStringLiteral("ddim"));
        }
    }

    void generationCanBeCancelled()
    {
        MainWindow* w = m_studio->window();
        GeneratePage* gen = w->generatePage();
        w->showPage(MainWindow::GenerateScreen);
        gen->clearReference();
        gen->promptField()->setText(QStringLiteral("navy dress"));
        gen->countBox()->setValue(16);
        gen->stepsBox()->setValue(200);
        QSignalSpy generated(gen, &GeneratePage::generated);
        QTest::mouseClick(gen->generateButton(), Qt::LeftButton);
        QVERIFY(gen->runner()->isRunning());
        QVERIFY(gen->jobPanel()->cancelButton()->isVisible());
        QTest::mouseClick(gen->jobPanel()->cancelButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!gen->runner()->isRunning(), kLong);
        QCOMPARE(generated.size(), 1);
        QCOMPARE(generated.at(0).at(0).toInt(), 0); // nothing stored
        QVERIFY(gen->jobPanel()->message().contains(QStringLiteral("Cancelled")));
        QTRY_COMPARE(w->auditPage()->model()->rowCount(), 2); // still the two from before
    }

    void draftADescription()
    {
        if (!services::has(services::Feature::Caption))
            QSKIP("description drafts are not in this build");
        MainWindow* w = m_studio->window();
        GeneratePage* gen = w->generatePage();
        Q_EMIT m_studio->context()->describeRequested(QStringLiteral("DR-001"));
        QCOMPARE(w->currentPage(), MainWindow::GenerateScreen);
        QCOMPARE(gen->describeSku()->text(), QStringLiteral("DR-001"));
        QSignalSpy described(gen, &GeneratePage::described);
        QTest::mouseClick(gen->describeButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(described.size() == 1, kLong);
        QTRY_COMPARE(w->auditPage()->model()->rowCount(), 3);
    }

    void approveAndExport()
    {
        if (!services::has(services::Feature::Export))
            QSKIP("export is not in this build");
        // The outputs were made by the person running the test: a one-person shop relaxes the rule
        // (recorded in the log), as `unifashion audit settings` would.
        {
            uf::catalog::Catalog cat(m_dir.path() / "catalog", uf::catalog::Catalog::OpenMode::Existing);
            uf::audit::changeSetting(cat, uf::audit::kAllowSelfApprovalKey, "true", uf::audit::currentActor());
        }
        MainWindow* w = m_studio->window();
        AuditPage* audit = w->auditPage();
        w->showPage(MainWindow::AuditScreen);
        QTRY_VERIFY(!audit->isBusy());
        audit->queue()->setCurrentIndex(audit->proxy()->index(0, 0));
        QSignalSpy decided(audit, &AuditPage::decided);
        audit->queue()->setFocus();
        QTest::keyClick(audit->queue(), Qt::Key_Return);
        QTRY_COMPARE(decided.size(), 1);
        QCOMPARE(decided.at(0).at(1).toString(), QStringLiteral("approved"));
        uftest::TempDir out;
        QSignalSpy exported(audit, &AuditPage::exported);
        audit->exportTo(qs(out.path()));
        QTRY_VERIFY_WITH_TIMEOUT(exported.size() == 1, kLong);
        QCOMPARE(exported.at(0).at(0).toInt(), 1);
        QVERIFY(!QDir(qs(out.path())).entryList({QStringLiteral("*.png"), QStringLiteral("*.json")}, QDir::Files).isEmpty());
        QSignalSpy verified(audit, &AuditPage::verified);
        audit->verify();
        QTRY_COMPARE(verified.size(), 1);
        QVERIFY(verified.at(0).at(0).toBool());
    }

    void fineTuneWithALiveLossPlot()
    {
        if (!services::has(services::Feature::Train))
            QSKIP("fine-tuning is not in this build");
        MainWindow* w = m_studio->window();
        TasksPage* tasks = w->tasksPage();
        w->showPage(MainWindow::TasksScreen);
        tasks->tabs()->setCurrentIndex(TasksPage::TrainTab);
        QVERIFY(tasks->trainButton()->isEnabled());
        tasks->trainStepsBox()->setValue(10);
        tasks->trainOutField()->setText(qs(m_dir.path() / "phase2-pack"));
        QSignalSpy done(tasks->trainRunner(), &JobRunner::succeeded);
        QSignalSpy failed(tasks->trainRunner(), &JobRunner::failed);
        QTest::mouseClick(tasks->trainButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(done.size() + failed.size() == 1, kLong);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(0).toString() + QLatin1Char('\n') + failed.first().at(1).toString()));
        QVERIFY(tasks->lossSeries()->count() > 0);
        QVERIFY(QFileInfo::exists(qs(m_dir.path() / "phase2-pack" / "manifest.json")));
    }

    void evaluationDashboard()
    {
        if (!services::has(services::Feature::Evaluate))
            QSKIP("evaluation is not in this build");
        MainWindow* w = m_studio->window();
        TasksPage* tasks = w->tasksPage();
        w->showPage(MainWindow::TasksScreen);
        QSignalSpy report(tasks, &TasksPage::readinessReady);
        tasks->tabs()->setCurrentIndex(TasksPage::EvalTab);
        QTRY_VERIFY_WITH_TIMEOUT(report.size() == 1, kLong);
        QVERIFY(tasks->readinessView()->toPlainText().contains(QStringLiteral("8 products")));
        QVERIFY(tasks->breakdownModel()->rowCount() > 0);
        QVERIFY(tasks->evalButton()->isEnabled());
        QSignalSpy done(tasks->evalRunner(), &JobRunner::succeeded);
        QSignalSpy failed(tasks->evalRunner(), &JobRunner::failed);
        QTest::mouseClick(tasks->evalButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(done.size() + failed.size() == 1, kLong);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(0).toString() + QLatin1Char('\n') + failed.first().at(1).toString()));
        QVERIFY(tasks->recallChart()->series().size() == 1);
    }

private:
    uftest::TempDir m_dir;
    std::filesystem::path m_pack;
    std::unique_ptr<StudioApp> m_studio;
};

QTEST_MAIN(PipelineGuiTest)
#include "PipelineGuiTest.moc"
