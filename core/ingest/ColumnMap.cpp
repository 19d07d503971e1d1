#include "ingest/ColumnMap.h"

#include "common/Error.h"
#include "text/Encoding.h"
#include "text/Normalize.h"

#include <algorithm>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace uf::ingest {

namespace {

// Folded header key: NFKC + case fold, separators (space, -, ., /, brackets) become one '_'.
std::string headerKey(std::string_view column)
{
    const std::string n = text::normalize(column);
    std::string out;
    bool pendingSep = false;
    for (char c : n) {
        if (c == ' ' || c == '-' || c == '_' || c == '.' || c == '/' || c == '(' || c == ')' || c == '['
            || c == ']' || c == ':') {
            pendingSep = !out.empty();
            continue;
        }
        if (pendingSep) {
            out.push_back('_');
            pendingSep = false;
        }
        out.push_back(c);
    }
    return out;
}

const std::map<std::string, Field>& knownNames()
{
    static const std::map<std::string, Field> names = {
        {"sku", Field::Sku}, {"品番", Field::Sku}, {"商品コード", Field::Sku}, {"商品番号", Field::Sku},
        {"title", Field::Title}, {"商品名", Field::Title}, {"タイトル", Field::Title}, {"name", Field::Title},
        {"product_name", Field::Title},
        {"description", Field::Description}, {"説明", Field::Description}, {"商品説明", Field::Description},
        {"説明文", Field::Description}, {"desc", Field::Description},
        {"category", Field::Category}, {"カテゴリ", Field::Category}, {"カテゴリー", Field::Category},
        {"分類", Field::Category},
        {"image", Field::Image}, {"画像", Field::Image}, {"image_path", Field::Image}, {"画像パス", Field::Image},
        {"image_file", Field::Image}, {"画像ファイル", Field::Image},
        {"images", Field::Images}, {"image_paths", Field::Images}, {"画像一覧", Field::Images},
        {"split", Field::Split}, {"分割", Field::Split},
    };
    return names;
}

std::string languageOfSuffix(std::string_view suffix)
{
    if (suffix == "ja" || suffix == "jp" || suffix == "japanese" || suffix == "日本語")
        return "ja";
    if (suffix == "en" || suffix == "english" || suffix == "英語")
        return "en";
    return {};
}

bool isDigits(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Recognises a header name; Ignore when it is not one of ours.
Field recognise(const std::string& key)
{
    const auto& names = knownNames();
    if (auto it = names.find(key); it != names.end())
        return it->second;
    // title_ja, 商品名_英語, description_en, …
    if (const auto us = key.rfind('_'); us != std::string::npos) {
        const std::string lang = languageOfSuffix(std::string_view(key).substr(us + 1));
        if (!lang.empty()) {
            if (auto it = names.find(key.substr(0, us)); it != names.end()) {
                if (it->second == Field::Title)
                    return lang == "ja" ? Field::TitleJa : Field::TitleEn;
                if (it->second == Field::Description)
                    return lang == "ja" ? Field::DescriptionJa : Field::DescriptionEn;
            }
        }
    }
    // image1, image_2, 画像3: several single-image columns.
    for (const std::string_view base : {std::string_view("image"), std::string_view("画像")}) {
        if (key.size() > base.size() && std::string_view(key).substr(0, base.size()) == base) {
            std::string_view rest = std::string_view(key).substr(base.size());
            if (!rest.empty() && rest.front() == '_')
                rest.remove_prefix(1);
            if (isDigits(rest))
                return Field::Image;
        }
    }
    return Field::Attribute;
}

ColumnTarget parseField(const std::string& column, const std::string& field)
{
    static const std::map<std::string, Field> fields = {
        {"sku", Field::Sku}, {"title", Field::Title}, {"title_ja", Field::TitleJa}, {"title_en", Field::TitleEn},
        {"description", Field::Description}, {"description_ja", Field::DescriptionJa},
        {"description_en", Field::DescriptionEn}, {"category", Field::Category}, {"image", Field::Image},
        {"images", Field::Images}, {"split", Field::Split}, {"ignore", Field::Ignore},
    };
    if (auto it = fields.find(field); it != fields.end())
        return {it->second, {}};
    if (field.rfind("attr:", 0) == 0) {
        const std::string key = canonicalAttributeKey(field.substr(5));
        if (key.empty())
            throw UsageError("--map " + column + "=" + field + ": the attribute needs a name (attr:KEY)");
        return {Field::Attribute, key};
    }
    throw UsageError("--map " + column + "=" + field + ": unknown field '" + field
                     + "' (use sku, title, title_ja, title_en, description, description_ja, description_en, "
                       "category, image, images, split, attr:KEY or ignore)");
}

} // namespace

std::string trimText(std::string_view text)
{
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto n = static_cast<std::int32_t>(text.size());
    std::int32_t begin = 0, end = n;
    while (begin < n) {
        std::int32_t i = begin;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0 || !(u_isUWhiteSpace(c) || c == 0xFEFF))
            break;
        begin = i;
    }
    while (end > begin) {
        std::int32_t i = end;
        UChar32 c;
        U8_PREV(s, begin, i, c);
        if (c < 0 || !(u_isUWhiteSpace(c) || c == 0xFEFF))
            break;
        end = i;
    }
    return std::string(text.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin)));
}

