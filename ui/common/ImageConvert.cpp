#include "common/ImageConvert.h"

#include "common/Paths.h"
#include "imaging/ImageIO.h"

#include <cstring>

namespace uf::ui {

QImage toQImage(const imaging::Image& image)
{
    if (image.empty())
        return {};
    QImage out(image.width, image.height, QImage::Format_RGB888);
    for (int y = 0; y < image.height; ++y) // QImage rows are 4-byte aligned, core's are packed
        std::memcpy(out.scanLine(y), image.row(y), static_cast<std::size_t>(image.width) * 3);
    return out;
}

imaging::Image fromQImage(const QImage& image)
{
    imaging::Image out;
    if (image.isNull())
        return out;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    out.width = rgb.width();
    out.height = rgb.height();
    out.rgb.resize(static_cast<std::size_t>(out.width) * out.height * 3);
    for (int y = 0; y < out.height; ++y)
        std::memcpy(out.row(y), rgb.constScanLine(y), static_cast<std::size_t>(out.width) * 3);
    return out;
}

QImage loadScaled(const QString& path, int side)
{
    try {
        imaging::Image img = imaging::loadFile(toPath(path));
        if (img.empty())
            return {};
        const double s = std::min(static_cast<double>(side) / img.width, static_cast<double>(side) / img.height);
        const int w = std::max(1, static_cast<int>(img.width * s + 0.5));
        const int h = std::max(1, static_cast<int>(img.height * s + 0.5));
        if (w != img.width || h != img.height)
            img = imaging::resize(img, w, h);
        return toQImage(img);
    } catch (const std::exception&) {
        return {}; // the caller shows a "cannot read" placeholder
    }
}

} // namespace uf::ui
