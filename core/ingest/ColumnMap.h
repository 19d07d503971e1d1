// Which product field a source column (CSV header or JSON key) feeds: recognised English and
// Japanese names (sku/SKU/品番/商品コード, title/商品名, description/説明, category/カテゴリ,
// image/画像, images, split/分割, …), explicit `--map COLUMN=FIELD` overrides, and every other
// column as an attribute under a canonical lower-case key.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace uf::ingest {

enum class Field {
    Sku,
    Title,         // language detected per value (kana/kanji -> ja, else en)
    TitleJa,
    TitleEn,
    Description,   // language detected per value
    DescriptionJa,
    DescriptionEn,
    Category,
    Image,         // one path per cell
    Images,        // several paths separated by ';' or '|'
    Split,
    Attribute,
    Ignore,
};

struct ColumnTarget {
    Field field = Field::Ignore;
    std::string attributeKey; // for Field::Attribute
};

class ColumnMapper {
public:
    // mapOptions: "COLUMN=FIELD" with FIELD one of sku, title, title_ja, title_en, description,
    // description_ja, description_en, category, image, images, split, attr:KEY, ignore.
    // Throws UsageError on a malformed option.
    explicit ColumnMapper(const std::vector<std::string>& mapOptions = {});

    ColumnTarget target(std::string_view column) const;

    // Columns named in --map, to check that each exists in the file.
    std::vector<std::string> mappedColumns() const;

private:
    std::map<std::string, ColumnTarget> m_explicit; // keyed by the trimmed column name
};

// "Sleeve Length" -> "sleeve_length"; "袖丈" -> "sleeve". NFKC + case fold, separators to '_',
// and a few common Japanese attribute names to their English keys.
std::string canonicalAttributeKey(std::string_view column);


// Trims ASCII and Unicode white space (including U+3000) at both ends.
std::string trimText(std::string_view text);

// A SKU as stored: NFKC (full-width letters and digits fold to ASCII), trimmed; case is kept.
std::string canonicalSku(std::string_view sku);

// Splits an images cell on ';' and '|' (trimmed, empty parts dropped).
std::vector<std::string> splitImageList(std::string_view cell);

} // namespace uf::ingest
