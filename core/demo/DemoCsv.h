// Internal to demo/: the CSV layout both demo sources write (the import reads it like any
// user's file). RFC 4180 quoting, UTF-8, LF line ends.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace uf::demo::detail {

// sku, title_ja, title_en, description_ja, description_en, category, image, split, then
// text::attributeColumns().
const std::vector<std::string>& demoCsvHeader();

// Quotes a field when it holds a comma, quote, CR or LF (quotes doubled).
std::string csvField(std::string_view value);

// Appends one record and a LF.
void appendCsvRow(std::string& out, const std::vector<std::string>& fields);

} // namespace uf::demo::detail
