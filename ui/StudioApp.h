// The application object behind app/studio/main.cpp: parses the command line, picks the language
// and the catalog (--catalog, else the last one, else the demo catalog in its default place),
// owns the shared AppContext and the main window, rebuilds the window when the language changes,
// and in screenshot mode grabs each main screen into PNG files and quits.
#pragma once

#include "MainWindow.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

class QApplication;

namespace uf::ui {

class AppContext;

struct StudioOptions {
    QString catalog;       // --catalog DIR
    QString language;      // --lang ja|en (empty: settings, then the system locale)
    QString screenshotDir; // --screenshot-dir DIR
    bool quitAfterScreenshots = false;
};

// Parses argv. On --help/--version or an error, returns false and fills `exitCode`/`message`.
bool parseStudioOptions(const QStringList& arguments, StudioOptions& options, int& exitCode, QString& message);

class StudioApp : public QObject {
    Q_OBJECT
public:
    explicit StudioApp(const StudioOptions& options, QObject* parent = nullptr);
    ~StudioApp() override;

    AppContext* context() const { return m_context; }
    MainWindow* window() const { return m_window; }
    QString language() const { return m_language; }

    // Shows the window (geometry restored).
    void show();
    // Switches the language: rebuilds the window now unless a job runs (then it applies at the
    // next start). Returns true when the window was rebuilt.
    bool setLanguage(const QString& code);

    // Grabs each main screen (and each Tasks tab) into dir/<screen>.png once it finished loading.
    // Calls done(files, error) on the GUI thread; error is empty on success.
    void saveScreenshots(const QString& dir, std::function<void(QStringList, QString)> done);

    // Where the application opens a catalog when --catalog is not given.
    static QString startupCatalog(const QString& lastCatalog, bool reopen, const QString& demo);

private:
    void createWindow();

    StudioOptions m_options;
    AppContext* m_context;
    QPointer<MainWindow> m_window;
    QString m_language;
};

// The whole application: options, StudioApp, event loop. Returns the process exit code.
int runStudio(QApplication& app);

} // namespace uf::ui
