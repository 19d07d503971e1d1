// Provenance metadata for exported files: an XMP packet (IPTC DigitalSourceType, xmpMM:DerivedFrom
// and our own namespace) and its embedding in a PNG as an uncompressed iTXt chunk with keyword
// "XML:com.adobe.xmp" placed before the first IDAT — where XMP readers look. (Qt's PNG writer would
// move long text into zTXt, which XMP readers skip.)
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace uf::audit {

// Our XMP namespace; stable — readers key on it. Prefix "uf".
inline constexpr const char* kXmpNamespace = "https://unifashion.example/ns/1.0/";
inline constexpr const char* kIptcExtNamespace = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
inline constexpr const char* kDigitalSourceTrained =
    "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
inline constexpr const char* kDigitalSourceComposite =
    "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia";

struct XmpRecord {
    std::string digitalSourceType;  // one of the two above
    std::string documentId;         // "urn:sha256:<hash of the image as generated>"
    std::string derivedFromPath;    // source product image (catalog-relative path or file), "" when none
    std::string derivedFromDocumentId; // "urn:sha256:<source image hash>", "" when none
    std::string createDate;         // ISO 8601
    std::string creatorTool;        // "UniFashion Studio 0.1.0"
    // uf: namespace
    std::int64_t outputId = 0;
    std::string prompt;             // as typed
    std::string promptRead;         // as the model read it (text/QueryText), "" when unchanged
    std::string seed;               // decimal (uint64 does not fit every XMP reader's integer)
    std::string imageIndex;         // index within the seeded batch
    std::string steps;
    std::string guidance;
    std::string strength;           // edits only, "" otherwise
    std::string sampler;
    std::string modelName;
    std::string modelHash;
    std::string referenceSku;
    std::string createdBy;
    std::string reviewer;
    std::string decision;           // approved | pending | rejected
    std::string decidedAt;
    std::string decisionComment;
    bool approved = false;          // false: exported with --include-unapproved, NOT for use
    std::string auditEntryHash;     // hash of the decision (or generation) entry in the audit log
};

// A complete packet (<?xpacket …?> wrapper, UTF-8, XML-escaped values).
std::string buildXmpPacket(const XmpRecord& record);

// Returns png with an iTXt XMP chunk inserted before the first IDAT (any existing XMP chunk is
// dropped). Throws BadInputError when the bytes are not a well-formed PNG.
std::vector<std::uint8_t> embedXmpInPng(std::span<const std::uint8_t> png, const std::string& xmpPacket);

// The XMP text of a PNG's iTXt "XML:com.adobe.xmp" chunk, or "" when there is none.
std::string readXmpFromPng(std::span<const std::uint8_t> png);

} // namespace uf::audit
