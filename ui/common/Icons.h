// SVG icons from resources/icons, drawn in the palette's text colour at whatever size and device
// pixel ratio they are asked for, so they stay sharp on high-DPI screens and follow light/dark themes.
#pragma once

#include <QIcon>
#include <QString>

namespace uf::ui {

// name is the file name without extension (":/icons/<name>.svg"). Icons use stroke="currentColor".
QIcon icon(const QString& name);
// The application icon (coloured, not tinted).
QIcon appIcon();

// Pulls the static library's compiled resources into the executable (icons; translations load
// through their own object library).
void initResources();

} // namespace uf::ui
