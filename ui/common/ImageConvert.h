// Conversions between core's plain RGB image and Qt's QImage (the only place they meet).
#pragma once

#include "imaging/Image.h"

#include <QImage>

namespace uf::ui {

QImage toQImage(const imaging::Image& image);
imaging::Image fromQImage(const QImage& image);
// Decodes a file through core's imaging (size limits and all) and scales it to fit side×side.
// Runs on worker threads; returns a null image when the file cannot be read.
QImage loadScaled(const QString& path, int side);

} // namespace uf::ui
