#include "ingest/SourceReader.h"

#include "common/Error.h"
#include "common/Files.h"
#include "ingest/Csv.h"
#include "text/Encoding.h"
#include "text/Normalize.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace uf::ingest {

namespace {

// Builds one product from (target, value) pairs, whatever the source format.
class RowBuilder {
public:
    explicit RowBuilder(SourceRow& row)
        : m_row(row)
    {
    }

    void add(const ColumnTarget& target, std::string_view value)
    {
        catalog::Product& p = m_row.product;
        switch (target.field) {
        case Field::Sku:
            if (p.sku.empty())
                p.sku = canonicalSku(value);
            break;
        case Field::Title: setDetected(p.title, value); break;
        case Field::TitleJa: setExplicit(p.title, "ja", value); break;
        case Field::TitleEn: setExplicit(p.title, "en", value); break;
        case Field::Description: setDetected(p.description, value); break;
        case Field::DescriptionJa: setExplicit(p.description, "ja", value); break;
        case Field::DescriptionEn: setExplicit(p.description, "en", value); break;
        case Field::Category:
            if (p.category.empty())
                p.category = text::normalize(value);
            break;
        case Field::Image:
            if (std::string v = trimText(value); !v.empty())
                m_row.imagePaths.push_back(std::move(v));
            break;
        case Field::Images:
            for (auto& part : splitImageList(value))
                m_row.imagePaths.push_back(std::move(part));
            break;
        case Field::Split: setSplit(value); break;
        case Field::Attribute:
            if (std::string v = text::normalize(value); !v.empty() && !target.attributeKey.empty())
                p.attributes.emplace(target.attributeKey, std::move(v));
            break;
        case Field::Ignore: break;
        }
    }

    // A text given per language ({"ja": …, "en": …}) for a title or description target.
    void addPerLanguage(const ColumnTarget& target, const std::string& lang, std::string_view value)
    {
        catalog::Product& p = m_row.product;
        const std::string l = text::normalize(lang);
        if (target.field == Field::Title || target.field == Field::TitleJa || target.field == Field::TitleEn)
            setExplicit(p.title, l, value);
        else if (target.field == Field::Description || target.field == Field::DescriptionJa
                 || target.field == Field::DescriptionEn)
            setExplicit(p.description, l, value);
    }

    void fail(const char* code, std::string message)
    {
        if (m_row.errorCode.empty()) {
            m_row.errorCode = code;
            m_row.error = std::move(message);
        }
    }

    void finish()
    {
        if (m_row.ok() && m_row.product.sku.empty())
            fail(problem::kMissingSku, "the SKU is missing (every product needs one)");
    }

private:
    void setDetected(std::map<std::string, std::string>& texts, std::string_view value)
    {
        std::string v = trimText(value);
        if (v.empty())
            return;
        const std::string lang = text::detectLanguage(v);
        texts.emplace(lang, std::move(v)); // an explicit _ja/_en column wins
    }
    void setExplicit(std::map<std::string, std::string>& texts, const std::string& lang, std::string_view value)
    {
        std::string v = trimText(value);
        if (!v.empty())
            texts[lang] = std::move(v);
    }
    void setSplit(std::string_view value)
    {
        const std::string v = text::normalize(value);
        if (v.empty())
            return;
        if (v == "train" || v == "training" || v == "学習" || v == "訓練")
            m_row.product.split = "train";
        else if (v == "test" || v == "testing" || v == "テスト" || v == "評価")
            m_row.product.split = "test";
        else
            fail(problem::kBadSplit, "the split '" + std::string(trimText(value)) + "' is neither train nor test");
    }

