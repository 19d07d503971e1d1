#include "text/Normalize.h"

#include "common/Error.h"

#include <memory>
#include <mutex>
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace uf::text {

namespace {

const icu::Normalizer2& nfkcCasefold()
{
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status) || !n)
        throw Error(std::string("ICU normaliser unavailable: ") + u_errorName(status));
    return *n;
}

} // namespace

bool isValidUtf8(std::string_view bytes)
{
    std::int32_t i = 0;
    const auto n = static_cast<std::int32_t>(bytes.size());
    const auto* s = reinterpret_cast<const std::uint8_t*>(bytes.data());
    while (i < n) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0)
            return false;
    }
    return true;
}

std::string normalize(std::string_view utf8)
{
    icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString folded = nfkcCasefold().normalize(in, status);
    if (U_FAILURE(status))
        folded = in;
    // Collapse white space (including U+3000, already NFKC-folded to U+0020) and control characters.
    icu::UnicodeString out;
    bool pendingSpace = false;
    for (int32_t i = 0; i < folded.length();) {
        const UChar32 c = folded.char32At(i);
        i += U16_LENGTH(c);
        if (u_isUWhiteSpace(c) || u_iscntrl(c)) {
            pendingSpace = out.length() > 0;
            continue;
        }
        if (pendingSpace) {
            out.append(UChar32(' '));
            pendingSpace = false;
        }
        out.append(c);
    }
    std::string result;
    out.toUTF8String(result);
    return result;
}

std::vector<std::string> words(std::string_view utf8)
{
    const std::string norm = normalize(utf8);
    icu::UnicodeString s = icu::UnicodeString::fromUTF8(norm);
    UErrorCode status = U_ZERO_ERROR;
    // One break iterator per thread: creating one costs ~50 µs, and they are not thread-safe.
    thread_local std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(icu::Locale::getJapanese(), status));
    std::vector<std::string> out;
    if (!it || U_FAILURE(status))
        return out;
    it->setText(s);
    int32_t start = it->first();
    for (int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
        if (it->getRuleStatus() == UBRK_WORD_NONE)
            continue; // spaces and punctuation
        std::string w;
        s.tempSubStringBetween(start, end).toUTF8String(w);
        out.push_back(std::move(w));
    }
    return out;
}

std::vector<std::string> codePoints(std::string_view utf8)
{
    std::vector<std::string> out;
    std::int32_t i = 0;
    const auto n = static_cast<std::int32_t>(utf8.size());
    const auto* s = reinterpret_cast<const std::uint8_t*>(utf8.data());
    while (i < n) {
        const std::int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0)
            out.emplace_back("\xEF\xBF\xBD");
        else
            out.emplace_back(utf8.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
    return out;
}

} // namespace uf::text
