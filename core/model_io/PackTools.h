// Pack maintenance without torch in the header: re-writing a pack through the loader and the
// saver (a full verification, and a way to store it as float16 to halve its size).
#pragma once

#include <filesystem>

namespace uf::model_io {

// Loads `from` with every check and writes it to `to` (atomically). half: store weights as float16.
void rewritePack(const std::filesystem::path& from, const std::filesystem::path& to, bool half = false);

} // namespace uf::model_io
