// An RFC 4180 CSV reader over UTF-8 text: quoted fields, doubled quotes, delimiters and line breaks
// inside quotes, CRLF / LF / CR line ends, a leading BOM, blank lines skipped. It is lenient where
// spreadsheets are sloppy (text after a closing quote is kept) and says where it had to give up (an
// unterminated quote). Records carry the physical line they start on, as a person counts lines.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace uf::ingest {

struct CsvRecord {
    std::vector<std::string> fields;
    std::int64_t line = 0;     // 1-based physical line the record starts on
    std::int64_t lastLine = 0; // last physical line it touches (> line when a quoted field spans lines)
    bool unterminatedQuote = false; // the file ended inside a quoted field
};

class CsvReader {
public:
    // `text` must outlive the reader. Line breaks inside quoted fields are returned as "\n".
    explicit CsvReader(std::string_view text, char delimiter = ',');

    // Reads the next non-blank record; false at the end of the text.
    bool next(CsvRecord& record);

private:
    bool atLineBreak() const;
    void skipLineBreak();

    std::string_view m_text;
    std::size_t m_pos = 0;
    std::int64_t m_line = 1;
    char m_delimiter;
};

// ',' unless the first line has tabs and no commas (tab-separated exports).
char sniffDelimiter(std::string_view text);

// Parses a whole text into records (convenience for tests and small files).
std::vector<CsvRecord> parseCsv(std::string_view text, char delimiter = ',');

} // namespace uf::ingest
