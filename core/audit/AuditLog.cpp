// Hash chain over the audit_log table, its anchor in settings, and the diagnosis of damage.
#include "audit/AuditLog.h"

#include "catalog/Catalog.h"
#include "catalog/Database.h"
#include "common/Error.h"
#include "common/Files.h"

#include <sqlite3.h>

#include <charconv>
#include <unordered_map>

namespace uf::audit {

namespace {

// A row exactly as stored: every column read as text so that a forged value (text in an integer
// column, say) still hashes to something and is caught, instead of being coerced on the way in.
struct RawEntry {
    std::int64_t seq = 0;
    std::string at, actor, action;
    std::optional<std::string> outputId;
    std::string payload, prevHash, hash;
};

constexpr const char* kColumns = "seq, at, actor, action, output_id, payload, prev_hash, hash";

RawEntry readRaw(const catalog::Statement& st)
{
    RawEntry r;
    r.seq = st.getInt(0);
    r.at = st.getText(1);
    r.actor = st.getText(2);
    r.action = st.getText(3);
    r.outputId = st.getOptionalText(4);
    r.payload = st.getText(5);
    r.prevHash = st.getText(6);
    r.hash = st.getText(7);
    return r;
}

void putField(std::string& out, const char* name, const std::string& value)
{
    out += name;
    out += '=';
    out += std::to_string(value.size());
    out += ':';
    out += value;
    out += '\n';
}

// Length-prefixed, named fields: no two different entries serialise alike. seq comes last so
// that verify() can try other seqs for a misplaced entry from one hashed prefix.
std::string canonicalPrefix(const RawEntry& r)
{
    std::string out = "uf-audit/1\n";
    putField(out, "at", r.at);
    putField(out, "actor", r.actor);
    putField(out, "action", r.action);
    if (r.outputId)
        putField(out, "output_id", *r.outputId);
    else
        out += "output_id=~\n";
    putField(out, "payload", r.payload);
    putField(out, "prev_hash", r.prevHash);
    return out;
}

std::string canonicalSuffix(std::int64_t seq)
{
    std::string out;
    putField(out, "seq", std::to_string(seq));
    return out;
}

// SHA-256 state after the prefix; finish(seq) gives the hash the entry has under that seq.
class EntryHasher {
public:
    explicit EntryHasher(const RawEntry& r) { m_prefix.update(canonicalPrefix(r)); }
    std::string finish(std::int64_t seq) const
    {
        Sha256 h = m_prefix;
        h.update(canonicalSuffix(seq));
        return h.hexDigest();
    }

private:
    Sha256 m_prefix;
};

std::string hashOf(const RawEntry& r, std::int64_t seq) { return EntryHasher(r).finish(seq); }

RawEntry toRaw(const AuditEntry& e)
{
    RawEntry r;
    r.seq = e.seq;
    r.at = e.at;
    r.actor = e.actor;
    r.action = e.action;
    if (e.outputId)
        r.outputId = std::to_string(*e.outputId);
    r.payload = e.payload;
    r.prevHash = e.prevHash;
    r.hash = e.hash;
    return r;
}

AuditEntry fromRaw(const RawEntry& r)
{
    AuditEntry e;
    e.seq = r.seq;
    e.at = r.at;
    e.actor = r.actor;
    e.action = r.action;
    if (r.outputId) {
        std::int64_t v = 0;
        const auto* b = r.outputId->data();
        const auto* end = b + r.outputId->size();
        if (auto [p, ec] = std::from_chars(b, end, v); ec == std::errc() && p == end)
            e.outputId = v;
    }
    e.payload = r.payload;
    e.prevHash = r.prevHash;
    e.hash = r.hash;
    return e;
}

struct Anchor {
    std::int64_t count = 0;
    std::string hash;
};

std::optional<Anchor> parseAnchor(const std::string& text)
{
    const auto space = text.find(' ');
    if (space == std::string::npos)
        return std::nullopt;
    Anchor a;
    const char* b = text.data();
    if (auto [p, ec] = std::from_chars(b, b + space, a.count); ec != std::errc() || p != b + space || a.count < 0)
        return std::nullopt;
    a.hash = text.substr(space + 1);
    if (a.hash.size() != 64)
        return std::nullopt;
    return a;
}

std::optional<std::string> readSetting(catalog::Database& db, const std::string& key)
{
    catalog::Statement st(db, "SELECT value FROM settings WHERE key=?");
    st.bind(1, key);
    if (!st.step())
        return std::nullopt;
    return st.getText(0);
}

std::string seqText(std::int64_t seq) { return std::to_string(seq); }

} // namespace

const char* actionName(Action action)
{
    switch (action) {
    case Action::Generated: return "generated";
    case Action::Approved: return "approved";
    case Action::Rejected: return "rejected";
    case Action::SettingChanged: return "setting_changed";
    case Action::Exported: return "exported";
    }
    return "?";
}

std::optional<Action> parseAction(const std::string& name)
{
    for (Action a : {Action::Generated, Action::Approved, Action::Rejected, Action::SettingChanged, Action::Exported})
        if (name == actionName(a))
            return a;
    return std::nullopt;
}

const char* damageName(Damage damage)
{
    switch (damage) {
    case Damage::None: return "none";
    case Damage::Edited: return "edited";
    case Damage::Removed: return "removed";
    case Damage::Inserted: return "inserted";
    case Damage::Reordered: return "reordered";
    case Damage::Truncated: return "truncated";
    case Damage::AnchorMismatch: return "anchor_mismatch";
    }
    return "?";
}

const std::string& genesisHash()
{
    static const std::string zeros(64, '0');
    return zeros;
}

std::string canonicalSerialisation(const AuditEntry& entry)
{
    return canonicalPrefix(toRaw(entry)) + canonicalSuffix(entry.seq);
}
std::string computeEntryHash(const AuditEntry& entry) { return sha256Hex(canonicalSerialisation(entry)); }

AuditLog::AuditLog(catalog::Database& db)
    : m_db(db)
{
}

AuditEntry AuditLog::append(const std::string& actor, Action action, std::optional<std::int64_t> outputId,
                            const std::string& payloadJson)
{
    std::optional<catalog::Transaction> own;
    if (sqlite3_get_autocommit(m_db.handle()))
        own.emplace(m_db);

    const auto damaged = [this](const std::string& why) {
        return StorageError("The audit log in '" + m_db.file().string() + "' is damaged (" + why
                            + "); no new entries are written until it is looked at. Run 'unifashion audit verify "
                              "--catalog <folder>' to see which entry.");
    };

    std::optional<RawEntry> tail;
    {
        catalog::Statement st(m_db, std::string("SELECT ") + kColumns + " FROM audit_log ORDER BY seq DESC LIMIT 1");
        if (st.step())
            tail = readRaw(st);
    }
    const std::int64_t count = m_db.queryInt("SELECT COUNT(*) FROM audit_log");
    const auto anchorText = readSetting(m_db, kHeadSettingKey);
    if (tail) {
        if (hashOf(*tail, tail->seq) != tail->hash)
            throw damaged("the last entry, seq " + seqText(tail->seq) + ", does not match its hash");
        if (tail->seq != count)
            throw damaged("seq numbers are not contiguous");
        const auto anchor = anchorText ? parseAnchor(*anchorText) : std::nullopt;
        if (!anchor || anchor->count != count || anchor->hash != tail->hash)
            throw damaged("the tail does not match the anchor '" + std::string(kHeadSettingKey) + "'");
    } else if (anchorText && *anchorText != "0 " + genesisHash()) {
        throw damaged("the log is empty but its anchor records entries");
    }

    RawEntry e;
    e.seq = tail ? tail->seq + 1 : 1;
    e.at = catalog::nowIso8601();
    e.actor = actor;
    e.action = actionName(action);
    if (outputId)
        e.outputId = std::to_string(*outputId);
    e.payload = payloadJson;
    e.prevHash = tail ? tail->hash : genesisHash();
    e.hash = hashOf(e, e.seq);

    catalog::Statement ins(m_db, "INSERT INTO audit_log(seq, at, actor, action, output_id, payload, prev_hash, hash) "
                                 "VALUES (?,?,?,?,?,?,?,?)");
    ins.bind(1, e.seq).bind(2, e.at).bind(3, e.actor).bind(4, e.action);
    if (outputId)
        ins.bind(5, *outputId);
    else
        ins.bindNull(5);
    ins.bind(6, e.payload).bind(7, e.prevHash).bind(8, e.hash).exec();

    catalog::Statement anchor(m_db, "INSERT INTO settings(key, value) VALUES (?,?) "
                                    "ON CONFLICT(key) DO UPDATE SET value=excluded.value");
    anchor.bind(1, kHeadSettingKey).bind(2, std::to_string(e.seq) + " " + e.hash).exec();
    if (own)
        own->commit();
    return fromRaw(e);
}

std::vector<AuditEntry> AuditLog::entries()
{
    std::vector<AuditEntry> out;
    catalog::Statement st(m_db, std::string("SELECT ") + kColumns + " FROM audit_log ORDER BY seq");
    while (st.step())
        out.push_back(fromRaw(readRaw(st)));
    return out;
}

std::vector<AuditEntry> AuditLog::entriesFor(std::int64_t outputId)
{
    std::vector<AuditEntry> out;
    catalog::Statement st(m_db, std::string("SELECT ") + kColumns + " FROM audit_log WHERE output_id=? ORDER BY seq");
    st.bind(1, outputId);
    while (st.step())
        out.push_back(fromRaw(readRaw(st)));
    return out;
}

std::optional<AuditEntry> AuditLog::lastOf(Action action, std::optional<std::int64_t> outputId)
{
    std::string sql = std::string("SELECT ") + kColumns + " FROM audit_log WHERE action=?";
    if (outputId)
        sql += " AND output_id=?";
    sql += " ORDER BY seq DESC LIMIT 1";
    catalog::Statement st(m_db, sql);
    st.bind(1, actionName(action));
    if (outputId)
        st.bind(2, *outputId);
    if (!st.step())
        return std::nullopt;
    return fromRaw(readRaw(st));
}

VerifyReport AuditLog::verify(const std::optional<std::string>& expectedHead)
{
    std::vector<RawEntry> rows;
    {
        catalog::Statement st(m_db, std::string("SELECT ") + kColumns + " FROM audit_log ORDER BY seq");
        while (st.step())
            rows.push_back(readRaw(st));
    }
    VerifyReport report;
    report.entries = static_cast<std::int64_t>(rows.size());
    report.headHash = rows.empty() ? std::string() : rows.back().hash;

    const auto fail = [&report](Damage damage, std::int64_t seq, std::string message) {
        report.ok = false;
        report.damage = damage;
        report.firstBadSeq = seq;
        report.message = std::move(message) + " Restore catalog.sqlite from a backup, or keep this catalog as "
                                              "evidence and start a new one.";
        return report;
    };

    std::vector<EntryHasher> hashers;
    hashers.reserve(rows.size());
    for (const auto& r : rows)
        hashers.emplace_back(r);

    // Where each stored hash sits, to tell a moved entry from a missing or foreign one.
    std::unordered_map<std::string, std::size_t> positionOfHash;
    for (std::size_t i = 0; i < rows.size(); ++i)
        positionOfHash.emplace(rows[i].hash, i);
    const auto anchorText = readSetting(m_db, kHeadSettingKey);
    const auto anchor = anchorText ? parseAnchor(*anchorText) : std::nullopt;
    const std::int64_t n = static_cast<std::int64_t>(rows.size());

    // The seq an entry was written under, when its stored seq is not that one. Genuine entries
    // were written under 1..max(rows, anchored count) (+1 for one forged at the end).
    const auto writtenSeq = [&](std::size_t i) -> std::optional<std::int64_t> {
        const RawEntry& r = rows[i];
        const std::int64_t limit = std::max<std::int64_t>(n, anchor ? std::min(anchor->count, n + 1000) : 0) + 1;
        for (std::int64_t s = 1; s <= limit; ++s)
            if (s != r.seq && hashers[i].finish(s) == r.hash)
                return s;
        return std::nullopt;
    };
    const auto smallestPositive = [](std::int64_t a, std::int64_t b) {
        if (a < 1)
            return b;
        if (b < 1)
            return a;
        return std::min(a, b);
    };

    std::string prev = genesisHash();
    std::int64_t expectedSeq = 1;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const RawEntry& r = rows[i];
        const bool selfOk = hashers[i].finish(r.seq) == r.hash;
        if (!selfOk) {
            const auto written = writtenSeq(i);
            if (!written)
                return fail(Damage::Edited, r.seq,
                            "Entry " + seqText(r.seq) + " was edited: its fields no longer match its hash.");
            // Index of the entry this one links to: -1 for the genesis, none when it is gone.
            std::optional<std::ptrdiff_t> prevIndex;
            if (r.prevHash == genesisHash())
                prevIndex = -1;
            else if (auto at = positionOfHash.find(r.prevHash); at != positionOfHash.end())
                prevIndex = static_cast<std::ptrdiff_t>(at->second);
            if (*written < r.seq && prevIndex && *prevIndex + 1 < static_cast<std::ptrdiff_t>(i)) {
                const std::int64_t foreign = rows[static_cast<std::size_t>(*prevIndex + 1)].seq;
                return fail(Damage::Inserted, foreign,
                            "Entry " + seqText(foreign) + " was inserted: it was never appended through the log "
                                "(the entries after it were renumbered; entry " + seqText(*written) + " is now stored as "
                                + seqText(r.seq) + ").");
            }
            if (*written > r.seq && !prevIndex && r.seq == expectedSeq)
                return fail(Damage::Removed, r.seq,
                            "Entry " + seqText(r.seq) + " was removed (the entries after it were renumbered; entry "
                                + seqText(*written) + " is now stored as " + seqText(r.seq) + ").");
            return fail(Damage::Reordered, smallestPositive(r.seq, *written),
                        "Entries were reordered: the entry written as seq " + seqText(*written) + " is stored as seq "
                            + seqText(r.seq) + ".");
        }
        if (r.seq != expectedSeq) {
            // A gap: either the entry is gone, or it was moved to a later seq.
            for (std::size_t j = i + 1; j < rows.size(); ++j)
                if (hashers[j].finish(expectedSeq) == rows[j].hash)
                    return fail(Damage::Reordered, expectedSeq,
                                "Entries were reordered: the entry written as seq " + seqText(expectedSeq)
                                    + " is stored as seq " + seqText(rows[j].seq) + ".");
            const std::string which = r.seq - expectedSeq == 1
                ? "Entry " + seqText(expectedSeq) + " was removed"
                : "Entries " + seqText(expectedSeq) + " to " + seqText(r.seq - 1) + " were removed";
            return fail(Damage::Removed, expectedSeq, which + " (the log goes on at seq " + seqText(r.seq) + ").");
        }
        if (r.prevHash != prev) {
            const auto prevAt = positionOfHash.find(r.prevHash);
            if (prevAt != positionOfHash.end())
                return fail(Damage::Reordered, r.seq,
                            "Entries were reordered: entry " + seqText(r.seq) + " follows entry "
                                + seqText(rows[prevAt->second].seq) + " in the chain but is stored after entry "
                                + seqText(r.seq - 1) + ".");
            if (i == 0)
                return fail(Damage::Inserted, r.seq,
                            "Entry " + seqText(r.seq) + " does not start the chain: it was forged.");
            return fail(Damage::Edited, r.seq - 1,
                        "Entry " + seqText(r.seq - 1) + " was replaced or rewritten with a recomputed hash: entry "
                            + seqText(r.seq) + " does not link to it.");
        }
        prev = r.hash;
        ++expectedSeq;
    }

