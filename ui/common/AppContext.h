// What the screens share: the open catalog, settings, the thumbnail cache, the UI language, and
// requests that cross screens ("search similar" from the catalog, "generate from this product").
// Lives on the GUI thread; workers get copies of what they need (paths, options), never this.
#pragma once

#include "common/AppSettings.h"

#include <QObject>
#include <QString>

namespace uf::ui {

class ThumbnailCache;

class AppContext : public QObject {
    Q_OBJECT
public:
    explicit AppContext(QObject* parent = nullptr);

    AppSettings& settings() { return m_settings; }
    ThumbnailCache* thumbnails() const { return m_thumbnails; }

    QString catalogPath() const { return m_catalog; }
    bool hasCatalog() const { return !m_catalog.isEmpty(); }
    // Opens a catalog folder (remembered for the next start). Empty closes it.
    void setCatalogPath(const QString& folder);
    static bool isCatalogFolder(const QString& folder);

    // The model pack the user chose, else core's default pack; empty when there is none.
    QString modelPackPath() const;
    QString device() const { return m_settings.device(); }
    QString language() const;

    // Another screen changed the catalog's content (import finished, output approved, …).
    void notifyCatalogContentChanged() { Q_EMIT catalogContentChanged(); }

Q_SIGNALS:
    void catalogChanged(const QString& folder);
    void catalogContentChanged();
    void modelSettingsChanged();
    // Cross-screen requests; MainWindow switches to the screen that handles them.
    void similarRequested(const QString& sku);
    void generateFromRequested(const QString& sku);
    void describeRequested(const QString& sku);
    void showProductRequested(const QString& sku);
    void languageChangeRequested(const QString& code);

private:
    AppSettings m_settings;
    ThumbnailCache* m_thumbnails;
    QString m_catalog;
};

} // namespace uf::ui
