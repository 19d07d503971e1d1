// The reviewers' rules and the records that bind outputs to the audit log:
// - every output is stored together with a 'generated' entry (recordGenerated);
// - only pending outputs can be decided, rejecting needs a comment, and nobody approves what they
//   generated themselves unless the catalog setting audit.allow_self_approval is true — a setting
//   that only counts when the log recorded its change (changeSetting), and under which every
//   approval is flagged;
// - an output's row, file and provenance must still agree with the log before it is decided or
//   exported (checkOutput), so flipping a status or swapping a file in the database is caught.
#pragma once

#include "audit/AuditLog.h"
#include "audit/Outputs.h"

#include <optional>
#include <string>
#include <vector>

namespace uf::catalog {
class Catalog;
}

namespace uf::audit {

// Who acts. By default the OS user (getpwuid(geteuid()), else $USER); `--as NAME` overrides it
// for tests and shared workstations, and the log records both names.
struct Actor {
    std::string name;
    std::string osUser;
    bool overridden = false;
};
Actor currentActor(const std::optional<std::string>& asName = std::nullopt);

inline constexpr const char* kAllowSelfApprovalKey = "audit.allow_self_approval";

// Settings that `audit settings` may change, with their allowed values.
struct SettingInfo {
    const char* key;
    const char* defaultValue;
    const char* description;
};
const std::vector<SettingInfo>& knownSettings();

// SHA-256 of what an output is: the image file's bytes, or the caption's UTF-8 text.
// Throws StorageError when an image file is missing.
std::string contentSha256(const catalog::Catalog& catalog, const GeneratedOutput& output);

// Inserts output as pending and appends its 'generated' entry (output hash, provenance hash), in
// the caller's transaction when one is open. contentSha is the value contentSha256 will find.
AuditEntry recordGenerated(catalog::Catalog& catalog, GeneratedOutput& output, const std::string& contentSha,
                           const Actor& actor);

enum class Decision { Approve, Reject };

struct DecisionOutcome {
    GeneratedOutput output; // after the decision
    AuditEntry entry;
    bool selfApproved = false;      // the approver generated it
    bool selfApprovalRelaxed = false; // audit.allow_self_approval was in force
};

// Applies the rules and records the decision and its entry in one transaction. PolicyError (with
// what to do) when a rule refuses; BadInputError when there is no such output.
DecisionOutcome decide(catalog::Catalog& catalog, std::int64_t outputId, Decision decision, const Actor& actor,
                       const std::string& comment);

// True when audit.allow_self_approval is "true" AND the log's latest change of it says so.
bool selfApprovalAllowed(catalog::Catalog& catalog);

// Changes a known setting and records a setting_changed entry (old and new value). Returns false
// (and records nothing) when the value is unchanged. BadInputError for unknown keys or values.
bool changeSetting(catalog::Catalog& catalog, const std::string& key, const std::string& value, const Actor& actor);

// Why an output no longer agrees with the log (provenance, file or status changed behind its back),
// or nullopt when it agrees.
std::optional<std::string> checkOutput(catalog::Catalog& catalog, const GeneratedOutput& output);

struct OutputIssue {
    std::int64_t outputId = 0;
    std::string problem;
};
// checkOutput over every output, plus outputs the log knows that were deleted from the catalog.
std::vector<OutputIssue> checkAllOutputs(catalog::Catalog& catalog);

} // namespace uf::audit
