// Colours that keep their meaning (error, success, muted) readable on light and dark palettes.
#pragma once

#include <QColor>
#include <QPalette>

class QLabel;

namespace uf::ui {

bool isDarkPalette(const QPalette& pal);
QColor errorColor(const QPalette& pal);
QColor successColor(const QPalette& pal);
// Sets a label's text colour to one of the above (or back to the palette's text colour).
enum class Tone { Normal, Muted, Error, Success };
void setTone(QLabel* label, Tone tone);

} // namespace uf::ui
