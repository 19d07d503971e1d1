// XMP packet writer and PNG chunk surgery (CRC32 from zlib).
#include "audit/Xmp.h"

#include "common/Error.h"

#include <zlib.h>

#include <cstring>

namespace uf::audit {

namespace {

constexpr std::uint8_t kPngSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
constexpr const char* kXmpKeyword = "XML:com.adobe.xmp";

std::string escapeXml(const std::string& s)
{
    std::string out;
    out.reserve(s.size());
    for (unsigned char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\n': out += "&#xA;"; break;
        case '\r': out += "&#xD;"; break;
        case '\t': out += "&#x9;"; break;
        default:
            // Other C0 controls are not allowed in XML 1.0 at all: drop them.
            if (c >= 0x20)
                out += static_cast<char>(c);
        }
    }
    return out;
}

std::uint32_t be32(const std::uint8_t* p)
{
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | std::uint32_t(p[3]);
}

void putBe32(std::vector<std::uint8_t>& out, std::uint32_t v)
{
    out.push_back(static_cast<std::uint8_t>(v >> 24));
    out.push_back(static_cast<std::uint8_t>(v >> 16));
    out.push_back(static_cast<std::uint8_t>(v >> 8));
    out.push_back(static_cast<std::uint8_t>(v));
}

struct Chunk {
    std::size_t offset; // of the length field
    std::uint32_t length;
    std::string type;
};

std::vector<Chunk> parseChunks(std::span<const std::uint8_t> png)
{
    if (png.size() < 8 || std::memcmp(png.data(), kPngSignature, 8) != 0)
        throw BadInputError("Not a PNG file (bad signature); cannot embed XMP metadata.");
    std::vector<Chunk> chunks;
    std::size_t pos = 8;
    while (pos < png.size()) {
        if (png.size() - pos < 12)
            throw BadInputError("Truncated PNG: a chunk header runs past the end of the file.");
        Chunk c{pos, be32(png.data() + pos), std::string(reinterpret_cast<const char*>(png.data() + pos + 4), 4)};
        if (c.length > png.size() - pos - 12)
            throw BadInputError("Truncated PNG: chunk '" + c.type + "' runs past the end of the file.");
        chunks.push_back(c);
        pos += 12 + c.length;
        if (c.type == "IEND")
            break;
    }
    if (chunks.empty() || chunks.front().type != "IHDR" || chunks.back().type != "IEND")
        throw BadInputError("Malformed PNG: it must start with IHDR and end with IEND.");
    return chunks;
}

bool isXmpChunk(std::span<const std::uint8_t> png, const Chunk& c)
{
    const std::size_t klen = std::strlen(kXmpKeyword);
    return c.type == "iTXt" && c.length > klen
        && std::memcmp(png.data() + c.offset + 8, kXmpKeyword, klen) == 0 && png[c.offset + 8 + klen] == 0;
}

} // namespace

