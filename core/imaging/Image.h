// A decoded image as plain bytes (8-bit RGB, row-major, no padding), the currency between
// import, the model, generation and the UI — no OpenCV or Qt type crosses a public header.
#pragma once

#include <cstdint>
#include <vector>

namespace uf::imaging {

struct Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgb; // width * height * 3

    bool empty() const { return width == 0 || height == 0; }
    std::uint8_t* row(int y) { return rgb.data() + static_cast<std::size_t>(y) * width * 3; }
    const std::uint8_t* row(int y) const { return rgb.data() + static_cast<std::size_t>(y) * width * 3; }
};

} // namespace uf::imaging
