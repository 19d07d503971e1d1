// The OpenCV pixel codec (workstation builds).
#include "imaging/Codec.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace uf::imaging::codec {

namespace {

cv::Mat toBgr(const Image& image)
{
    cv::Mat rgb(image.height, image.width, CV_8UC3, const_cast<std::uint8_t*>(image.rgb.data()));
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    return bgr;
}

} // namespace

bool decode(std::span<const std::uint8_t> bytes, Image& out)
{
    cv::Mat bgr;
    try {
        const cv::Mat buf(1, static_cast<int>(bytes.size()), CV_8UC1, const_cast<std::uint8_t*>(bytes.data()));
        bgr = cv::imdecode(buf, cv::IMREAD_COLOR);
    } catch (const cv::Exception&) {
        return false;
    }
    if (bgr.empty())
        return false;
    out.width = bgr.cols;
    out.height = bgr.rows;
    out.rgb.resize(static_cast<std::size_t>(out.width) * out.height * 3);
    cv::Mat dst(out.height, out.width, CV_8UC3, out.rgb.data());
    cv::cvtColor(bgr, dst, cv::COLOR_BGR2RGB);
    return true;
}

std::vector<std::uint8_t> encodePng(const Image& image)
{
    std::vector<std::uint8_t> out;
    // Fixed compression settings keep the bytes identical for identical pixels.
    cv::imencode(".png", toBgr(image), out, {cv::IMWRITE_PNG_COMPRESSION, 6});
    return out;
}

std::vector<std::uint8_t> encodeJpeg(const Image& image, int quality)
{
    std::vector<std::uint8_t> out;
    cv::imencode(".jpg", toBgr(image), out, {cv::IMWRITE_JPEG_QUALITY, quality});
    return out;
}

void resize(const Image& src, Image& dst)
{
    cv::Mat s(src.height, src.width, CV_8UC3, const_cast<std::uint8_t*>(src.rgb.data()));
    dst.rgb.resize(static_cast<std::size_t>(dst.width) * dst.height * 3);
    cv::Mat d(dst.height, dst.width, CV_8UC3, dst.rgb.data());
    const bool down = dst.width < src.width || dst.height < src.height;
    cv::resize(s, d, cv::Size(dst.width, dst.height), 0, 0, down ? cv::INTER_AREA : cv::INTER_LINEAR);
}

} // namespace uf::imaging::codec
