#include "demo/DemoCsv.h"

#include "text/FashionVocabulary.h"

namespace uf::demo::detail {

const std::vector<std::string>& demoCsvHeader()
{
    static const std::vector<std::string> header = [] {
        std::vector<std::string> h = {"sku", "title_ja", "title_en", "description_ja", "description_en", "category", "image", "split"};
        for (const std::string& k : text::attributeColumns())
            h.push_back(k);
        return h;
    }();
    return header;
}

std::string csvField(std::string_view value)
{
    if (value.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
    return out;
}

void appendCsvRow(std::string& out, const std::vector<std::string>& fields)
{
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += ',';
        out += csvField(fields[i]);
    }
    out += '\n';
}

} // namespace uf::demo::detail
