#include "common/Language.h"

#include <QApplication>
#include <QFont>
#include <QFontDatabase>
#include <QLocale>
#include <QTranslator>

namespace uf::ui {

namespace {
QTranslator*& translator()
{
    static QTranslator* t = nullptr;
    return t;
}
QString& current()
{
    static QString c;
    return c;
}
QString& baseFamily()
{
    static QString f;
    return f;
}
} // namespace

QString systemLanguage()
{
    return QLocale::system().language() == QLocale::Japanese ? QStringLiteral("ja") : QStringLiteral("en");
}

QString resolveLanguage(const QString& setting)
{
    if (setting == QLatin1String("ja") || setting == QLatin1String("en"))
        return setting;
    if (setting.isEmpty() || setting == QLatin1String("system"))
        return systemLanguage();
    return QStringLiteral("en");
}

bool installLanguage(const QString& code)
{
    auto*& t = translator();
    if (t) {
        QCoreApplication::removeTranslator(t);
        delete t;
        t = nullptr;
    }
    t = new QTranslator;
    const bool ok = t->load(QStringLiteral(":/i18n/unifashion_%1.qm").arg(code));
    QCoreApplication::installTranslator(t);
    current() = code;
    QLocale::setDefault(QLocale(code == QLatin1String("ja") ? QLocale::Japanese : QLocale::English));

    // Product titles are often Japanese even in the English UI, so Noto Sans CJK JP is always in
    // the list; in the Japanese UI it comes first so that kana and kanji share one design.
    if (qobject_cast<QApplication*>(QCoreApplication::instance())) {
        if (baseFamily().isEmpty())
            baseFamily() = QApplication::font().family();
        const QString cjk = QStringLiteral("Noto Sans CJK JP");
        QFont f = QApplication::font();
        if (QFontDatabase::hasFamily(cjk)) {
            f.setFamilies(code == QLatin1String("ja") ? QStringList{cjk, baseFamily()} : QStringList{baseFamily(), cjk});
        }
        QApplication::setFont(f);
    }
    return ok;
}

QString currentLanguage() { return current().isEmpty() ? systemLanguage() : current(); }

} // namespace uf::ui