std::string canonicalSku(std::string_view sku)
{
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    const std::string trimmed = trimText(sku);
    if (U_FAILURE(status) || !nfkc)
        return trimmed;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(trimmed);
    icu::UnicodeString n = nfkc->normalize(u, status);
    std::string out;
    (U_FAILURE(status) ? u : n).toUTF8String(out);
    return trimText(out);
}

std::string canonicalAttributeKey(std::string_view column)
{
    static const std::map<std::string, std::string> synonyms = {
        {"色", "color"}, {"カラー", "color"}, {"colour", "color"},
        {"柄", "pattern"}, {"パターン", "pattern"}, {"模様", "pattern"},
        {"袖", "sleeve"}, {"袖丈", "sleeve"}, {"sleeve_length", "sleeve"},
        {"丈", "length"}, {"着丈", "length"},
        {"襟", "neckline"}, {"ネックライン", "neckline"}, {"襟元", "neckline"},
        {"素材", "material"}, {"サイズ", "size"}, {"ブランド", "brand"}, {"性別", "gender"},
        {"季節", "season"}, {"シーズン", "season"}, {"価格", "price"},
    };
    std::string key = headerKey(column);
    if (auto it = synonyms.find(key); it != synonyms.end())
        return it->second;
    return key;
}


std::vector<std::string> splitImageList(std::string_view cell)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= cell.size(); ++i) {
        if (i == cell.size() || cell[i] == ';' || cell[i] == '|') {
            std::string part = trimText(cell.substr(start, i - start));
            if (!part.empty())
                out.push_back(std::move(part));
            start = i + 1;
        }
    }
    return out;
}

ColumnMapper::ColumnMapper(const std::vector<std::string>& mapOptions)
{
    for (const auto& opt : mapOptions) {
        const auto eq = opt.rfind('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == opt.size())
            throw UsageError("--map needs COLUMN=FIELD, got '" + opt + "'");
        const std::string column = trimText(std::string_view(opt).substr(0, eq));
        const std::string field = text::normalize(std::string_view(opt).substr(eq + 1));
        m_explicit[column] = parseField(column, field);
    }
}

ColumnTarget ColumnMapper::target(std::string_view column) const
{
    const std::string trimmed = trimText(column);
    if (auto it = m_explicit.find(trimmed); it != m_explicit.end())
        return it->second;
    // An explicit map also matches a column that differs only in case or width.
    const std::string key = headerKey(trimmed);
    for (const auto& [name, target] : m_explicit)
        if (headerKey(name) == key)
            return target;
    if (key.empty())
        return {Field::Ignore, {}};
    const Field f = recognise(key);
    if (f == Field::Attribute)
        return {Field::Attribute, canonicalAttributeKey(trimmed)};
    return {f, {}};
}

std::vector<std::string> ColumnMapper::mappedColumns() const
{
    std::vector<std::string> out;
    for (const auto& [name, target] : m_explicit)
        out.push_back(name);
    return out;
}

} // namespace uf::ingest
