#include "widgets/Widgets.h"

#include "common/Icons.h"
#include "common/ImageConvert.h"
#include "common/Jobs.h"

#include <QHBoxLayout>
#include <QToolButton>
#include <QtConcurrent/QtConcurrentRun>

namespace uf::ui {

AsyncImageLabel::AsyncImageLabel(int side, QWidget* parent) : QLabel(parent), m_side(side)
{
    setAlignment(Qt::AlignCenter);
    setMinimumSize(side, side);
    setFrameShape(QFrame::StyledPanel);
    setWordWrap(true);
}

void AsyncImageLabel::setPlaceholder(const QString& text)
{
    m_placeholder = text;
    if (m_path.isEmpty() && pixmap().isNull())
        setText(text);
}

void AsyncImageLabel::setImage(const QImage& image)
{
    ++m_generation;
    m_loading = false;
    m_path.clear();
    if (image.isNull()) {
        setPixmap(QPixmap());
        setText(m_placeholder);
        return;
    }
    const qreal dpr = devicePixelRatioF();
    QPixmap pm = QPixmap::fromImage(image.scaled(QSize(m_side, m_side) * dpr, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    pm.setDevicePixelRatio(dpr);
    setPixmap(pm);
}

void AsyncImageLabel::setImagePath(const QString& path)
{
    const int generation = ++m_generation;
    m_path = path;
    setPixmap(QPixmap());
    if (path.isEmpty()) {
        m_loading = false;
        setText(m_placeholder);
        return;
    }
    setText(tr("Loading…"));
    m_loading = true;
    const int side = static_cast<int>(m_side * devicePixelRatioF());
    QtConcurrent::run(ioPool(), [path, side] { return loadScaled(path, side); })
        .then(this, [this, generation](const QImage& image) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (image.isNull()) {
                setText(tr("The image cannot be read"));
                Q_EMIT loaded(false);
                return;
            }
            QPixmap pm = QPixmap::fromImage(image);
            pm.setDevicePixelRatio(devicePixelRatioF());
            setPixmap(pm);
            Q_EMIT loaded(true);
        });
}

Chip::Chip(QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("chip"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(QStringLiteral("#chip { border: 1px solid palette(mid); border-radius: 12px; background: palette(alternate-base); }"));
    auto* l = new QHBoxLayout(this);
    l->setContentsMargins(6, 2, 2, 2);
    m_image = new AsyncImageLabel(28, this);
    m_image->setFrameShape(QFrame::NoFrame);
    m_text = new QLabel(this);
    m_remove = new QToolButton(this);
    m_remove->setIcon(icon(QStringLiteral("close")));
    m_remove->setAutoRaise(true);
    m_remove->setToolTip(tr("Remove"));
    l->addWidget(m_image);
    l->addWidget(m_text);
    l->addWidget(m_remove);
    connect(m_remove, &QToolButton::clicked, this, &Chip::removeRequested);
}

void Chip::setContent(const QString& text, const QImage& image, const QString& imagePath)
{
    m_text->setText(text);
    if (!image.isNull())
        m_image->setImage(image);
    else
        m_image->setImagePath(imagePath);
    m_image->setVisible(!image.isNull() || !imagePath.isEmpty());
}

QString Chip::text() const { return m_text->text(); }

Banner::Banner(QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("banner"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(QStringLiteral("#banner { border: 1px solid palette(mid); border-radius: 4px; background: palette(alternate-base); }"));
    auto* l = new QHBoxLayout(this);
    m_icon = new QLabel(this);
    m_icon->setPixmap(icon(QStringLiteral("warning")).pixmap(20, 20));
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    l->addWidget(m_icon, 0, Qt::AlignTop);
    l->addWidget(m_text, 1);
}

void Banner::setText(const QString& text) { m_text->setText(text); }
QString Banner::text() const { return m_text->text(); }

} // namespace uf::ui
