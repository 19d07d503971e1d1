// Planted near-duplicates for a demo catalog, so that `unifashion duplicates` has something known
// to find: copies of some products under new SKUs (DUP-<original sku>), their photo re-encoded as
// JPEG after a slight shrink and shift — the kind of copy a supplier re-upload produces.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace uf::demo {

// Appends `count` duplicate rows to the demo CSV at `csv` (rewritten atomically) and writes their
// images beside the originals; returns (original sku, duplicate sku) pairs, also written to
// planted-duplicates.tsv beside the CSV. Rows are chosen by `seed`. Throws BadInputError when
// the CSV is not a demo CSV, StorageError when a file cannot be written.
std::vector<std::pair<std::string, std::string>> plantDuplicates(const std::filesystem::path& csv, int count,
                                                                 std::uint64_t seed);

} // namespace uf::demo
