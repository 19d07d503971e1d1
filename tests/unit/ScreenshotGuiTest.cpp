// Saves a screenshot of each main screen, in Japanese and in English, into the build tree
// (<build>/screenshots/<lang>/<screen>.png) so a person can look at them. Uses the same path as
// `unifashion-studio --screenshot-dir DIR --quit-after-screenshots` (StudioApp::saveScreenshots).
#include "GuiTestFixtures.h"
#include "TestSupport.h"

#include "MainWindow.h"
#include "StudioApp.h"
#include "common/Jobs.h"

#include <QDir>
#include <QImage>
#include <QtTest>

using namespace uf::ui;

class ScreenshotGuiTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        uftest::isolateSettings("ScreenshotGuiTest");
        uftest::buildFixtureCatalog(m_dir.path() / "demo");
    }

    void eachScreen_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::newRow("ja") << QStringLiteral("ja");
        QTest::newRow("en") << QStringLiteral("en");
    }

    void eachScreen()
    {
        QFETCH(QString, lang);
        const QString out = QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral("../screenshots/") + lang);
        QDir(out).removeRecursively();
        StudioOptions o;
        o.catalog = QString::fromStdString((m_dir.path() / "demo").string());
        o.language = lang;
        {
            StudioApp studio(o);
            studio.window()->resize(1280, 800);
            studio.show();
            QStringList files;
            QString error;
            bool done = false;
            studio.saveScreenshots(out, [&](const QStringList& f, const QString& e) {
                files = f;
                error = e;
                done = true;
            });
            QTRY_VERIFY_WITH_TIMEOUT(done, 120000);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            const QStringList expected = {QStringLiteral("catalog"), QStringLiteral("search"), QStringLiteral("generate"),
                                          QStringLiteral("audit"), QStringLiteral("tasks-import"), QStringLiteral("tasks-index"),
                                          QStringLiteral("tasks-finetune"), QStringLiteral("tasks-eval"), QStringLiteral("settings")};
            QCOMPARE(files.size(), expected.size());
            for (const QString& name : expected) {
                const QImage img(QDir(out).filePath(name + QStringLiteral(".png")));
                QVERIFY2(!img.isNull(), qPrintable(name));
                QCOMPARE(img.width(), 1280);
                // Not a blank grab: a real screen has many distinct colours.
                QSet<QRgb> colours;
                for (int y = 0; y < img.height(); y += 7)
                    for (int x = 0; x < img.width(); x += 7)
                        colours.insert(img.pixel(x, y));
                QVERIFY2(colours.size() > 20, qPrintable(name));
            }
            qInfo("screenshots in %s", qPrintable(out));
        }
        shutdownPools();
    }

private:
    uftest::TempDir m_dir;
};

QTEST_MAIN(ScreenshotGuiTest)
#include "ScreenshotGuiTest.moc"
