// Use case "export approved outputs": images as PNG carrying an XMP packet (IPTC
// DigitalSourceType, xmpMM:DerivedFrom, our uf: namespace with prompt, seed, model hash and the
// reviewer's decision) plus a JSON sidecar; captions as JSON. Pending and rejected outputs are
// refused unless includeUnapproved is set, and then marked as not approved in XMP and sidecar.
// Outputs whose row, file or status no longer agree with the audit log are never exported. Each
// export run that writes files appends one 'exported' audit entry. Files are written atomically.
#pragma once

#include "audit/Outputs.h"
#include "common/Progress.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace uf::catalog {
class Catalog;
}

namespace uf::pipeline {

namespace fs = std::filesystem;

struct ExportOptions {
    fs::path catalogDir;
    fs::path outDir;
    // Which outputs: the given ids, else those with this status (approved when not set; every
    // status when includeUnapproved is set and no status is given).
    std::vector<std::int64_t> ids;
    std::optional<audit::OutputStatus> status;
    bool includeUnapproved = false;
    std::optional<std::string> actor; // --as
};

struct ExportedFile {
    std::int64_t id = 0;
    audit::OutputKind kind = audit::OutputKind::Image;
    audit::OutputStatus status = audit::OutputStatus::Approved;
    fs::path file;    // the PNG (images) or the JSON (captions)
    fs::path sidecar; // the JSON sidecar (images); equals file for captions
    std::string sha256; // of `file` as written
};

struct ExportFailure {
    std::int64_t id = 0;
    std::string reason;
};

struct ExportResult {
    JobStatus status = JobStatus::Completed;
    std::vector<ExportedFile> exported;
    std::vector<ExportFailure> failures; // skipped outputs (they disagree with the log, file unreadable)
    std::int64_t auditSeq = 0;           // the 'exported' entry, 0 when nothing was written
};

// PolicyError (nothing written) when the selection holds unapproved outputs and includeUnapproved
// is not set; BadInputError for unknown ids.
ExportResult exportOutputs(const ExportOptions& options, const ProgressFn& progress = {});
ExportResult exportOutputs(catalog::Catalog& catalog, const ExportOptions& options, const ProgressFn& progress = {});

// Names used in the output folder: output-<id>.png and output-<id>.json.
std::string exportBaseName(std::int64_t id);

} // namespace uf::pipeline
