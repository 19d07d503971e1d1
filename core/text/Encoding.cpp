// Encoding detection and conversion through ICU's ucnv API. Conversion runs with the STOP callback so
// that every illegal or unmapped sequence is seen (ICU's default would silently substitute), and we
// substitute U+FFFD ourselves while noting the line.
#include "text/Encoding.h"

#include "common/Error.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <set>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

namespace uf::text {

namespace {

constexpr const char* kCp932Converter = "windows-31j"; // ICU alias of ibm-943_P15A-2003

struct ConverterCloser {
    void operator()(UConverter* c) const noexcept { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

ConverterPtr openConverter(const char* name)
{
    UErrorCode status = U_ZERO_ERROR;
    ConverterPtr c(ucnv_open(name, &status));
    if (U_FAILURE(status) || !c)
        throw Error(std::string("ICU converter '") + name + "' is unavailable: " + u_errorName(status));
    status = U_ZERO_ERROR;
    ucnv_setToUCallBack(c.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    status = U_ZERO_ERROR;
    ucnv_setFromUCallBack(c.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    return c;
}

struct Converted {
    std::u16string text;
    std::vector<std::size_t> substituted;  // offsets in text where U+FFFD replaced bad input
    std::size_t firstBadInputOffset = std::string::npos;
};

// Converts with `name`, replacing each illegal/unmapped sequence by U+FFFD; stops at the first one
// when `stopAtFirst`.
Converted convertToUtf16(const char* name, std::string_view bytes, bool stopAtFirst)
{
    ConverterPtr cnv = openConverter(name);
    Converted out;
    out.text.reserve(bytes.size());
    const char* src = bytes.data();
    const char* const end = bytes.data() + bytes.size();
    UChar buf[8192];
    while (src < end) {
        UChar* target = buf;
        UErrorCode status = U_ZERO_ERROR;
        const char* before = src;
        ucnv_toUnicode(cnv.get(), &target, buf + std::size(buf), &src, end, nullptr, true, &status);
        out.text.append(reinterpret_cast<const char16_t*>(buf), static_cast<std::size_t>(target - buf));
        if (status == U_BUFFER_OVERFLOW_ERROR)
            continue;
        if (U_FAILURE(status)) {
            char invalid[32];
            int8_t invalidLen = sizeof invalid;
            UErrorCode s2 = U_ZERO_ERROR;
            ucnv_getInvalidChars(cnv.get(), invalid, &invalidLen, &s2);
            const std::size_t at = static_cast<std::size_t>(src - bytes.data()) - static_cast<std::size_t>(std::max<int8_t>(invalidLen, 0));
            if (out.firstBadInputOffset == std::string::npos)
                out.firstBadInputOffset = at;
            if (stopAtFirst)
                return out;
            out.substituted.push_back(out.text.size());
            out.text.push_back(u'\uFFFD');
            ucnv_reset(cnv.get());
            if (src == before && target == buf) // no progress: skip one byte to guarantee termination
                ++src;
        }
    }
    return out;
}

std::string toUtf8(std::u16string_view s)
{
    std::string out;
    icu::UnicodeString(false, reinterpret_cast<const UChar*>(s.data()), static_cast<int32_t>(s.size())).toUTF8String(out);
    return out;
}

// Line numbers (1-based) of the given offsets into a text, counting "\r\n", "\n" and a lone "\r" as
// one break. Works on UTF-8 bytes and on UTF-16 units alike.
template <typename Char>
std::vector<std::int64_t> linesOf(std::basic_string_view<Char> text, const std::vector<std::size_t>& offsets)
{
    std::vector<std::int64_t> lines;
    std::size_t k = 0;
    std::int64_t line = 1;
    for (std::size_t i = 0; i <= text.size() && k < offsets.size(); ++i) {
        while (k < offsets.size() && offsets[k] == i) {
            if (lines.empty() || lines.back() != line)
                lines.push_back(line);
            ++k;
        }
        if (i == text.size())
            break;
        const Char c = text[i];
        if (c == Char('\n') || (c == Char('\r') && (i + 1 >= text.size() || text[i + 1] != Char('\n'))))
            ++line;
    }
    return lines;
}

// UTF-8 with each ill-formed sequence replaced by U+FFFD; offsets (into the input) of the bad bytes.
std::string repairUtf8(std::string_view bytes, std::vector<std::size_t>& badOffsets)
{
    std::string out;
    out.reserve(bytes.size());
    const auto* s = reinterpret_cast<const std::uint8_t*>(bytes.data());
    const auto n = static_cast<std::int32_t>(bytes.size());
    std::int32_t i = 0;
    while (i < n) {
        const std::int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0) {
            badOffsets.push_back(static_cast<std::size_t>(start));
            out += "\xEF\xBF\xBD";
        } else {
            out.append(bytes.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
        }
    }
    return out;
}

bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

DecodedText decodeUtf16(std::string_view bytes, TextEncoding enc)
{
    DecodedText d;
    d.encoding = enc;
    d.bom = true;
    Converted c = convertToUtf16(enc == TextEncoding::Utf16LE ? "UTF-16LE" : "UTF-16BE", bytes.substr(2), false);
    d.invalidLines = linesOf<char16_t>(c.text, c.substituted);
    d.utf8 = toUtf8(c.text);
    return d;
}

} // namespace

const char* encodingName(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Utf8: return "utf-8";
    case TextEncoding::Cp932: return "cp932";
    case TextEncoding::Utf16LE: return "utf-16le";
    case TextEncoding::Utf16BE: return "utf-16be";
    }
    return "utf-8";
}

DecodedText decodeText(std::string_view bytes)
{
    if (startsWith(bytes, "\xFF\xFE"))
        return decodeUtf16(bytes, TextEncoding::Utf16LE);
    if (startsWith(bytes, "\xFE\xFF"))
        return decodeUtf16(bytes, TextEncoding::Utf16BE);

    DecodedText d;
    if (startsWith(bytes, "\xEF\xBB\xBF")) {
        d.bom = true;
        bytes.remove_prefix(3);
    }
    std::vector<std::size_t> utf8Bad;
    std::string repaired = repairUtf8(bytes, utf8Bad);
    if (utf8Bad.empty()) {
        d.utf8 = std::move(repaired);
        return d;
    }
    std::vector<std::int64_t> utf8BadLines = linesOf<char>(bytes, utf8Bad);
    if (!d.bom) {
        // Not UTF-8 throughout: take CP932 when it explains more lines. Japanese text in one
        // encoding is almost never well-formed in the other, so a few bad rows do not flip the choice.
        Converted sj = convertToUtf16(kCp932Converter, bytes, false);
        std::vector<std::int64_t> sjBadLines = linesOf<char16_t>(sj.text, sj.substituted);
        if (sjBadLines.size() < utf8BadLines.size()) {
            d.encoding = TextEncoding::Cp932;
            d.invalidLines = std::move(sjBadLines);
            d.utf8 = toUtf8(sj.text);
            return d;
        }
    }
    d.invalidLines = std::move(utf8BadLines);
    d.utf8 = std::move(repaired);
    return d;
}

std::string toUtf8Strict(std::string_view bytes, TextEncoding* detected)
{
    DecodedText d = decodeText(bytes);
    if (detected)
        *detected = d.encoding;
    if (!d.invalidLines.empty())
        throw BadInputError("invalid encoding at line " + std::to_string(d.invalidLines.front())
                            + ": the bytes are neither UTF-8 nor Shift_JIS (CP932); save the file as UTF-8 and try again");
    return std::move(d.utf8);
}

std::optional<std::string> cp932ToUtf8(std::string_view bytes, std::size_t* errorOffset)
{
    Converted c = convertToUtf16(kCp932Converter, bytes, true);
    if (c.firstBadInputOffset != std::string::npos) {
        if (errorOffset)
            *errorOffset = c.firstBadInputOffset;
        return std::nullopt;
    }
    return toUtf8(c.text);
}

std::string utf8ToCp932(std::string_view utf8)
{
    ConverterPtr cnv = openConverter(kCp932Converter);
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    std::string out(static_cast<std::size_t>(u.length()) * 2 + 16, '\0');
    UErrorCode status = U_ZERO_ERROR;
    const int32_t n = ucnv_fromUChars(cnv.get(), out.data(), static_cast<int32_t>(out.size()), u.getBuffer(), u.length(), &status);
    if (U_FAILURE(status)) {
        // Find the first character the converter refuses, to name it.
        for (int32_t i = 0; i < u.length();) {
            const UChar32 ch = u.char32At(i);
            const int32_t len = U16_LENGTH(ch);
            char tmp[8];
            UErrorCode s = U_ZERO_ERROR;
            ucnv_reset(cnv.get());
            ucnv_fromUChars(cnv.get(), tmp, sizeof tmp, u.getBuffer() + i, len, &s);
            if (U_FAILURE(s)) {
                std::string ch8;
                icu::UnicodeString(ch).toUTF8String(ch8);
                char code[16];
                std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(ch));
                throw BadInputError("'" + ch8 + "' (" + code + ") cannot be written in Shift_JIS (CP932)");
            }
            i += len;
        }
        throw BadInputError(std::string("cannot convert the text to Shift_JIS (CP932): ") + u_errorName(status));
    }
    out.resize(static_cast<std::size_t>(n));
    return out;
}

bool containsJapanese(std::string_view utf8)
{
    const auto* s = reinterpret_cast<const std::uint8_t*>(utf8.data());
    const auto n = static_cast<std::int32_t>(utf8.size());
    for (std::int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if ((c >= 0x3040 && c <= 0x30FF)      // hiragana, katakana
            || (c >= 0x31F0 && c <= 0x31FF)   // katakana extensions
            || (c >= 0x3400 && c <= 0x4DBF)   // CJK extension A
            || (c >= 0x4E00 && c <= 0x9FFF)   // CJK unified ideographs
            || (c >= 0xF900 && c <= 0xFAFF)   // CJK compatibility ideographs
            || (c >= 0xFF66 && c <= 0xFF9F)   // half-width katakana
            || (c >= 0x20000 && c <= 0x2FA1F)) // CJK extensions B..
            return true;
    }
    return false;
}

std::string detectLanguage(std::string_view utf8) { return containsJapanese(utf8) ? "ja" : "en"; }

} // namespace uf::text
