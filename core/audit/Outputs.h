// Generated outputs awaiting review (table generated_outputs, migration 3): an image or a caption
// with its provenance, who made it and the reviewer's decision. Outputs live apart from products,
// so they never show up in product lists or search, and none is usable until approved.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace uf::catalog {
class Database;
}

namespace uf::audit {

enum class OutputKind { Image, Caption };
enum class OutputStatus { Pending, Approved, Rejected };

const char* kindName(OutputKind kind);     // "image", "caption"
const char* statusName(OutputStatus status); // "pending", "approved", "rejected"
std::optional<OutputStatus> parseStatus(const std::string& name);

struct GeneratedOutput {
    std::int64_t id = 0;
    OutputKind kind = OutputKind::Image;
    OutputStatus status = OutputStatus::Pending;
    std::string path;         // image file relative to the catalog folder ("" for captions)
    std::string text;         // caption text ("" for images)
    std::string lang;         // caption language
    std::string referenceSku; // product it was made from, if any
    std::string provenance;   // JSON object (see docs: prompt, seed, model, reference, …)
    std::string createdBy;
    std::string createdAt;
    std::string decidedBy;
    std::string decidedAt;
    std::string decisionComment;

    // Only an approved output may be used (exported, shown as a draft to adopt, …).
    bool usable() const { return status == OutputStatus::Approved; }
};

class OutputStore {
public:
    explicit OutputStore(catalog::Database& db);

    // Inserts as pending; sets output.id. Runs inside the caller's transaction when one is open.
    std::int64_t insert(GeneratedOutput& output);
    std::optional<GeneratedOutput> find(std::int64_t id);
    // In id order; filters are optional.
    std::vector<GeneratedOutput> list(std::optional<OutputStatus> status = std::nullopt,
                                      std::optional<OutputKind> kind = std::nullopt);
    void setDecision(std::int64_t id, OutputStatus status, const std::string& by, const std::string& at,
                     const std::string& comment);

private:
    catalog::Database& m_db;
};

} // namespace uf::audit
