#include "ingest/Csv.h"

namespace uf::ingest {

CsvReader::CsvReader(std::string_view text, char delimiter)
    : m_text(text)
    , m_delimiter(delimiter)
{
    if (m_text.substr(0, 3) == "\xEF\xBB\xBF")
        m_pos = 3;
}

bool CsvReader::atLineBreak() const
{
    return m_pos < m_text.size() && (m_text[m_pos] == '\n' || m_text[m_pos] == '\r');
}

void CsvReader::skipLineBreak()
{
    if (m_text[m_pos] == '\r' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n')
        ++m_pos;
    ++m_pos;
    ++m_line;
}

bool CsvReader::next(CsvRecord& record)
{
    record.fields.clear();
    record.unterminatedQuote = false;
    // Blank (or white-space only) lines are not records: a trailing empty line is common.
    for (;;) {
        if (m_pos >= m_text.size())
            return false;
        std::size_t p = m_pos;
        while (p < m_text.size() && (m_text[p] == ' ' || m_text[p] == '\t') && m_text[p] != m_delimiter)
            ++p;
        if (p >= m_text.size()) {
            m_pos = p;
            return false;
        }
        if (m_text[p] != '\n' && m_text[p] != '\r')
            break;
        m_pos = p;
        skipLineBreak();
    }

    record.line = m_line;
    std::string field;
    for (;;) {
        field.clear();
        if (m_pos < m_text.size() && m_text[m_pos] == '"') {
            ++m_pos;
            bool closed = false;
            while (m_pos < m_text.size()) {
                const char c = m_text[m_pos];
                if (c == '"') {
                    if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '"') {
                        field.push_back('"');
                        m_pos += 2;
                        continue;
                    }
                    ++m_pos;
                    closed = true;
                    break;
                }
                if (c == '\r' || c == '\n') {
                    // Keep embedded line breaks as "\n" whatever the file's line ends are, so a row
                    // exported with CRLF and with LF hashes alike.
                    skipLineBreak();
                    field.push_back('\n');
                    continue;
                }
                field.push_back(c);
                ++m_pos;
            }
            if (!closed) {
                record.unterminatedQuote = true;
                record.fields.push_back(std::move(field));
                record.lastLine = m_line;
                return true;
            }
            // Lenient: text between the closing quote and the delimiter is kept ("a"b -> ab).
            while (m_pos < m_text.size() && m_text[m_pos] != m_delimiter && !atLineBreak())
                field.push_back(m_text[m_pos++]);
        } else {
            const std::size_t start = m_pos;
            while (m_pos < m_text.size() && m_text[m_pos] != m_delimiter && !atLineBreak())
                ++m_pos;
            field.assign(m_text.substr(start, m_pos - start));
        }
        record.fields.push_back(field);
        if (m_pos < m_text.size() && m_text[m_pos] == m_delimiter) {
            ++m_pos;
            continue;
        }
        record.lastLine = m_line;
        if (atLineBreak())
            skipLineBreak();
        return true;
    }
}

char sniffDelimiter(std::string_view text)
{
    const std::size_t end = text.find_first_of("\r\n");
    const std::string_view first = text.substr(0, end);
    if (first.find('\t') != std::string_view::npos && first.find(',') == std::string_view::npos)
        return '\t';
    return ',';
}

std::vector<CsvRecord> parseCsv(std::string_view text, char delimiter)
{
    std::vector<CsvRecord> out;
    CsvReader reader(text, delimiter);
    CsvRecord r;
    while (reader.next(r))
        out.push_back(r);
    return out;
}

} // namespace uf::ingest
