#include "models/ThumbnailCache.h"

#include "common/ImageConvert.h"
#include "common/Jobs.h"

#include <QFuture>
#include <QList>
#include <QPair>

namespace uf::ui {

namespace {
constexpr int kBatch = 8;         // files per worker task
constexpr int kMaxInFlight = 2;   // worker tasks at once
constexpr std::size_t kMaxQueue = 400; // older requests are dropped (scrolled past)
using Decoded = QList<QPair<QString, QImage>>;
} // namespace

ThumbnailCache::ThumbnailCache(int side, QObject* parent) : QObject(parent), m_side(side)
{
    m_cache.setMaxCost(96 * 1024); // ~96 MiB of pixmaps
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(100);
    connect(&m_flushTimer, &QTimer::timeout, this, &ThumbnailCache::flush);
}

ThumbnailCache::~ThumbnailCache() = default;

QPixmap ThumbnailCache::thumbnail(const QString& path)
{
    if (path.isEmpty())
        return {};
    if (QPixmap* p = m_cache.object(path))
        return *p;
    if (m_broken.contains(path))
        return {};
    if (!m_queued.contains(path)) {
        m_queue.push_front(path);
        m_queued.insert(path);
        while (m_queue.size() > kMaxQueue) {
            m_queued.remove(m_queue.back());
            m_queue.pop_back();
        }
        // Decode after the current paint finishes, so one paint's requests form full batches.
        QMetaObject::invokeMethod(this, &ThumbnailCache::pump, Qt::QueuedConnection);
    } else {
        // Asked again (still visible): move it to the front.
        auto it = std::find(m_queue.begin(), m_queue.end(), path);
        if (it != m_queue.end() && it != m_queue.begin()) {
            m_queue.erase(it);
            m_queue.push_front(path);
        }
    }
    return {};
}

void ThumbnailCache::pump()
{
    while (m_inFlight < kMaxInFlight && !m_queue.empty()) {
        QStringList batch;
        while (batch.size() < kBatch && !m_queue.empty()) {
            batch << m_queue.front();
            m_queue.pop_front();
        }
        ++m_inFlight;
        const int side = m_side;
        const int generation = m_generation;
        QtConcurrent::run(ioPool(), [batch, side] {
            Decoded out;
            for (const QString& p : batch)
                out.append({p, loadScaled(p, side)});
            return out;
        }).then(this, [this, generation](const Decoded& decoded) {
            --m_inFlight;
            if (generation == m_generation) {
                for (const auto& [path, image] : decoded) {
                    m_queued.remove(path);
                    if (image.isNull()) {
                        m_broken.insert(path);
                    } else {
                        auto* pm = new QPixmap(QPixmap::fromImage(image));
                        m_cache.insert(path, pm, std::max<qsizetype>(1, image.sizeInBytes() / 1024));
                    }
                    m_ready << path;
                }
                if (!m_flushTimer.isActive())
                    m_flushTimer.start();
            }
            pump();
        });
    }
}

void ThumbnailCache::flush()
{
    if (m_ready.isEmpty())
        return;
    const QStringList ready = std::exchange(m_ready, {});
    Q_EMIT thumbnailsReady(ready);
}

void ThumbnailCache::clear()
{
    ++m_generation;
    m_cache.clear();
    m_broken.clear();
    m_queue.clear();
    m_queued.clear();
    m_ready.clear();
}

} // namespace uf::ui
