// Planted near-duplicates (see PlantedDuplicates.h).
#include "demo/PlantedDuplicates.h"

#include "common/Error.h"
#include "common/Files.h"
#include "demo/DemoCsv.h"
#include "imaging/ImageIO.h"
#include "ingest/Csv.h"

#include <algorithm>
#include <numeric>
#include <random>

namespace uf::demo {

namespace {

int columnOf(const std::vector<std::string>& header, const std::string& name, const std::filesystem::path& csv)
{
    auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end())
        throw BadInputError(csv.string() + ": not a demo CSV (no '" + name + "' column)");
    return static_cast<int>(it - header.begin());
}

// Shrinks the photo by a few per cent and pastes it off-centre on the same background colour:
// every pixel moves, the garment stays.
imaging::Image perturb(const imaging::Image& src, std::mt19937_64& rng)
{
    const int side = std::min(src.width, src.height);
    const int shrunk = std::max(8, side - 4 - static_cast<int>(rng() % 5));
    const imaging::Image small = imaging::resize(src, shrunk, shrunk);
    imaging::Image out;
    out.width = src.width;
    out.height = src.height;
    out.rgb.resize(static_cast<std::size_t>(out.width) * out.height * 3);
    for (std::size_t i = 0; i < out.rgb.size(); i += 3)
        std::copy_n(src.rgb.data(), 3, out.rgb.data() + i); // the top-left pixel: the background
    const int dx = static_cast<int>(rng() % static_cast<std::uint64_t>(out.width - shrunk + 1));
    const int dy = static_cast<int>(rng() % static_cast<std::uint64_t>(out.height - shrunk + 1));
    for (int y = 0; y < shrunk; ++y)
        std::copy_n(small.row(y), static_cast<std::size_t>(shrunk) * 3, out.row(y + dy) + static_cast<std::size_t>(dx) * 3);
    return out;
}

} // namespace

std::vector<std::pair<std::string, std::string>> plantDuplicates(const std::filesystem::path& csv, int count,
                                                                 std::uint64_t seed)
{
    std::vector<std::pair<std::string, std::string>> planted;
    if (count <= 0)
        return planted;
    std::string text = readFileText(csv);
    auto records = ingest::parseCsv(text);
    if (records.size() < 2)
        throw BadInputError(csv.string() + ": no products to duplicate");
    const auto& header = records.front().fields;
    const int skuCol = columnOf(header, "sku", csv);
    const int imageCol = columnOf(header, "image", csv);
    std::vector<std::size_t> rows(records.size() - 1);
    std::iota(rows.begin(), rows.end(), std::size_t{1});
    std::mt19937_64 rng(seed ^ 0xD0B1EULL);
    std::shuffle(rows.begin(), rows.end(), rng);
    rows.resize(std::min(rows.size(), static_cast<std::size_t>(count)));
    std::sort(rows.begin(), rows.end());
    if (!text.empty() && text.back() != '\n')
        text += '\n';
    std::string tsv = "original\tduplicate\n";
    for (std::size_t r : rows) {
        auto fields = records[r].fields;
        if (fields.size() != header.size())
            throw BadInputError(csv.string() + ": line " + std::to_string(records[r].line) + " has " +
                                std::to_string(fields.size()) + " fields, the header " + std::to_string(header.size()));
        const std::string original = fields[static_cast<std::size_t>(skuCol)];
        const std::string dup = "DUP-" + original;
        const auto image = imaging::loadFile(csv.parent_path() / fields[static_cast<std::size_t>(imageCol)]);
        const std::string rel = "images/" + dup + ".jpg";
        writeFileAtomic(csv.parent_path() / rel, imaging::encodeJpeg(perturb(image, rng), 80));
        fields[static_cast<std::size_t>(skuCol)] = dup;
        fields[static_cast<std::size_t>(imageCol)] = rel;
        detail::appendCsvRow(text, fields);
        tsv += original + "\t" + dup + "\n";
        planted.emplace_back(original, dup);
    }
    writeFileAtomic(csv.parent_path() / "planted-duplicates.tsv", tsv);
    writeFileAtomic(csv, text);
    return planted;
}

} // namespace uf::demo
