#include "StudioApp.h"

#include "MainWindow.h"
#include "common/AppContext.h"
#include "common/Icons.h"
#include "common/Jobs.h"
#include "common/Language.h"
#include "models/CatalogModel.h"
#include "models/ThumbnailCache.h"
#include "pages/CatalogPage.h"
#include "pages/TasksPage.h"

#include "common/BuildInfo.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>

namespace uf::ui {

bool parseStudioOptions(const QStringList& arguments, StudioOptions& options, int& exitCode, QString& message)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(StudioApp::tr("UniFashion Studio: search and generate fashion images with one model."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption catalog(QStringList{QStringLiteral("catalog"), QStringLiteral("c")},
                                     StudioApp::tr("Open the catalog in folder DIR."), QStringLiteral("DIR"));
    const QCommandLineOption lang(QStringLiteral("lang"), StudioApp::tr("Interface language: ja or en."), QStringLiteral("LANG"));
    const QCommandLineOption shots(QStringLiteral("screenshot-dir"),
                                   StudioApp::tr("Save a PNG of each main screen into DIR."), QStringLiteral("DIR"));
    const QCommandLineOption quit(QStringLiteral("quit-after-screenshots"),
                                  StudioApp::tr("Quit once the screenshots are saved."));
    parser.addOptions({catalog, lang, shots, quit});
    if (!parser.parse(arguments)) {
        message = parser.errorText() + QLatin1Char('\n') + parser.helpText();
        exitCode = 2;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        message = parser.helpText();
        exitCode = 0;
        return false;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        message = QStringLiteral("unifashion-studio %1\n").arg(QString::fromLatin1(kAppVersion));
        exitCode = 0;
        return false;
    }
    options.catalog = parser.value(catalog);
    options.language = parser.value(lang);
    if (!options.language.isEmpty() && options.language != QLatin1String("ja") && options.language != QLatin1String("en")) {
        message = StudioApp::tr("--lang must be ja or en, not “%1”.").arg(options.language);
        exitCode = 2;
        return false;
    }
    options.screenshotDir = parser.value(shots);
    options.quitAfterScreenshots = parser.isSet(quit);
    if (options.quitAfterScreenshots && options.screenshotDir.isEmpty()) {
        message = StudioApp::tr("--quit-after-screenshots needs --screenshot-dir DIR.");
        exitCode = 2;
        return false;
    }
    return true;
}

QString StudioApp::startupCatalog(const QString& lastCatalog, bool reopen, const QString& demo)
{
    if (reopen && AppContext::isCatalogFolder(lastCatalog))
        return lastCatalog;
    if (AppContext::isCatalogFolder(demo))
        return demo;
    return {};
}

StudioApp::StudioApp(const StudioOptions& options, QObject* parent)
    : QObject(parent), m_options(options), m_context(new AppContext(this))
{
    initResources();
    QApplication::setWindowIcon(appIcon());
    m_language = resolveLanguage(!options.language.isEmpty() ? options.language : m_context->settings().language());
    installLanguage(m_language);

    QString catalog = options.catalog;
    if (catalog.isEmpty())
        catalog = startupCatalog(m_context->settings().lastCatalog(), m_context->settings().reopenLastCatalog(),
                                 defaultDemoCatalog());
    createWindow();
    if (!catalog.isEmpty()) {
        if (AppContext::isCatalogFolder(catalog))
            m_context->setCatalogPath(catalog);
        else
            m_window->statusBar()->showMessage(
                tr("%1 holds no catalog (catalog.sqlite is missing). Create it with “unifashion demo” or open another "
                   "folder.")
                    .arg(QDir::toNativeSeparators(catalog)));
    }
    m_context->settings().setFirstRunDone();
    connect(m_context, &AppContext::languageChangeRequested, this, [this](const QString& code) {
        if (!setLanguage(resolveLanguage(code)) && m_window && resolveLanguage(code) != m_language)
            m_window->statusBar()->showMessage(tr("The language changes at the next start (a job is running)."), 8000);
    });
}

StudioApp::~StudioApp()
{
    delete m_window;
    shutdownPools();
}

void StudioApp::createWindow()
{
    m_window = new MainWindow(m_context);
    m_window->setAttribute(Qt::WA_DeleteOnClose, false);
    const QByteArray geometry = m_context->settings().windowGeometry();
    if (geometry.isEmpty() || !m_window->restoreGeometry(geometry))
        m_window->resize(1280, 800);
}

void StudioApp::show() { m_window->show(); }

bool StudioApp::setLanguage(const QString& code)
{
    if (code == m_language)
        return false;
    if (JobRunner::anyRunning())
        return false;
    const bool visible = m_window && m_window->isVisible();
    const QRect geometry = m_window ? m_window->geometry() : QRect();
    const auto page = m_window ? m_window->currentPage() : MainWindow::SettingsScreen;
    m_language = code;
    installLanguage(code);
    // Rebuilding the window retranslates every string at once (no per-widget retranslateUi to
    // keep in step); the shared context keeps the catalog, settings and thumbnails.
    if (m_window)
        m_window->deleteLater();
    createWindow();
    if (geometry.isValid())
        m_window->setGeometry(geometry);
    m_window->showPage(page);
    if (visible)
        m_window->show();
    return true;
}

void StudioApp::saveScreenshots(const QString& dir, std::function<void(QStringList, QString)> done)
{
    if (!QDir().mkpath(dir)) {
        done({}, tr("Cannot create the folder %1.").arg(dir));
        return;
    }
    struct Shot {
        MainWindow::Page page;
        int tab; // Tasks tab or -1
        QString name;
    };
    auto shots = std::make_shared<QList<Shot>>();
    for (int p = 0; p < MainWindow::PageCount; ++p) {
        const auto page = static_cast<MainWindow::Page>(p);
        if (page == MainWindow::TasksScreen) {
            const char* names[] = {"tasks-import", "tasks-index", "tasks-finetune", "tasks-eval"};
            for (int t = 0; t < 4; ++t)
                shots->append({page, t, QString::fromLatin1(names[t])});
        } else {
            shots->append({page, -1, MainWindow::pageKey(page)});
        }
    }
    auto files = std::make_shared<QStringList>();
    auto timer = new QTimer(this);
    auto clock = std::make_shared<QElapsedTimer>();
    auto index = std::make_shared<int>(-1);
    auto settle = std::make_shared<int>(0);
    timer->setInterval(50);
    // Each screen is shown, then grabbed once nothing is loading (catalog rows, details,
    // thumbnails, previews, reports) — or after 6 s, so a stuck load still yields a picture.
    auto next = [this, shots, index, clock, settle] {
        ++*index;
        *settle = 0;
        clock->restart();
        if (*index < shots->size()) {
            const Shot& s = shots->at(*index);
            m_window->showPage(s.page);
            if (s.tab >= 0)
                m_window->tasksPage()->tabs()->setCurrentIndex(s.tab);
        }
    };
    connect(timer, &QTimer::timeout, this, [this, timer, shots, files, index, clock, settle, dir, done, next] {
        if (!m_window) {
            timer->deleteLater();
            done(*files, tr("The window was closed."));
            return;
        }
        const bool idle = !m_window->isBusy() && m_context->thumbnails()->isIdle();
        // Two idle ticks in a row: queued thumbnail requests from the last paint get a chance.
        *settle = idle ? *settle + 1 : 0;
        if (*settle < 3 && clock->elapsed() < 6000)
            return;
        const Shot& s = shots->at(*index);
        const QString file = QDir(dir).filePath(s.name + QStringLiteral(".png"));
        if (!m_window->grab().save(file, "PNG")) {
            timer->deleteLater();
            done(*files, tr("Cannot write %1.").arg(file));
            return;
        }
        files->append(file);
        next();
        if (*index >= shots->size()) {
            timer->stop();
            timer->deleteLater();
            done(*files, QString());
        }
    });
    next();
    timer->start();
}

int runStudio(QApplication& app)
{
    QApplication::setOrganizationName(QStringLiteral("UniFashion"));
    QApplication::setApplicationName(QStringLiteral("UniFashion Studio"));
    QApplication::setApplicationVersion(QString::fromLatin1(kAppVersion));
    QApplication::setDesktopFileName(QStringLiteral("unifashion-studio"));
    initResources();
    // The command line's own help speaks the system language.
    installLanguage(systemLanguage());

    StudioOptions options;
    int exitCode = 0;
    QString message;
    if (!parseStudioOptions(QApplication::arguments(), options, exitCode, message)) {
        std::fputs(message.toLocal8Bit().constData(), exitCode == 0 ? stdout : stderr);
        return exitCode;
    }
    // UF_TRACE_STARTUP=1 prints when the window shows and when the first products are on it
    // (the start-up figure of docs/BENCHMARKS.md), measured from QApplication's construction.
    const bool trace = qEnvironmentVariableIsSet("UF_TRACE_STARTUP");
    QElapsedTimer clock;
    clock.start();
    StudioApp studio(options);
    studio.show();
    if (trace) {
        std::fprintf(stderr, "startup: window shown after %lld ms (epoch %lld)\n", static_cast<long long>(clock.elapsed()),
                     static_cast<long long>(QDateTime::currentMSecsSinceEpoch()));
        CatalogModel* model = studio.window()->catalogPage()->model();
        auto first = std::make_shared<QMetaObject::Connection>();
        *first = QObject::connect(model, &CatalogModel::rowsInserted, &studio, [first, &clock, model] {
            QObject::disconnect(*first);
            // Report after the frame that shows them has been painted.
            QTimer::singleShot(0, model, [&clock, model] {
                std::fprintf(stderr, "startup: first %d products painted after %lld ms (epoch %lld)\n", model->rowCount(),
                             static_cast<long long>(clock.elapsed()),
                             static_cast<long long>(QDateTime::currentMSecsSinceEpoch()));
            });
        });
        QObject::connect(model, &CatalogModel::loadingChanged, &studio, [&clock, model](bool loading) {
            if (!loading)
                std::fprintf(stderr, "startup: all %d products loaded after %lld ms\n", model->rowCount(),
                             static_cast<long long>(clock.elapsed()));
        });
    }
    if (!options.screenshotDir.isEmpty()) {
        studio.saveScreenshots(options.screenshotDir, [&options, &studio](const QStringList& files, const QString& error) {
            for (const QString& f : files)
                std::printf("%s\n", QDir::toNativeSeparators(f).toLocal8Bit().constData());
            std::fflush(stdout);
            if (!error.isEmpty())
                std::fprintf(stderr, "%s\n", error.toLocal8Bit().constData());
            if (options.quitAfterScreenshots)
                QCoreApplication::exit(error.isEmpty() ? 0 : 1);
            Q_UNUSED(studio);
        });
    }
    return app.exec();
}

} // namespace uf::ui
