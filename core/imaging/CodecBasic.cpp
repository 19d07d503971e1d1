// The libpng/libjpeg pixel codec for headless GPU servers without OpenCV (UF_WITH_OPENCV=OFF).
// PNG and JPEG only; other formats are refused as undecodable.
#include "imaging/Codec.h"

#include <algorithm>
#include <cmath>
#include <csetjmp>
#include <cstdio>
#include <jpeglib.h>
#include <png.h>

namespace uf::imaging::codec {

namespace {

bool decodePng(std::span<const std::uint8_t> bytes, Image& out)
{
    png_image img{};
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&img, bytes.data(), bytes.size()))
        return false;
    img.format = PNG_FORMAT_RGB;
    out.width = static_cast<int>(img.width);
    out.height = static_cast<int>(img.height);
    out.rgb.resize(PNG_IMAGE_SIZE(img));
    if (!png_image_finish_read(&img, nullptr, out.rgb.data(), 0, nullptr)) {
        png_image_free(&img);
        return false;
    }
    return true;
}

struct JpegError {
    jpeg_error_mgr mgr;
    std::jmp_buf jump;
};

void onJpegError(j_common_ptr info)
{
    std::longjmp(reinterpret_cast<JpegError*>(info->err)->jump, 1);
}

bool decodeJpeg(std::span<const std::uint8_t> bytes, Image& out)
{
    jpeg_decompress_struct info{};
    JpegError err{};
    info.err = jpeg_std_error(&err.mgr);
    err.mgr.error_exit = onJpegError;
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&info);
        return false;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, bytes.data(), static_cast<unsigned long>(bytes.size()));
    jpeg_read_header(&info, TRUE);
    info.out_color_space = JCS_RGB;
    jpeg_start_decompress(&info);
    out.width = static_cast<int>(info.output_width);
    out.height = static_cast<int>(info.output_height);
    out.rgb.resize(static_cast<std::size_t>(out.width) * out.height * 3);
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = out.rgb.data() + static_cast<std::size_t>(info.output_scanline) * out.width * 3;
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    return true;
}

} // namespace

bool decode(std::span<const std::uint8_t> bytes, Image& out)
{
    if (bytes.size() >= 8 && png_sig_cmp(bytes.data(), 0, 8) == 0)
        return decodePng(bytes, out);
    if (bytes.size() >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8)
        return decodeJpeg(bytes, out);
    return false;
}

std::vector<std::uint8_t> encodePng(const Image& image)
{
    png_image img{};
    img.version = PNG_IMAGE_VERSION;
    img.width = static_cast<png_uint_32>(image.width);
    img.height = static_cast<png_uint_32>(image.height);
    img.format = PNG_FORMAT_RGB;
    png_alloc_size_t size = 0;
    png_image_write_to_memory(&img, nullptr, &size, 0, image.rgb.data(), 0, nullptr);
    std::vector<std::uint8_t> out(size);
    if (!png_image_write_to_memory(&img, out.data(), &size, 0, image.rgb.data(), 0, nullptr))
        out.clear();
    out.resize(size);
    return out;
}

std::vector<std::uint8_t> encodeJpeg(const Image& image, int quality)
{
    jpeg_compress_struct info{};
    jpeg_error_mgr err{};
    info.err = jpeg_std_error(&err);
    jpeg_create_compress(&info);
    unsigned char* mem = nullptr;
    unsigned long memSize = 0;
    jpeg_mem_dest(&info, &mem, &memSize);
    info.image_width = static_cast<JDIMENSION>(image.width);
    info.image_height = static_cast<JDIMENSION>(image.height);
    info.input_components = 3;
    info.in_color_space = JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
        JSAMPROW row = const_cast<std::uint8_t*>(image.row(static_cast<int>(info.next_scanline)));
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    std::vector<std::uint8_t> out(mem, mem + memSize);
    jpeg_destroy_compress(&info);
    std::free(mem);
    return out;
}

void resize(const Image& src, Image& dst)
{
    dst.rgb.assign(static_cast<std::size_t>(dst.width) * dst.height * 3, 0);
    const double sx = double(src.width) / dst.width, sy = double(src.height) / dst.height;
    for (int y = 0; y < dst.height; ++y) {
        for (int x = 0; x < dst.width; ++x) {
            double acc[3] = {0, 0, 0};
            if (sx >= 1.0 && sy >= 1.0) { // area average over the source box
                const int x0 = int(x * sx), x1 = std::max(x0 + 1, int((x + 1) * sx));
                const int y0 = int(y * sy), y1 = std::max(y0 + 1, int((y + 1) * sy));
                for (int yy = y0; yy < std::min(y1, src.height); ++yy)
                    for (int xx = x0; xx < std::min(x1, src.width); ++xx)
                        for (int c = 0; c < 3; ++c)
                            acc[c] += src.row(yy)[xx * 3 + c];
                const double n = double((std::min(y1, src.height) - y0) * (std::min(x1, src.width) - x0));
                for (int c = 0; c < 3; ++c)
                    dst.row(y)[x * 3 + c] = static_cast<std::uint8_t>(std::lround(acc[c] / n));
            } else { // bilinear
                const double fx = std::clamp((x + 0.5) * sx - 0.5, 0.0, double(src.width - 1));
                const double fy = std::clamp((y + 0.5) * sy - 0.5, 0.0, double(src.height - 1));
                const int x0 = int(fx), y0 = int(fy);
                const int x1 = std::min(x0 + 1, src.width - 1), y1 = std::min(y0 + 1, src.height - 1);
                const double ax = fx - x0, ay = fy - y0;
                for (int c = 0; c < 3; ++c) {
                    const double top = src.row(y0)[x0 * 3 + c] * (1 - ax) + src.row(y0)[x1 * 3 + c] * ax;
                    const double bottom = src.row(y1)[x0 * 3 + c] * (1 - ax) + src.row(y1)[x1 * 3 + c] * ax;
                    dst.row(y)[x * 3 + c] = static_cast<std::uint8_t>(std::lround(top * (1 - ay) + bottom * ay));
                }
            }
        }
    }
}

} // namespace uf::imaging::codec
