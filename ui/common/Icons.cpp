#include "common/Icons.h"

#include <QFile>
#include <QGuiApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QSvgRenderer>

static void ufInitStudioResources() { Q_INIT_RESOURCE(studio); }

namespace uf::ui {

void initResources() { ufInitStudioResources(); }

namespace {

// Renders the SVG on demand in the palette colour of the requested mode, so a disabled icon is
// drawn in the disabled text colour and a theme change needs no reload.
class TintedSvgEngine : public QIconEngine {
public:
    explicit TintedSvgEngine(QByteArray svg) : m_svg(std::move(svg)) {}

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State) override
    {
        const QPalette pal = QGuiApplication::palette();
        QColor c = pal.color(mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active,
                             mode == QIcon::Selected ? QPalette::HighlightedText : QPalette::WindowText);
        QByteArray data = m_svg;
        data.replace("currentColor", c.name().toLatin1());
        QSvgRenderer renderer(data);
        renderer.render(painter, QRectF(rect));
    }

    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    QPixmap scaledPixmap(const QSize& size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        QImage img(size * scale, QImage::Format_ARGB32_Premultiplied);
        img.fill(Qt::transparent);
        {
            QPainter p(&img);
            paint(&p, QRect(QPoint(0, 0), size * scale), mode, state);
        }
        img.setDevicePixelRatio(scale);
        return QPixmap::fromImage(img);
    }

    QIconEngine* clone() const override { return new TintedSvgEngine(m_svg); }
    QString key() const override { return QStringLiteral("uf-tinted-svg"); }

private:
    QByteArray m_svg;
};

} // namespace

QIcon icon(const QString& name)
{
    QFile f(QStringLiteral(":/icons/%1.svg").arg(name));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QIcon(new TintedSvgEngine(f.readAll()));
}

QIcon appIcon() { return QIcon(QStringLiteral(":/icons/app.svg")); }

} // namespace uf::ui
