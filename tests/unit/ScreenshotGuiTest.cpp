// Saves a screenshot of each main screen, in Japanese and in English, into the build tree
// (<build>/screenshots/<lang>/<screen>.png) so a person can look at them. Uses the same path as
// `unifashion-studio --screenshot-dir DIR --quit-after-screenshots` (StudioApp::saveScreenshots).
#include "GuiTestFixtures.h"
#include "TestSupport.h"

#include "MainWindow.h"
#include "StudioApp.h"
#include "common/Jobs.h"

#include <QDir>
#include <QApplication>
#include <QImage>
#include <QPalette>
#include <QScopeGuard>
#include <QtTest>

using namespace uf::ui;

namespace {
QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::AlternateBase, QColor(0x33, 0x33, 0x33));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Highlight, QColor(0x2d, 0x6c, 0xb5));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Mid, QColor(0x55, 0x55, 0x55));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3a));
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    return p;
}
} // namespace

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
        QTest::addColumn<bool>("dark");
        QTest::newRow("ja") << QStringLiteral("ja") << false;
        QTest::newRow("en") << QStringLiteral("en") << false;
        // A dark system palette: icons, tiles, banners and charts must follow it.
        QTest::newRow("ja-dark") << QStringLiteral("ja") << true;
    }

    void eachScreen()
    {
        QFETCH(QString, lang);
        QFETCH(bool, dark);
        const QPalette light = QApplication::palette();
        if (dark)
            QApplication::setPalette(darkPalette());
        const auto restore = qScopeGuard([&] { QApplication::setPalette(light); });
        const QString out = QDir(QCoreApplication::applicationDirPath())
                                .absoluteFilePath(QStringLiteral("../screenshots/") + lang + (dark ? QStringLiteral("-dark") : QString()));
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
