#include "common/AppSettings.h"

#include <QDir>
#include <QStandardPaths>

namespace uf::ui {

AppSettings::AppSettings() = default; // organisation and application names are set in StudioApp

QString AppSettings::lastCatalog() const { return m_settings.value("catalog/last").toString(); }
void AppSettings::setLastCatalog(const QString& folder) { m_settings.setValue("catalog/last", folder); }
bool AppSettings::reopenLastCatalog() const { return m_settings.value("catalog/reopen", true).toBool(); }
void AppSettings::setReopenLastCatalog(bool on) { m_settings.setValue("catalog/reopen", on); }

QString AppSettings::modelPack() const { return m_settings.value("model/pack").toString(); }
void AppSettings::setModelPack(const QString& folder) { m_settings.setValue("model/pack", folder); }
QString AppSettings::device() const { return m_settings.value("model/device", "cpu").toString(); }
void AppSettings::setDevice(const QString& device) { m_settings.setValue("model/device", device); }
int AppSettings::threads() const { return m_settings.value("model/threads", 0).toInt(); }
void AppSettings::setThreads(int n) { m_settings.setValue("model/threads", n); }

QString AppSettings::language() const { return m_settings.value("ui/language", "system").toString(); }
void AppSettings::setLanguage(const QString& code) { m_settings.setValue("ui/language", code); }

QStringList AppSettings::recentSearches() const { return m_settings.value("search/recent").toStringList(); }
void AppSettings::setRecentSearches(const QStringList& entries) { m_settings.setValue("search/recent", entries); }

QByteArray AppSettings::windowGeometry() const { return m_settings.value("ui/geometry").toByteArray(); }
void AppSettings::setWindowGeometry(const QByteArray& g) { m_settings.setValue("ui/geometry", g); }

bool AppSettings::firstRun() const { return !m_settings.value("ui/firstRunDone", false).toBool(); }
void AppSettings::setFirstRunDone() { m_settings.setValue("ui/firstRunDone", true); }

QString defaultDemoCatalog()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base).filePath(QStringLiteral("unifashion/catalogs/demo"));
}

} // namespace uf::ui
