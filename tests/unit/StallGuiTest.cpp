// The GUI thread never stalls: a 10 ms QTimer records the largest gap between its ticks while
// long work runs behind a visible window — loading a large catalog into the grid (with
// thumbnails), an import, the data-readiness report, indexing and a generation run (with the
// default model pack, or a tiny one trained for the test). Every gap must stay ≤ 100 ms.
#include "GuiTestFixtures.h"
#include "TestSupport.h"

#include "MainWindow.h"
#include "StudioApp.h"
#include "common/AppContext.h"
#include "common/Jobs.h"
#include "common/Services.h"
#include "models/CatalogModel.h"
#include "pages/CatalogPage.h"
#include "pages/GeneratePage.h"
#include "pages/TasksPage.h"

#include "model/UnifiedModel.h"

#include <QElapsedTimer>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QTabWidget>
#include <QtTest>

#include <fstream>

using namespace uf::ui;

namespace {

QString qs(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }

// Ticks every 10 ms and keeps the largest gap seen (what a user feels as a frozen window).
class StallMeter : public QObject {
public:
    StallMeter()
    {
        m_timer.setInterval(10);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last > 0)
                m_max = std::max(m_max, now - m_last);
            m_last = now;
            ++m_ticks;
        });
        m_clock.start();
        m_timer.start();
    }
    double maxGapMs() const { return m_max / 1e6; }
    int ticks() const { return m_ticks; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_max = 0;
    int m_ticks = 0;
};

constexpr double kMaxGapMs = 100.0;

} // namespace

class StallGuiTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        uftest::isolateSettings("StallGuiTest");
        uftest::buildFixtureCatalog(m_dir.path() / "large", 20000);
    }
    void cleanup() { shutdownPools(); }

    void loadingALargeCatalogWhileScrolling()
    {
        StudioOptions o;
        o.catalog = qs(m_dir.path() / "large");
        o.language = QStringLiteral("en");
        StudioApp studio(o);
        studio.window()->resize(1280, 800);
        studio.show();
        QVERIFY(QTest::qWaitForWindowExposed(studio.window()));
        StallMeter meter;
        CatalogPage* page = studio.window()->catalogPage();
        QElapsedTimer t;
        t.start();
        // Scroll through the grid while the rows stream in: thumbnails are requested all the way.
        while (page->model()->isLoading() || t.elapsed() < 1500) {
            QScrollBar* bar = page->grid()->verticalScrollBar();
            bar->setValue(std::min(bar->maximum(), bar->value() + bar->pageStep()));
            QTest::qWait(30);
            QVERIFY(t.elapsed() < 120000);
        }
        QCOMPARE(page->model()->rowCount(), 20000);
        qInfo("catalog load: %d ticks, largest gap %.1f ms", meter.ticks(), meter.maxGapMs());
        QVERIFY2(meter.maxGapMs() <= kMaxGapMs, qPrintable(QStringLiteral("largest gap %1 ms").arg(meter.maxGapMs())));
    }

    void importAndReport()
    {
        if (!services::has(services::Feature::Import))
            QSKIP("the import use case is not in this build");
        uftest::TempDir src;
        std::filesystem::create_directories(src.path() / "img");
        const auto& base = uftest::fixtureProducts();
        for (const auto& p : base)
            QVERIFY(uftest::fixtureImage(p).save(qs(src.path() / "img" / (p.sku + ".png"))));
        const auto csv = src.path() / "products.csv";
        {
            std::ofstream f(csv, std::ios::binary);
            f << "sku,title_ja,title_en,category,color,pattern,image\n";
            for (int i = 0; i < 3000; ++i) {
                const auto& p = base[static_cast<std::size_t>(i) % base.size()];
                f << "IMP-" << i << "," << p.titleJa << "," << p.titleEn << "," << p.category << "," << p.color << ","
                  << p.pattern << ",img/" << p.sku << ".png\n";
            }
        }
        uftest::TempDir cat;
        uftest::buildFixtureCatalog(cat.path());
        StudioOptions o;
        o.catalog = qs(cat.path());
        o.language = QStringLiteral("en");
        StudioApp studio(o);
        studio.show();
        TasksPage* tasks = studio.window()->tasksPage();
        studio.window()->showPage(MainWindow::TasksScreen);
        tasks->setImportFile(qs(csv));
        QTRY_VERIFY(!tasks->isPreviewing());

        StallMeter meter;
        QSignalSpy finished(tasks, &TasksPage::importFinished);
        QTest::mouseClick(tasks->importButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, 300000);
        QCOMPARE(finished.at(0).at(0).toLongLong(), 3000);
        // The grid reloads the grown catalog meanwhile; then the readiness report runs.
        QTRY_VERIFY_WITH_TIMEOUT(!studio.window()->catalogPage()->model()->isLoading(), 60000);
        if (!services::has(services::Feature::Report))
            QSKIP("the readiness report is not in this build");
        QSignalSpy report(tasks, &TasksPage::readinessReady);
        tasks->tabs()->setCurrentIndex(TasksPage::EvalTab); // the report starts when its tab opens
        QTRY_VERIFY_WITH_TIMEOUT(report.size() == 1, 120000);
        qInfo("import + report: %d ticks, largest gap %.1f ms", meter.ticks(), meter.maxGapMs());
        QVERIFY2(meter.maxGapMs() <= kMaxGapMs, qPrintable(QStringLiteral("largest gap %1 ms").arg(meter.maxGapMs())));
    }

    void indexingAndGeneration()
    {
        if (!services::has(services::Feature::Index) || !services::has(services::Feature::Generate))
            QSKIP("indexing or generation is not in this build");
        uftest::TempDir cat;
        uftest::buildFixtureCatalog(cat.path(), 400);
        const auto pack = uftest::flowModelPack(m_dir.path());
        StudioOptions o;
        o.catalog = qs(cat.path());
        o.language = QStringLiteral("en");
        StudioApp studio(o);
        studio.context()->settings().setModelPack(qs(pack));
        Q_EMIT studio.context()->modelSettingsChanged();
        studio.show();
        TasksPage* tasks = studio.window()->tasksPage();
        studio.window()->showPage(MainWindow::TasksScreen);
        tasks->tabs()->setCurrentIndex(TasksPage::IndexTab);
        StallMeter meter;
        QSignalSpy indexed(tasks->indexRunner(), &JobRunner::succeeded);
        QTest::mouseClick(tasks->indexButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(indexed.size() == 1, 600000);
        GeneratePage* gen = studio.window()->generatePage();
        studio.window()->showPage(MainWindow::GenerateScreen);
        gen->promptField()->setText(QStringLiteral("navy striped shirt"));
        gen->countBox()->setValue(4);
        QSignalSpy generated(gen, &GeneratePage::generated);
        QTest::mouseClick(gen->generateButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(generated.size() == 1, 600000);
        qInfo("index + generate: %d ticks, largest gap %.1f ms", meter.ticks(), meter.maxGapMs());
        QVERIFY2(meter.maxGapMs() <= kMaxGapMs, qPrintable(QStringLiteral("largest gap %1 ms").arg(meter.maxGapMs())));
    }

private:
    uftest::TempDir m_dir;
};

QTEST_MAIN(StallGuiTest)
#include "StallGuiTest.moc"
