// What the application remembers between runs (QSettings): catalog, model pack, device, threads,
// language, recent searches and window state. Read and written on the GUI thread only.
#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

namespace uf::ui {

class AppSettings {
public:
    AppSettings();

    QString lastCatalog() const;
    void setLastCatalog(const QString& folder);
    bool reopenLastCatalog() const;
    void setReopenLastCatalog(bool on);

    QString modelPack() const; // empty: the default pack
    void setModelPack(const QString& folder);
    QString device() const; // "cpu" or "cuda"
    void setDevice(const QString& device);
    int threads() const; // 0: one per core
    void setThreads(int n);

    QString language() const; // "system", "ja" or "en"
    void setLanguage(const QString& code);

    QStringList recentSearches() const; // newest first, encoded by RecentSearchesModel
    void setRecentSearches(const QStringList& entries);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& g);

    bool firstRun() const;
    void setFirstRunDone();

private:
    mutable QSettings m_settings;
};

// The demo catalog's default location: <XDG data>/unifashion/catalogs/demo (scripts/run.sh makes it there
// with `unifashion demo`).
QString defaultDemoCatalog();

} // namespace uf::ui
