// Reads a merchandiser's file (CSV/TSV in UTF-8, CP932 or UTF-16, or JSON Lines) into one SourceRow
// per product: the fields mapped by ColumnMapper, values canonicalised, image paths as written.
// Problems of a single row (too few columns, invalid encoding, missing SKU, bad JSON) are recorded
// on that row; problems of the whole file (unreadable, no SKU column) throw.
#pragma once

#include "catalog/Product.h"
#include "ingest/ColumnMap.h"
#include "text/Encoding.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace uf::ingest {

namespace fs = std::filesystem;

// Stable machine-readable codes for every row problem (the JSON summary's "code").
namespace problem {
inline constexpr const char* kMissingSku = "missing_sku";
inline constexpr const char* kColumnCount = "column_count";
inline constexpr const char* kInvalidEncoding = "invalid_encoding";
inline constexpr const char* kUnterminatedQuote = "unterminated_quote";
inline constexpr const char* kBadJson = "bad_json";
inline constexpr const char* kBadSplit = "bad_split";
inline constexpr const char* kDuplicateSku = "duplicate_sku";
} // namespace problem

struct SourceRow {
    std::int64_t row = 0;          // line in the file where the record starts (header = 1)
    catalog::Product product;      // sku, texts, category, attributes, split, source; no images yet
    std::vector<std::string> imagePaths; // as written in the file
    std::string errorCode;         // set when the row itself is bad
    std::string error;             // a sentence for people
    bool ok() const { return errorCode.empty(); }
};

enum class SourceFormat { Csv, Tsv, JsonLines };

struct SourceTable {
    SourceFormat format = SourceFormat::Csv;
    text::TextEncoding encoding = text::TextEncoding::Utf8;
    std::vector<std::string> columns; // header (CSV) or keys seen (JSON Lines)
    std::vector<SourceRow> rows;
};

const char* formatName(SourceFormat format); // "csv", "tsv", "jsonl"

// Parses already-read bytes; `sourceName` goes into each product's sourceFile.
// Throws BadInputError (no header, no SKU column, header not decodable) or UsageError (a --map
// column that the file does not have).
SourceTable parseSource(std::string_view bytes, SourceFormat format, const ColumnMapper& mapper,
                        const std::string& sourceName);

// Reads and parses a file; the format comes from the extension (.jsonl/.ndjson/.json -> JSON Lines,
// .tsv -> TSV) or, failing that, from the content. Throws StorageError when it cannot be read.
SourceTable readSource(const fs::path& file, const ColumnMapper& mapper);

} // namespace uf::ingest
