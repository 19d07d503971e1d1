// Reads the Fashion-MNIST IDX files (gzip, big-endian headers) through zlib and writes the demo
// CSV + PNG folder. The images are saved as they are in the dataset (28×28, one grey channel,
// light garment on black): they are the real photos the model must handle.
#include "demo/FashionMnist.h"

#include "common/Error.h"
#include "common/Files.h"
#include "demo/DemoCsv.h"
#include "demo/DemoRandom.h"
#include "text/FashionVocabulary.h"

#include <opencv2/imgcodecs.hpp>
#include <zlib.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>

namespace uf::demo {

namespace {

constexpr const char* kInstallHint = "install it with `apt-get install dataset-fashion-mnist`";

struct Idx {
    std::vector<int> dims;
    std::vector<std::uint8_t> data;
};

struct GzCloser {
    void operator()(gzFile_s* f) const { gzclose(f); }
};

Idx readIdx(const std::filesystem::path& path, int expectedDims)
{
    if (!std::filesystem::exists(path))
        throw StorageError("Fashion-MNIST is not installed: " + path.string() + " is missing; " + kInstallHint);
    std::unique_ptr<gzFile_s, GzCloser> f(gzopen(path.c_str(), "rb"));
    if (!f)
        throw StorageError("cannot open " + path.string() + "; " + kInstallHint);
    std::vector<std::uint8_t> bytes;
    std::array<std::uint8_t, 1 << 16> buf{};
    for (;;) {
        const int n = gzread(f.get(), buf.data(), static_cast<unsigned>(buf.size()));
        if (n < 0)
            throw StorageError("Fashion-MNIST file " + path.string() + " is damaged (gzip error); reinstall it: apt-get install --reinstall dataset-fashion-mnist");
        if (n == 0)
            break;
        bytes.insert(bytes.end(), buf.begin(), buf.begin() + n);
    }
    auto be32 = [&](std::size_t at) {
        return (std::uint32_t(bytes[at]) << 24) | (std::uint32_t(bytes[at + 1]) << 16) | (std::uint32_t(bytes[at + 2]) << 8) | bytes[at + 3];
    };
    const std::size_t header = 4 + 4 * static_cast<std::size_t>(expectedDims);
    if (bytes.size() < header || be32(0) != (0x800u | static_cast<std::uint32_t>(expectedDims)))
        throw StorageError("Fashion-MNIST file " + path.string() + " is not an IDX file of " + std::to_string(expectedDims) +
                           " dimensions; reinstall it: apt-get install --reinstall dataset-fashion-mnist");
    Idx idx;
    std::size_t total = 1;
    for (int d = 0; d < expectedDims; ++d) {
        idx.dims.push_back(static_cast<int>(be32(4 + 4 * static_cast<std::size_t>(d))));
        total *= static_cast<std::size_t>(idx.dims.back());
    }
    if (bytes.size() != header + total)
        throw StorageError("Fashion-MNIST file " + path.string() + " is truncated; reinstall it: apt-get install --reinstall dataset-fashion-mnist");
    idx.data.assign(bytes.begin() + static_cast<std::ptrdiff_t>(header), bytes.end());
    return idx;
}

struct Split {
    const char* name;      // "train" / "test"
    const char* filePrefix; // "train" / "t10k"
};

constexpr std::array<Split, 2> kSplits = {{{"train", "train"}, {"test", "t10k"}}};

std::filesystem::path imagesFile(const std::filesystem::path& dir, const Split& s) { return dir / (std::string(s.filePrefix) + "-images-idx3-ubyte.gz"); }
std::filesystem::path labelsFile(const std::filesystem::path& dir, const Split& s) { return dir / (std::string(s.filePrefix) + "-labels-idx1-ubyte.gz"); }

// Item positions to take from one split: all, or `n` balanced over the ten classes in file order.
std::vector<int> selectItems(const std::vector<std::uint8_t>& labels, int n)
{
    std::vector<int> out;
    const int size = static_cast<int>(labels.size());
    if (n < 0 || n >= size) {
        out.resize(static_cast<std::size_t>(size));
        for (int i = 0; i < size; ++i)
            out[static_cast<std::size_t>(i)] = i;
        return out;
    }
    std::array<int, text::kFashionMnistClassCount> quota{}, taken{};
    for (int c = 0; c < text::kFashionMnistClassCount; ++c)
        quota[static_cast<std::size_t>(c)] = n / text::kFashionMnistClassCount + (c < n % text::kFashionMnistClassCount ? 1 : 0);
    for (int i = 0; i < size && static_cast<int>(out.size()) < n; ++i) {
        const int label = labels[static_cast<std::size_t>(i)];
        if (label < text::kFashionMnistClassCount && taken[label] < quota[label]) {
            ++taken[label];
            out.push_back(i);
        }
    }
    return out;
}

const std::vector<std::string>& namesEn(int label)
{
    static const std::array<std::vector<std::string>, text::kFashionMnistClassCount> n = {{
        {"T-shirt or top", "T-shirt", "tee"},
        {"pair of trousers", "pair of pants"},
        {"pullover", "sweater"},
        {"dress"},
        {"coat", "jacket"},
        {"sandal", "pair of sandals"},
        {"shirt"},
        {"sneaker", "pair of sneakers", "trainer"},
        {"bag", "handbag"},
        {"ankle boot", "pair of ankle boots"},
    }};
    return n[static_cast<std::size_t>(label)];
}

const std::vector<std::string>& namesJa(int label)
{
    static const std::array<std::vector<std::string>, text::kFashionMnistClassCount> n = {{
        {"Tシャツ", "Tシャツ・トップス"},
        {"パンツ", "ズボン"},
        {"プルオーバー", "セーター"},
        {"ワンピース", "ドレス"},
        {"コート", "ジャケット"},
        {"サンダル"},
        {"シャツ"},
        {"スニーカー"},
        {"バッグ", "かばん"},
        {"アンクルブーツ", "ブーツ"},
    }};
    return n[static_cast<std::size_t>(label)];
}

std::string describeEn(int label, detail::Rng& rng)
{
    const std::string& n = rng.pick(namesEn(label));
    std::string cap = n;
    if (!cap.empty() && cap[0] >= 'a' && cap[0] <= 'z')
        cap[0] = static_cast<char>(cap[0] - 'a' + 'A');
    switch (rng.below(5)) {
    case 0: return "Product photo of a " + n + ".";
    case 1: return "A " + n + " from the Zalando catalogue.";
    case 2: return "Zalando article: " + n + ".";
    case 3: return cap + ", greyscale product image.";
    default: return cap + " photographed for an online shop.";
    }
}

std::string describeJa(int label, detail::Rng& rng)
{
    const std::string& n = rng.pick(namesJa(label));
    switch (rng.below(5)) {
    case 0: return n + "の商品写真";
    case 1: return "Zalandoの" + n + "。";
    case 2: return n + "（モノクロ商品画像）";
    case 3: return "商品画像：" + n;
    default: return "ネットショップ掲載の" + n + "の写真。";
    }
}

} // namespace

std::filesystem::path defaultFashionMnistDir() { return "/usr/share/datasets/fashion-mnist"; }

bool fashionMnistAvailable(const std::filesystem::path& datasetDir)
{
    for (const Split& s : kSplits)
        if (!std::filesystem::exists(imagesFile(datasetDir, s)) || !std::filesystem::exists(labelsFile(datasetDir, s)))
            return false;
    return true;
}

std::filesystem::path writeFashionMnistSource(const std::filesystem::path& outDir, int count, const ProgressFn& progress,
                                              const std::filesystem::path& datasetDir)
{
    if (count < 0)
        throw UsageError("the Fashion-MNIST demo needs a count of 0 (all) or more (got " + std::to_string(count) + ")");
    if (!fashionMnistAvailable(datasetDir))
        throw StorageError("Fashion-MNIST is not installed (no IDX files in " + datasetDir.string() + "); " + kInstallHint);

    struct Loaded {
        Idx images, labels;
        std::vector<int> take;
    };
    std::array<Loaded, 2> loaded;
    // 6:1 as in the official split (60,000 / 10,000).
    const int trainCount = count == 0 ? -1 : static_cast<int>((static_cast<long long>(count) * 6 + 3) / 7);
    const int testCount = count == 0 ? -1 : count - trainCount;
    std::int64_t total = 0;
    for (std::size_t s = 0; s < kSplits.size(); ++s) {
        loaded[s].images = readIdx(imagesFile(datasetDir, kSplits[s]), 3);
        loaded[s].labels = readIdx(labelsFile(datasetDir, kSplits[s]), 1);
        const auto& dims = loaded[s].images.dims;
        if (dims[0] != loaded[s].labels.dims[0] || dims[1] <= 0 || dims[2] <= 0)
            throw StorageError("Fashion-MNIST " + std::string(kSplits[s].name) + " images and labels do not match; reinstall dataset-fashion-mnist");
        loaded[s].take = selectItems(loaded[s].labels.data, s == 0 ? trainCount : testCount);
        total += static_cast<std::int64_t>(loaded[s].take.size());
    }

    const std::filesystem::path imageDir = outDir / "images";
    std::error_code ec;
    std::filesystem::create_directories(imageDir, ec);
    if (ec)
        throw StorageError("cannot create " + imageDir.string() + ": " + ec.message());

    std::string csv;
    csv.reserve(static_cast<std::size_t>(total) * 220);
    detail::appendCsvRow(csv, detail::demoCsvHeader());
    const std::size_t attributeCount = text::attributeColumns().size();
    std::int64_t done = 0;
    std::vector<std::uint8_t> png;
    const std::vector<int> pngParams = {cv::IMWRITE_PNG_COMPRESSION, 6};
    for (std::size_t s = 0; s < kSplits.size(); ++s) {
        const Loaded& l = loaded[s];
        const int rows = l.images.dims[1], cols = l.images.dims[2];
        for (int index : l.take) {
            if (done % 500 == 0 && !reportProgress(progress, done, total))
                return {};
            const int label = l.labels.data[static_cast<std::size_t>(index)];
            if (label >= text::kFashionMnistClassCount)
                throw StorageError("Fashion-MNIST label out of range at item " + std::to_string(index) + "; reinstall dataset-fashion-mnist");
            char sku[40];
            std::snprintf(sku, sizeof sku, "FM-%s-%05d", kSplits[s].name, index + 1);
            const std::string rel = std::string("images/") + sku + ".png";
            try {
                const cv::Mat img(rows, cols, CV_8UC1,
                                  const_cast<std::uint8_t*>(l.images.data.data()) + static_cast<std::size_t>(index) * rows * cols);
                cv::imencode(".png", img, png, pngParams);
            } catch (const cv::Exception& e) {
                throw Error(std::string("PNG encoding failed: ") + e.what());
            }
            {
                std::ofstream out(outDir / rel, std::ios::binary | std::ios::trunc);
                out.write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
                out.close();
                if (!out)
                    throw StorageError("cannot write " + (outDir / rel).string() + ": check free space and permissions");
            }
            detail::Rng rng(detail::mixSeed(0x464D4E495354ull + s, static_cast<std::uint64_t>(index)));
            std::vector<std::string> row = {sku,
                                            text::fashionMnistClassName(label, "ja"),
                                            text::fashionMnistClassName(label, "en"),
                                            describeJa(label, rng),
                                            describeEn(label, rng),
                                            text::fashionMnistCategory(label),
                                            rel,
                                            kSplits[s].name};
            row.resize(row.size() + attributeCount);
            detail::appendCsvRow(csv, row);
            ++done;
        }
    }
    const std::filesystem::path csvPath = outDir / "demo.csv";
    writeFileAtomic(csvPath, csv);
    reportProgress(progress, total, total);
    return csvPath;
}

} // namespace uf::demo
