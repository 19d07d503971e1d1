// Character encodings of the files merchandisers hand us: UTF-8 (with or without BOM), UTF-16 with a
// BOM (Excel's "Unicode text"), and Shift_JIS as Windows writes it (CP932, what Excel exports from
// Japanese offices). Detection is automatic; ICU converts. Lines whose bytes fit neither encoding are
// reported by number so that import can fail just those rows and keep the rest.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace uf::text {

enum class TextEncoding { Utf8, Cp932, Utf16LE, Utf16BE };

// Names as the import summary reports them: "utf-8", "cp932", "utf-16le", "utf-16be".
const char* encodingName(TextEncoding encoding);

struct DecodedText {
    std::string utf8; // the text in UTF-8, without BOM; undecodable bytes became U+FFFD
    TextEncoding encoding = TextEncoding::Utf8;
    bool bom = false;
    // 1-based numbers of the physical lines that hold bytes invalid in `encoding`, ascending. A line
    // ends at "\r\n", "\n" or a lone "\r" (the same rule the CSV reader counts by).
    std::vector<std::int64_t> invalidLines;
};

// Detects the encoding and converts to UTF-8. A BOM decides; otherwise valid UTF-8 is UTF-8, and a
// file that is not is CP932 when more of its non-ASCII lines convert cleanly as CP932 than are valid
// UTF-8. Never throws for bad bytes: see DecodedText::invalidLines.
DecodedText decodeText(std::string_view bytes);

// As decodeText, but throws BadInputError "invalid encoding at line N …" on the first bad line.
std::string toUtf8Strict(std::string_view bytes, TextEncoding* detected = nullptr);

// CP932 (ICU's "windows-31j" = ibm-943_P15A-2003) to UTF-8. Returns nullopt when a byte sequence is
// illegal or unmapped; *errorOffset then holds the offset of the sequence that failed.
std::optional<std::string> cp932ToUtf8(std::string_view bytes, std::size_t* errorOffset = nullptr);

// UTF-8 to CP932, for Excel-friendly exports and for tests. Throws BadInputError naming the first
// character CP932 cannot represent.
std::string utf8ToCp932(std::string_view utf8);

// True when the text holds Japanese script: hiragana, katakana (full or half width) or CJK ideographs.
bool containsJapanese(std::string_view utf8);

// "ja" when the text holds Japanese script (containsJapanese), else "en": the language of a query or
// of a catalog text column when nothing names it.
std::string detectLanguage(std::string_view utf8);

} // namespace uf::text