    SourceRow& m_row;
};

bool touchesInvalidLine(const std::vector<std::int64_t>& invalid, std::int64_t first, std::int64_t last,
                        std::int64_t* which)
{
    auto it = std::lower_bound(invalid.begin(), invalid.end(), first);
    if (it != invalid.end() && *it <= last) {
        *which = *it;
        return true;
    }
    return false;
}

std::string invalidEncodingMessage(std::int64_t line, text::TextEncoding encoding)
{
    return "invalid encoding: line " + std::to_string(line) + " holds bytes that are not valid "
        + text::encodingName(encoding) + " (the rest of the file is " + text::encodingName(encoding)
        + "); fix or retype the text in that row";
}

void checkMappedColumnsExist(const ColumnMapper& mapper, const std::vector<std::string>& columns)
{
    for (const auto& wanted : mapper.mappedColumns()) {
        const std::string w = text::normalize(wanted);
        const bool found = std::any_of(columns.begin(), columns.end(),
                                       [&](const std::string& c) { return text::normalize(c) == w; });
        if (!found) {
            std::string list;
            for (const auto& c : columns)
                list += (list.empty() ? "" : ", ") + c;
            throw UsageError("--map names the column '" + wanted + "', but the file has no such column (columns: "
                             + list + ")");
        }
    }
}

SourceTable parseDelimited(const text::DecodedText& decoded, char delimiter, const ColumnMapper& mapper,
                           const std::string& sourceName)
{
    SourceTable table;
    table.format = delimiter == '\t' ? SourceFormat::Tsv : SourceFormat::Csv;
    table.encoding = decoded.encoding;
    CsvReader reader(decoded.utf8, delimiter);
    CsvRecord header;
    if (!reader.next(header))
        throw BadInputError(sourceName + ": the file is empty (no header row with column names)");
    std::int64_t bad = 0;
    if (touchesInvalidLine(decoded.invalidLines, header.line, header.lastLine, &bad))
        throw BadInputError(sourceName + ": the header row (line " + std::to_string(bad)
                            + ") holds bytes that are neither UTF-8 nor Shift_JIS (CP932); save the file as UTF-8");
    std::vector<ColumnTarget> targets;
    bool hasSku = false;
    for (const auto& name : header.fields) {
        table.columns.push_back(trimText(name));
        targets.push_back(mapper.target(name));
        hasSku = hasSku || targets.back().field == Field::Sku;
    }
    checkMappedColumnsExist(mapper, table.columns);
    if (!hasSku) {
        std::string list;
        for (const auto& c : table.columns)
            list += (list.empty() ? "" : ", ") + c;
        throw BadInputError(sourceName + ": no SKU column (columns: " + list
                            + "); name one column sku, SKU, 品番 or 商品コード, or use --map COLUMN=sku");
    }

    const std::size_t width = header.fields.size();
    CsvRecord rec;
    while (reader.next(rec)) {
        SourceRow row;
        row.row = rec.line;
        row.product.sourceFile = sourceName;
        row.product.sourceRow = rec.line;
        RowBuilder b(row);
        if (touchesInvalidLine(decoded.invalidLines, rec.line, rec.lastLine, &bad)) {
            b.fail(problem::kInvalidEncoding, invalidEncodingMessage(bad, decoded.encoding));
        } else if (rec.unterminatedQuote) {
            b.fail(problem::kUnterminatedQuote, "a quoted field starting in this row is never closed (a missing '\"'); "
                                                "the rest of the file was read as part of it");
        } else if (rec.fields.size() < width) {
            b.fail(problem::kColumnCount, "too few columns: " + std::to_string(rec.fields.size()) + " instead of "
                                              + std::to_string(width) + " (the header has " + std::to_string(width) + ")");
        } else if (rec.fields.size() > width
                   && std::any_of(rec.fields.begin() + static_cast<std::ptrdiff_t>(width), rec.fields.end(),
                                  [](const std::string& f) { return !trimText(f).empty(); })) {
            // Trailing empty cells (a stray comma from a spreadsheet) are harmless.
            b.fail(problem::kColumnCount, "too many columns: " + std::to_string(rec.fields.size()) + " instead of "
                                              + std::to_string(width) + "; quote values that contain a comma");
        }
        if (row.ok()) {
            for (std::size_t i = 0; i < width; ++i)
                b.add(targets[i], rec.fields[i]);
            b.finish();
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

std::string scalarText(const nlohmann::json& v)
{
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_null())
        return {};
    if (v.is_boolean())
        return v.get<bool>() ? "true" : "false";
    if (v.is_array()) {
        std::string out;
        for (const auto& e : v) {
            std::string s = scalarText(e);
            if (s.empty())
                continue;
            out += (out.empty() ? "" : ", ") + s;
        }
        return out;
    }
    return v.dump();
}

SourceTable parseJsonLines(const text::DecodedText& decoded, const ColumnMapper& mapper, const std::string& sourceName)
{
    SourceTable table;
    table.format = SourceFormat::JsonLines;
    table.encoding = decoded.encoding;
    std::map<std::string, ColumnTarget> targetCache;
    bool anySku = false;
    const std::string_view text = decoded.utf8;
    std::size_t pos = 0;
    std::int64_t lineNo = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (trimText(line).empty())
            continue;
        SourceRow row;
        row.row = lineNo;
        row.product.sourceFile = sourceName;
        row.product.sourceRow = lineNo;
        RowBuilder b(row);
        std::int64_t bad = 0;
        if (touchesInvalidLine(decoded.invalidLines, lineNo, lineNo, &bad)) {
            b.fail(problem::kInvalidEncoding, invalidEncodingMessage(bad, decoded.encoding));
            table.rows.push_back(std::move(row));
            continue;
        }
        nlohmann::json obj;
        try {
            obj = nlohmann::json::parse(line);
        } catch (const nlohmann::json::parse_error& e) {
            b.fail(problem::kBadJson, std::string("not valid JSON (") + e.what() + ")");
        }
        if (row.ok() && !obj.is_object())
            b.fail(problem::kBadJson, "expected one JSON object per line, e.g. {\"sku\": \"A1\", \"title\": \"…\"}");
        if (row.ok()) {
            for (const auto& [key, value] : obj.items()) {
                auto it = targetCache.find(key);
                if (it == targetCache.end()) {
                    it = targetCache.emplace(key, mapper.target(key)).first;
                    table.columns.push_back(key);
                }
                const ColumnTarget& target = it->second;
                anySku = anySku || target.field == Field::Sku;
                if (value.is_object()) {
                    if (target.field == Field::Attribute) {
                        // {"attributes": {"color": "navy", …}}
                        for (const auto& [k, v] : value.items())
                            b.add({Field::Attribute, canonicalAttributeKey(k)}, scalarText(v));
                    } else {
                        // {"title": {"ja": …, "en": …}} as `list --json` prints it
                        for (const auto& [lang, v] : value.items())
                            b.addPerLanguage(target, lang, scalarText(v));
                    }
                } else if (value.is_array() && (target.field == Field::Image || target.field == Field::Images)) {
                    for (const auto& e : value)
                        b.add({Field::Image, {}}, scalarText(e));
                } else {
                    b.add(target, scalarText(value));
                }
            }
            b.finish();
        }
        table.rows.push_back(std::move(row));
    }
    checkMappedColumnsExist(mapper, table.columns);
    if (!table.rows.empty() && !anySku)
        throw BadInputError(sourceName + ": no object has an SKU key; name it \"sku\" (or 品番, 商品コード) "
                                         "or use --map KEY=sku");
    return table;
}

} // namespace

const char* formatName(SourceFormat format)
{
    switch (format) {
    case SourceFormat::Csv: return "csv";
    case SourceFormat::Tsv: return "tsv";
    case SourceFormat::JsonLines: return "jsonl";
    }
    return "csv";
}

SourceTable parseSource(std::string_view bytes, SourceFormat format, const ColumnMapper& mapper,
                        const std::string& sourceName)
{
    const text::DecodedText decoded = text::decodeText(bytes);
    if (format == SourceFormat::JsonLines)
        return parseJsonLines(decoded, mapper, sourceName);
    const char delimiter = format == SourceFormat::Tsv ? '\t' : sniffDelimiter(decoded.utf8);
    return parseDelimited(decoded, delimiter, mapper, sourceName);
}

SourceTable readSource(const fs::path& file, const ColumnMapper& mapper)
{
    std::error_code ec;
    if (!fs::exists(file, ec))
        throw StorageError("The file '" + file.string() + "' does not exist");
    if (!fs::is_regular_file(file, ec))
        throw StorageError("'" + file.string() + "' is not a file");
    const std::vector<std::uint8_t> raw = readFileBytes(file);
    const std::string_view bytes(reinterpret_cast<const char*>(raw.data()), raw.size());

    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    SourceFormat format = SourceFormat::Csv;
    if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") {
        format = SourceFormat::JsonLines;
    } else if (ext == ".tsv" || ext == ".tab") {
        format = SourceFormat::Tsv;
    } else if (ext != ".csv" && ext != ".txt") {
        std::size_t i = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
        while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n'))
            ++i;
        if (i < bytes.size() && bytes[i] == '{')
            format = SourceFormat::JsonLines;
    }
    return parseSource(bytes, format, mapper, fs::absolute(file).lexically_normal().string());
}

} // namespace uf::ingest