std::string buildXmpPacket(const XmpRecord& r)
{
    std::string x;
    auto el = [&x](const char* name, const std::string& value) {
        if (value.empty())
            return;
        x += "   <";
        x += name;
        x += '>';
        x += escapeXml(value);
        x += "</";
        x += name;
        x += ">\n";
    };
    // The BOM in begin="" is part of the XMP packet wrapper specification.
    x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
    x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
    x += " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
    x += "  <rdf:Description rdf:about=\"\"\n";
    x += "    xmlns:Iptc4xmpExt=\"" + std::string(kIptcExtNamespace) + "\"\n";
    x += "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n";
    x += "    xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"\n";
    x += "    xmlns:stRef=\"http://ns.adobe.com/xap/1.0/sType/ResourceRef#\"\n";
    x += "    xmlns:uf=\"" + std::string(kXmpNamespace) + "\">\n";
    el("Iptc4xmpExt:DigitalSourceType", r.digitalSourceType);
    el("xmp:CreatorTool", r.creatorTool);
    el("xmp:CreateDate", r.createDate);
    el("xmpMM:DocumentID", r.documentId);
    if (!r.derivedFromPath.empty() || !r.derivedFromDocumentId.empty()) {
        x += "   <xmpMM:DerivedFrom rdf:parseType=\"Resource\">\n";
        if (!r.derivedFromDocumentId.empty())
            x += "    <stRef:documentID>" + escapeXml(r.derivedFromDocumentId) + "</stRef:documentID>\n";
        if (!r.derivedFromPath.empty())
            x += "    <stRef:filePath>" + escapeXml(r.derivedFromPath) + "</stRef:filePath>\n";
        x += "   </xmpMM:DerivedFrom>\n";
    }
    el("uf:outputId", std::to_string(r.outputId));
    el("uf:prompt", r.prompt);
    if (r.promptRead != r.prompt)
        el("uf:promptRead", r.promptRead);
    el("uf:seed", r.seed);
    el("uf:imageIndex", r.imageIndex);
    el("uf:steps", r.steps);
    el("uf:guidance", r.guidance);
    if (!r.strength.empty())
        el("uf:strength", r.strength);
    el("uf:sampler", r.sampler);
    el("uf:modelName", r.modelName);
    el("uf:modelHash", r.modelHash);
    el("uf:referenceSku", r.referenceSku);
    el("uf:createdBy", r.createdBy);
    el("uf:reviewer", r.reviewer);
    el("uf:decision", r.decision);
    el("uf:decidedAt", r.decidedAt);
    el("uf:decisionComment", r.decisionComment);
    el("uf:approved", r.approved ? "True" : "False");
    if (!r.approved)
        el("uf:notice", "NOT APPROVED: exported with --include-unapproved; not for use");
    el("uf:auditEntryHash", r.auditEntryHash);
    x += "  </rdf:Description>\n";
    x += " </rdf:RDF>\n";
    x += "</x:xmpmeta>\n";
    x += "<?xpacket end=\"r\"?>";
    return x;
}

std::vector<std::uint8_t> embedXmpInPng(std::span<const std::uint8_t> png, const std::string& xmpPacket)
{
    const auto chunks = parseChunks(png);
    // iTXt data: keyword, NUL, compression flag 0, method 0, empty language tag + NUL,
    // empty translated keyword + NUL, then the UTF-8 text.
    std::vector<std::uint8_t> data(kXmpKeyword, kXmpKeyword + std::strlen(kXmpKeyword));
    data.insert(data.end(), {0, 0, 0, 0, 0});
    data.insert(data.end(), xmpPacket.begin(), xmpPacket.end());
    if (data.size() > 0x7fffffffu)
        throw BadInputError("XMP packet too large for a PNG chunk.");

    std::vector<std::uint8_t> chunk;
    chunk.reserve(data.size() + 12);
    putBe32(chunk, static_cast<std::uint32_t>(data.size()));
    const std::uint8_t type[4] = {'i', 'T', 'X', 't'};
    chunk.insert(chunk.end(), type, type + 4);
    chunk.insert(chunk.end(), data.begin(), data.end());
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, chunk.data() + 4, static_cast<uInt>(chunk.size() - 4));
    putBe32(chunk, static_cast<std::uint32_t>(crc));

    std::vector<std::uint8_t> out(png.begin(), png.begin() + 8);
    out.reserve(png.size() + chunk.size());
    bool inserted = false;
    for (const auto& c : chunks) {
        if (isXmpChunk(png, c))
            continue;
        if (!inserted && (c.type == "IDAT" || c.type == "IEND")) {
            out.insert(out.end(), chunk.begin(), chunk.end());
            inserted = true;
        }
        out.insert(out.end(), png.begin() + static_cast<std::ptrdiff_t>(c.offset),
                   png.begin() + static_cast<std::ptrdiff_t>(c.offset + 12 + c.length));
    }
    return out;
}

std::string readXmpFromPng(std::span<const std::uint8_t> png)
{
    for (const auto& c : parseChunks(png)) {
        if (!isXmpChunk(png, c))
            continue;
        // Skip keyword NUL, flag, method, then the two NUL-terminated strings.
        const std::uint8_t* p = png.data() + c.offset + 8;
        const std::uint8_t* end = p + c.length;
        p += std::strlen(kXmpKeyword) + 1;
        if (end - p < 2 || p[0] != 0)
            return {}; // compressed XMP is not something we write
        p += 2;
        for (int i = 0; i < 2 && p < end; ++i) {
            while (p < end && *p)
                ++p;
            ++p;
        }
        if (p > end)
            return {};
        return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(end - p));
    }
    return {};
}

} // namespace uf::audit
