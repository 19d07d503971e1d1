#include "common/Style.h"

#include <QLabel>

namespace uf::ui {

bool isDarkPalette(const QPalette& pal) { return pal.color(QPalette::Window).lightness() < 128; }
QColor errorColor(const QPalette& pal) { return isDarkPalette(pal) ? QColor(0xff, 0x8a, 0x80) : QColor(0xb7, 0x1c, 0x1c); }
QColor successColor(const QPalette& pal) { return isDarkPalette(pal) ? QColor(0x81, 0xc7, 0x84) : QColor(0x1b, 0x5e, 0x20); }

void setTone(QLabel* label, Tone tone)
{
    QPalette pal = label->palette();
    const QPalette base = label->parentWidget() ? label->parentWidget()->palette() : QPalette();
    QColor c = base.color(QPalette::WindowText);
    switch (tone) {
    case Tone::Normal: break;
    case Tone::Muted: c = base.color(QPalette::PlaceholderText); break;
    case Tone::Error: c = errorColor(base); break;
    case Tone::Success: c = successColor(base); break;
    }
    pal.setColor(QPalette::WindowText, c);
    label->setPalette(pal);
}

} // namespace uf::ui
