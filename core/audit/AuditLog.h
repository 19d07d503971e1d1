// The append-only, hash-chained audit log of generation and review (table audit_log, migration 3).
// Every entry's hash is the SHA-256 of a canonical, length-prefixed serialisation of all its
// fields including the previous entry's hash (genesis: 64 zeros), so that editing, removing,
// inserting or reordering any entry breaks the chain. The chain head (entry count and last hash)
// is also anchored in the catalog's settings table, which catches a truncated tail.
// What this does not stop: someone with write access who rewrites the whole chain and the anchor
// consistently. Record the head printed by `unifashion audit verify` elsewhere and pass it back
// with --expect-head to detect that.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace uf::catalog {
class Database;
}

namespace uf::audit {

enum class Action { Generated, Approved, Rejected, SettingChanged, Exported };

// "generated", "approved", "rejected", "setting_changed", "exported".
const char* actionName(Action action);
std::optional<Action> parseAction(const std::string& name);

struct AuditEntry {
    std::int64_t seq = 0;
    std::string at;     // ISO 8601 UTC
    std::string actor;
    std::string action; // text as stored (see actionName); kept as text so a forged value still hashes
    std::optional<std::int64_t> outputId;
    std::string payload; // JSON object, stored and hashed byte for byte
    std::string prevHash;
    std::string hash;
};

// 64 zeros: the prev_hash of the first entry.
const std::string& genesisHash();

// The exact bytes hashed for an entry (every field but `hash`, each length-prefixed).
std::string canonicalSerialisation(const AuditEntry& entry);
std::string computeEntryHash(const AuditEntry& entry);

// The settings key holding "<count> <last hash>".
inline constexpr const char* kHeadSettingKey = "audit.head";

enum class Damage {
    None,
    Edited,        // an entry's fields no longer match its hash
    Removed,       // an entry is missing (deleted, or later entries renumbered over it)
    Inserted,      // an entry that was never appended through the log sits in the chain
    Reordered,     // an entry is stored at another position than the one it was written at
    Truncated,     // entries at the tail are gone (caught by the anchor)
    AnchorMismatch // the anchor was edited or removed, or the chain was rewritten consistently
};
const char* damageName(Damage damage);

struct VerifyReport {
    bool ok = true;
    std::int64_t entries = 0;        // rows read
    std::int64_t firstBadSeq = 0;    // 0 when ok or when the damage cannot be localised
    Damage damage = Damage::None;
    std::string message;             // one sentence naming the entry and what to do
    std::string headHash;            // hash of the last entry read ("" for an empty log)
};

class AuditLog {
public:
    explicit AuditLog(catalog::Database& db);

    // Appends inside the caller's transaction (or its own). Refuses (StorageError) to extend a
    // log whose tail does not match its anchor, so a truncation can never be papered over.
    AuditEntry append(const std::string& actor, Action action, std::optional<std::int64_t> outputId,
                      const std::string& payloadJson);

    std::vector<AuditEntry> entries();                          // in seq order
    std::vector<AuditEntry> entriesFor(std::int64_t outputId); // in seq order
    // The latest entry of the given action (for one output when outputId is set), or nullopt.
    std::optional<AuditEntry> lastOf(Action action, std::optional<std::int64_t> outputId = std::nullopt);

    // Checks the whole chain and the anchor. With expectedHead set, also checks that an entry with
    // that hash is still in the chain (a head recorded earlier, outside the catalog).
    VerifyReport verify(const std::optional<std::string>& expectedHead = std::nullopt);

private:
    catalog::Database& m_db;
};

} // namespace uf::audit
