// The Fashion-MNIST demo catalog: Zalando's real product images (28×28 grey, 60,000 train +
// 10,000 test) from Debian's dataset-fashion-mnist package, written as the same CSV + PNG folder
// layout as the synthetic demo, with class names as Japanese and English titles/descriptions.
#pragma once

#include "common/Progress.h"

#include <filesystem>

namespace uf::demo {

// Where Debian's dataset-fashion-mnist package puts the IDX files.
std::filesystem::path defaultFashionMnistDir();

// True when the four IDX .gz files are present in datasetDir.
bool fashionMnistAvailable(const std::filesystem::path& datasetDir = defaultFashionMnistDir());

// Writes outDir/demo.csv and outDir/images/FM-<split>-NNNNN.png and returns the CSV path.
// count 0 takes all 70,000 items; otherwise count items split between train and test in the
// official 6:1 proportion, each split balanced over the ten classes (first items of each class
// in file order). SKUs keep the item's 1-based position in its official file (FM-train-00001),
// so a subset's products are the same products as in the full set. Columns as the synthetic CSV;
// category is canonical, color/pattern and the other attribute columns are empty.
// Throws StorageError when the dataset is missing ("apt-get install dataset-fashion-mnist") or
// damaged, or the output cannot be written; UsageError for a negative count. When progress asks
// to stop, no CSV is written and an empty path is returned.
std::filesystem::path writeFashionMnistSource(const std::filesystem::path& outDir, int count, const ProgressFn& progress = {},
                                              const std::filesystem::path& datasetDir = defaultFashionMnistDir());

} // namespace uf::demo