    if (!anchorText) {
        if (n > 0)
            return fail(Damage::AnchorMismatch, 0,
                        "The anchor '" + std::string(kHeadSettingKey) + "' is missing from the settings: it was removed.");
    } else {
        if (!anchor)
            return fail(Damage::AnchorMismatch, 0,
                        "The anchor '" + std::string(kHeadSettingKey) + "' is malformed: it was edited.");
        if (anchor->count > n)
            return fail(Damage::Truncated, n + 1,
                        (anchor->count - n == 1 ? "Entry " + seqText(n + 1) + " was removed"
                                                : "Entries " + seqText(n + 1) + " to " + seqText(anchor->count) + " were removed")
                            + " from the end of the log (the anchor records " + seqText(anchor->count) + " entries).");
        if (anchor->count < n) {
            if (anchor->count == 0 ? anchor->hash == genesisHash() : rows[anchor->count - 1].hash == anchor->hash)
                return fail(Damage::Inserted, anchor->count + 1,
                            "Entry " + seqText(anchor->count + 1) + " was added behind the log's back (the anchor records "
                                + seqText(anchor->count) + " entries).");
            return fail(Damage::AnchorMismatch, 0,
                        "The log does not match its anchor: the anchor was edited or the chain rewritten.");
        }
        if ((n == 0 && anchor->hash != genesisHash()) || (n > 0 && anchor->hash != rows.back().hash))
            return fail(Damage::AnchorMismatch, 0,
                        "The log's head does not match its anchor: the anchor was edited or the chain rewritten.");
    }
    if (expectedHead && !expectedHead->empty() && positionOfHash.find(*expectedHead) == positionOfHash.end()
        && !(*expectedHead == genesisHash()))
        return fail(Damage::AnchorMismatch, 0,
                    "The head recorded earlier (" + *expectedHead + ") is no longer in the log: it was rewritten.");
    return report;
}

} // namespace uf::audit
