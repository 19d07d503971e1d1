// Japanese and English: the Japanese translation is complete (no unfinished or empty message, and
// every string the sources mark with tr() is in it), the compiled .qm files are embedded, the
// Japanese window shows no untranslated English, and Japanese renders with Noto Sans CJK JP.
#include "GuiTestFixtures.h"
#include "TestSupport.h"

#include "MainWindow.h"
#include "StudioApp.h"
#include "common/Language.h"
#include "pages/SettingsPage.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDirIterator>
#include <QFontDatabase>
#include <QFontInfo>
#include <QGroupBox>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QSettings>
#include <QtTest>

using namespace uf::ui;

namespace {

QString translationsDir() { return QString::fromStdString((uftest::resourcesDir().parent_path() / "translations").string()); }

struct TsMessage {
    QString context, source, translation;
    QStringList numerus;
    bool numerusMessage = false;
    QString type;
};

QList<TsMessage> readTs(const QString& file)
{
    QList<TsMessage> out;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    QXmlStreamReader xml(&f);
    QString context;
    TsMessage m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (xml.name() == QLatin1String("name") && m.source.isNull() && !m.numerusMessage)
                context = xml.readElementText();
            else if (xml.name() == QLatin1String("message")) {
                m = TsMessage{};
                m.context = context;
                m.numerusMessage = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            } else if (xml.name() == QLatin1String("source"))
                m.source = xml.readElementText();
            else if (xml.name() == QLatin1String("translation")) {
                m.type = xml.attributes().value(QLatin1String("type")).toString();
                if (!m.numerusMessage)
                    m.translation = xml.readElementText();
            } else if (xml.name() == QLatin1String("numerusform"))
                m.numerus << xml.readElementText();
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            out << m;
            m = TsMessage{};
        }
    }
    return out;
}

// Visible strings of a widget tree (texts, titles, tooltips, placeholders, items, menus).
QStringList visibleStrings(QWidget* root)
{
    QStringList out;
    const auto add = [&out](const QString& s) {
        if (!s.trimmed().isEmpty())
            out << s;
    };
    QList<QWidget*> widgets = root->findChildren<QWidget*>();
    widgets << root;
    for (QWidget* w : widgets) {
        add(w->toolTip());
        if (auto* l = qobject_cast<QLabel*>(w))
            add(l->text());
        if (auto* b = qobject_cast<QAbstractButton*>(w))
            add(b->text());
        if (auto* g = qobject_cast<QGroupBox*>(w))
            add(g->title());
        if (auto* e = qobject_cast<QLineEdit*>(w))
            add(e->placeholderText());
        if (auto* t = qobject_cast<QTabWidget*>(w))
            for (int i = 0; i < t->count(); ++i)
                add(t->tabText(i));
        if (auto* c = qobject_cast<QComboBox*>(w))
            for (int i = 0; i < c->count(); ++i)
                add(c->itemText(i));
        if (auto* lw = qobject_cast<QListWidget*>(w))
            for (int i = 0; i < lw->count(); ++i) {
                add(lw->item(i)->text());
                add(lw->item(i)->toolTip());
            }
    }
    if (auto* mw = qobject_cast<QMainWindow*>(root))
        for (QAction* menu : mw->menuBar()->actions()) {
            add(menu->text());
            if (menu->menu())
                for (QAction* a : menu->menu()->actions())
                    add(a->text());
        }
    return out;
}

bool hasJapanese(const QString& s)
{
    for (const QChar c : s) {
        const ushort u = c.unicode();
        if ((u >= 0x3040 && u <= 0x30ff) || (u >= 0x4e00 && u <= 0x9fff))
            return true;
    }
    return false;
}

} // namespace

class TranslationGuiTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { uftest::isolateSettings("TranslationGuiTest"); }

    void japaneseTranslationIsComplete()
    {
        const auto messages = readTs(translationsDir() + QStringLiteral("/unifashion_ja.ts"));
        QVERIFY2(messages.size() > 200, "unifashion_ja.ts holds too few messages");
        QStringList problems;
        for (const TsMessage& m : messages) {
            const QString where = m.context + QStringLiteral(": ") + m.source.left(60);
            if (m.type == QLatin1String("unfinished"))
                problems << QStringLiteral("unfinished  ") + where;
            else if (m.type == QLatin1String("vanished") || m.type == QLatin1String("obsolete"))
                problems << QStringLiteral("obsolete    ") + where;
            else if (m.numerusMessage ? (m.numerus.isEmpty() || m.numerus.contains(QString())) : m.translation.trimmed().isEmpty())
                problems << QStringLiteral("empty       ") + where;
            else if (!m.numerusMessage && m.source.contains(QLatin1String("%1")) && !m.translation.contains(QLatin1String("%1")))
                problems << QStringLiteral("lost %1     ") + where;
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void everySourceStringIsInTheJapaneseFile()
    {
        // lupdate over ui/ gives the strings the code marks now; each must have a finished
        // Japanese translation (a new tr() without one fails here).
        const QString lupdate = QLibraryInfo::path(QLibraryInfo::BinariesPath) + QStringLiteral("/lupdate");
        if (!QFileInfo::exists(lupdate))
            QSKIP("lupdate is not installed (qt6-l10n-tools)");
        uftest::TempDir dir;
        const QString fresh = QString::fromStdString((dir.path() / "fresh_ja.ts").string());
        const QString ui = QString::fromStdString((uftest::resourcesDir().parent_path() / "ui").string());
        QProcess p;
        p.start(lupdate, {QStringLiteral("-silent"), QStringLiteral("-locations"), QStringLiteral("none"), ui,
                          QStringLiteral("-ts"), fresh});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 0);
        QSet<QString> done;
        for (const TsMessage& m : readTs(translationsDir() + QStringLiteral("/unifashion_ja.ts")))
            if (m.type.isEmpty())
                done.insert(m.context + QLatin1Char('\x1f') + m.source);
        QStringList missing;
        const auto current = readTs(fresh);
        QVERIFY(current.size() > 200);
        for (const TsMessage& m : current)
            if (!done.contains(m.context + QLatin1Char('\x1f') + m.source))
                missing << m.context + QStringLiteral(": ") + m.source;
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("not translated:\n") + missing.join(QLatin1Char('\n'))));
    }

    void compiledTranslationsAreEmbedded()
    {
        QTranslator ja;
        QVERIFY(ja.load(QStringLiteral(":/i18n/unifashion_ja.qm")));
        QCOMPARE(ja.translate("uf::ui::MainWindow", "Catalog"), QStringLiteral("カタログ"));
        QTranslator en;
        QVERIFY(en.load(QStringLiteral(":/i18n/unifashion_en.qm")));
        QVERIFY(installLanguage(QStringLiteral("ja")));
        QCOMPARE(MainWindow::tr("Search"), QStringLiteral("検索"));
        QVERIFY(installLanguage(QStringLiteral("en")));
        QCOMPARE(MainWindow::tr("Search"), QStringLiteral("Search"));
        QCOMPARE(MainWindow::tr("%n product(s)", nullptr, 1).isEmpty(), false);
    }

    void japaneseWindowShowsNoUntranslatedEnglish()
    {
        StudioOptions o;
        o.language = QStringLiteral("ja");
        StudioApp studio(o); // no catalog: only the application's own strings are on screen
        studio.show();
        QStringList english;
        // Words that stay as they are in Japanese UIs (product names, units, formats).
        static const QSet<QString> allowed = {
            QStringLiteral("SKU"), QStringLiteral("CPU"), QStringLiteral("CUDA"), QStringLiteral("DDIM"), QStringLiteral("DPM"), QStringLiteral("NVIDIA"), QStringLiteral("GPU"),
            QStringLiteral("CSV"), QStringLiteral("TSV"), QStringLiteral("JSON"), QStringLiteral("Lines"), QStringLiteral("UTF"),
            QStringLiteral("Shift_JIS"), QStringLiteral("XMP"), QStringLiteral("PNG"), QStringLiteral("Recall"),
            QStringLiteral("UniFashion"), QStringLiteral("Studio"), QStringLiteral("English"), QStringLiteral("unifashion"),
            QStringLiteral("demo"), QStringLiteral("import"), QStringLiteral("navy"), QStringLiteral("shirt"),
            QStringLiteral("striped"), QStringLiteral("red"), QStringLiteral("sqlite"), QStringLiteral("catalog"),
            QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("webp"), QStringLiteral("bmp"),
            QStringLiteral("csv"), QStringLiteral("tsv"), QStringLiteral("txt"), QStringLiteral("jsonl"), QStringLiteral("ndjson"),
            QStringLiteral("json"), QStringLiteral("Ctrl"), QStringLiteral("Enter"), QStringLiteral("Delete"), QStringLiteral("Index"),
            QStringLiteral("Tasks"), QStringLiteral("Settings"), QStringLiteral("Model"), QStringLiteral("pack"), QStringLiteral("local"),
            QStringLiteral("share"), QStringLiteral("root"), QStringLiteral("home"), QStringLiteral("tmp"), QStringLiteral("work"),
            QStringLiteral("build"), QStringLiteral("tests"), QStringLiteral("qttest"), QStringLiteral("Recall@K"), QStringLiteral("Recall@"),
        };
        const QRegularExpression word(QStringLiteral("[A-Za-z][A-Za-z_@]{2,}"));
        for (const QString& s : visibleStrings(studio.window())) {
            if (hasJapanese(s))
                continue; // translated (it may quote an English example)
            auto it = word.globalMatch(s);
            while (it.hasNext()) {
                const QString w = it.next().captured(0);
                if (!allowed.contains(w)) {
                    english << s;
                    break;
                }
            }
        }
        english.removeDuplicates();
        QVERIFY2(english.isEmpty(), qPrintable(QStringLiteral("English in the Japanese window:\n") + english.join(QLatin1Char('\n'))));
    }

    void languageSwitchesLiveFromSettings()
    {
        // Japanese is the stored choice, but this start asks for English (--language en): the
        // box must show English, so that picking 日本語 switches.
        QSettings().setValue(QStringLiteral("ui/language"), QStringLiteral("ja"));
        StudioOptions o;
        o.language = QStringLiteral("en");
        StudioApp studio(o);
        studio.show();
        QCOMPARE(studio.window()->sidebar()->item(0)->text(), QStringLiteral("Catalog"));
        studio.window()->showPage(MainWindow::SettingsScreen);
        QComboBox* box = studio.window()->settingsPage()->languageBox();
        QCOMPARE(box->currentData().toString(), QStringLiteral("en"));
        box->setCurrentIndex(box->findData(QStringLiteral("ja"))); // as the user picks 日本語
        // The window is rebuilt in the new language, on the same screen.
        QTRY_COMPARE(studio.window()->sidebar()->item(0)->text(), QStringLiteral("カタログ"));
        QCOMPARE(studio.window()->currentPage(), MainWindow::SettingsScreen);
        QCOMPARE(studio.language(), QStringLiteral("ja"));
        QVERIFY(studio.window()->isVisible());
        studio.setLanguage(QStringLiteral("en"));
        QCOMPARE(studio.window()->sidebar()->item(0)->text(), QStringLiteral("Catalog"));
    }

    void japaneseRendersWithNotoCjk()
    {
        if (!QFontDatabase::hasFamily(QStringLiteral("Noto Sans CJK JP")))
            QFAIL("Noto Sans CJK JP is not installed (fonts-noto-cjk): Japanese would render as boxes");
        QVERIFY(installLanguage(QStringLiteral("ja")));
        const QFont f = QApplication::font();
        QVERIFY(f.families().contains(QStringLiteral("Noto Sans CJK JP")));
        QVERIFY(QFontInfo(f).family().startsWith(QStringLiteral("Noto Sans CJK")));
        const QFontMetrics fm(f);
        for (const QChar c : QStringLiteral("紺のストライプシャツ検索承認"))
            QVERIFY2(fm.inFont(c), qPrintable(QStringLiteral("no glyph for ") + c));
        QVERIFY(installLanguage(QStringLiteral("en")));
        // English UI: the CJK family stays in the list so Japanese product titles still render.
        QVERIFY(QApplication::font().families().contains(QStringLiteral("Noto Sans CJK JP")));
    }
};

QTEST_MAIN(TranslationGuiTest)
#include "TranslationGuiTest.moc"
