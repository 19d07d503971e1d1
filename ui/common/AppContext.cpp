#include "common/AppContext.h"

#include "common/Jobs.h"
#include "common/Language.h"
#include "common/Services.h"
#include "common/Features.h"
#include "common/Paths.h"
#include "models/ThumbnailCache.h"

#include <QDir>
#include <QFileInfo>

#if UF_HAVE_MODEL
#include "model/UnifiedModel.h"
#endif

namespace uf::ui {

AppContext::AppContext(QObject* parent) : QObject(parent), m_thumbnails(new ThumbnailCache(160, this))
{
    services::setComputeThreads(m_settings.threads());
}

bool AppContext::isCatalogFolder(const QString& folder)
{
    return !folder.isEmpty() && QFileInfo::exists(QDir(folder).filePath(QStringLiteral("catalog.sqlite")));
}

void AppContext::setCatalogPath(const QString& folder)
{
    const QString clean = folder.isEmpty() ? QString() : QDir::cleanPath(QDir(folder).absolutePath());
    if (clean == m_catalog)
        return;
    if (!m_catalog.isEmpty()) {
        const QString previous = m_catalog;
        (void)QtConcurrent::run(ioPool(), [previous] { services::releaseCatalog(previous); });
    }
    m_catalog = clean;
    if (!clean.isEmpty())
        m_settings.setLastCatalog(clean);
    m_thumbnails->clear();
    Q_EMIT catalogChanged(clean);
}

QString AppContext::modelPackPath() const
{
    const QString chosen = m_settings.modelPack();
    if (!chosen.isEmpty())
        return chosen;
#if UF_HAVE_MODEL
    if (auto p = model::defaultPackPath())
        return fromPath(*p);
#endif
    return {};
}

QString AppContext::language() const { return currentLanguage(); }

} // namespace uf::ui
