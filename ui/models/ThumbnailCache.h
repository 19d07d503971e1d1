// Thumbnails for the grids, decoded lazily off the GUI thread. Views ask for a path when they paint
// it; unknown paths are queued newest-first (what the user scrolled to last is what they look at),
// decoded in small batches on the I/O pool through core's imaging, kept in a QCache, and announced
// in batches at most every 100 ms so a fast scroll through 100k products does not flood the views.
#pragma once

#include <QCache>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <deque>

namespace uf::ui {

class ThumbnailCache : public QObject {
    Q_OBJECT
public:
    explicit ThumbnailCache(int side = 160, QObject* parent = nullptr);
    ~ThumbnailCache() override;

    int side() const { return m_side; }
    // The cached thumbnail, or a null pixmap after queueing the file for decoding.
    QPixmap thumbnail(const QString& path);
    // True once decoding failed (missing, truncated or not an image): draw a placeholder.
    bool isBroken(const QString& path) const { return m_broken.contains(path); }
    // Nothing queued or in flight (screenshots and tests wait for this).
    bool isIdle() const { return m_queue.empty() && m_inFlight == 0; }
    int cachedCount() const { return m_cache.count(); }
    void clear();

Q_SIGNALS:
    void thumbnailsReady(const QStringList& paths);

private:
    void pump();
    void flush();

    int m_side;
    QCache<QString, QPixmap> m_cache; // cost in KiB
    QSet<QString> m_broken;
    std::deque<QString> m_queue; // newest first
    QSet<QString> m_queued;      // in m_queue or in flight
    int m_inFlight = 0;
    int m_generation = 0; // bumped by clear(): late results from before are dropped
    QStringList m_ready;
    QTimer m_flushTimer;
};

} // namespace uf::ui
