// The hash-chained audit log: chaining and anchoring, and `verify` catching every single-byte change
// of every stored field of every entry, every deletion, every reordering (all permutations of a
// small log), insertions, and a truncated tail — each time naming the first bad entry.
#include "TestSupport.h"
#include "audit/AuditLog.h"
#include "catalog/Catalog.h"
#include "catalog/Database.h"
#include "common/Error.h"

#include <QtTest>

#include <algorithm>
#include <numeric>

using namespace uf;
using audit::AuditLog;
using audit::Damage;

namespace {

constexpr int kEntries = 5;

// A small log with every field shape: null and non-null output ids, Japanese text, all actions.
void fillLog(catalog::Catalog& cat)
{
    AuditLog log(cat.db());
    log.append("alice", audit::Action::Generated, 1, R"({"kind":"image","prompt":"赤いストライプのシャツ"})");
    log.append("alice", audit::Action::Generated, 2, R"({"kind":"caption"})");
    log.append("admin", audit::Action::SettingChanged, std::nullopt,
               R"({"key":"audit.allow_self_approval","new":"true","old":null})");
    log.append("bob", audit::Action::Approved, 1, R"({"comment":"ok"})");
    log.append("bob", audit::Action::Exported, std::nullopt, R"({"outputs":[{"id":1}]})");
    // A tamperer first drops the append-only triggers; the tests below play that part.
    cat.db().exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete");
}

struct Row {
    std::int64_t seq;
    std::optional<std::string> values[7]; // at, actor, action, output_id, payload, prev_hash, hash
};
const char* const kFields[7] = {"at", "actor", "action", "output_id", "payload", "prev_hash", "hash"};

std::vector<Row> readRows(catalog::Database& db)
{
    std::vector<Row> rows;
    catalog::Statement st(db, "SELECT seq, at, actor, action, output_id, payload, prev_hash, hash FROM audit_log ORDER BY seq");
    while (st.step()) {
        Row r;
        r.seq = st.getInt(0);
        for (int i = 0; i < 7; ++i)
            r.values[i] = st.getOptionalText(i + 1);
        rows.push_back(r);
    }
    return rows;
}

void setField(catalog::Database& db, std::int64_t seq, const char* field, const std::optional<std::string>& value,
              bool asInteger = false)
{
    catalog::Statement st(db, std::string("UPDATE audit_log SET ") + field + "=? WHERE seq=?");
    if (!value)
        st.bindNull(1);
    else if (asInteger)
        st.bind(1, static_cast<std::int64_t>(std::stoll(*value)));
    else
        st.bind(1, *value);
    st.bind(2, seq).exec();
}

// Runs fn inside a transaction that is always rolled back, so each damage is tried on the
// pristine log (and quickly: nothing reaches the disk).
template <typename Fn>
void scratch(catalog::Database& db, Fn fn)
{
    db.exec("SAVEPOINT scratch");
    try {
        fn();
    } catch (...) {
        db.exec("ROLLBACK TO scratch; RELEASE scratch");
        throw;
    }
    db.exec("ROLLBACK TO scratch; RELEASE scratch");
}

QString describe(const audit::VerifyReport& r)
{
    return QStringLiteral("ok=%1 damage=%2 seq=%3 msg=%4")
        .arg(r.ok)
        .arg(audit::damageName(r.damage))
        .arg(r.firstBadSeq)
        .arg(QString::fromStdString(r.message));
}

} // namespace

class AuditLogTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void appendsAChainAnchoredInSettings()
    {
        uftest::TempDir dir;
        catalog::Catalog cat(dir / "c", catalog::Catalog::OpenMode::Create);
        QVERIFY(AuditLog(cat.db()).verify().ok); // an empty log is intact
        fillLog(cat);
        AuditLog log(cat.db());
        const auto entries = log.entries();
        QCOMPARE(int(entries.size()), kEntries);
        QCOMPARE(entries.front().prevHash, audit::genesisHash());
        for (std::size_t i = 0; i < entries.size(); ++i) {
            QCOMPARE(entries[i].seq, std::int64_t(i + 1));
            QCOMPARE(entries[i].hash, audit::computeEntryHash(entries[i]));
            if (i > 0)
                QCOMPARE(entries[i].prevHash, entries[i - 1].hash);
        }
        QCOMPARE(*cat.setting(audit::kHeadSettingKey), std::to_string(kEntries) + " " + entries.back().hash);
        const auto r = log.verify();
        QVERIFY2(r.ok, qPrintable(describe(r)));
        QCOMPARE(r.entries, std::int64_t(kEntries));
        QCOMPARE(r.headHash, entries.back().hash);
        QCOMPARE(log.entriesFor(1).size(), std::size_t(2));
        QCOMPARE(log.lastOf(audit::Action::Approved)->seq, std::int64_t(4));
    }

    void theDatabaseRefusesAccidentalEdits()
    {
        uftest::TempDir dir;
        catalog::Catalog cat(dir / "c", catalog::Catalog::OpenMode::Create);
        AuditLog(cat.db()).append("alice", audit::Action::Generated, 1, "{}");
        QVERIFY_THROWS_EXCEPTION(StorageError, cat.db().exec("UPDATE audit_log SET actor='bob'"));
        QVERIFY_THROWS_EXCEPTION(StorageError, cat.db().exec("DELETE FROM audit_log"));
        QVERIFY(AuditLog(cat.db()).verify().ok);
    }

    void catchesEverySingleByteChangeOfEveryField()
    {
        uftest::TempDir dir;
        catalog::Catalog cat(dir / "c", catalog::Catalog::OpenMode::Create);
        fillLog(cat);
        auto& db = cat.db();
        AuditLog log(db);
        const auto rows = readRows(db);
        int tried = 0;
        for (const Row& row : rows) {
            for (int f = 0; f < 7; ++f) {
                const bool integer = std::string(kFields[f]) == "output_id";
                const auto& original = row.values[f];
                if (!original) {
                    // A null output id: the smallest change is one byte where there was none.
                    scratch(db, [&] {
                        setField(db, row.seq, kFields[f], std::string("1"), true);
                        const auto r = log.verify();
                        QVERIFY2(!r.ok && r.firstBadSeq == row.seq && r.damage == Damage::Edited, qPrintable(describe(r)));
                    });
                    ++tried;
                    continue;
                }
                // One transaction for the whole sweep (rolled back at the end), prepared statements
                // reused: each change is written, verified and undone without touching the disk.
                db.exec("SAVEPOINT sweep");
                catalog::Statement update(db, std::string("UPDATE audit_log SET ") + kFields[f] + "=? WHERE seq=?");
                for (std::size_t pos = 0; pos < original->size(); ++pos) {
                    for (int b = 0; b < 256; ++b) {
                        if (static_cast<unsigned char>((*original)[pos]) == b)
                            continue;
                        if (integer && (b < '0' || b > '9'))
                            continue; // an INTEGER column coerces digits only; forged text is tried below
                        std::string changed = *original;
                        changed[pos] = static_cast<char>(b);
                        if (integer)
                            update.bind(1, static_cast<std::int64_t>(std::stoll(changed)));
                        else
                            update.bind(1, changed);
                        update.bind(2, row.seq).exec();
                        update.reset();
                        const auto r = log.verify();
                        if (r.ok || r.firstBadSeq != row.seq || r.damage != Damage::Edited)
                            QFAIL(qPrintable(QStringLiteral("seq %1 field %2 byte %3 -> %4: ")
                                                 .arg(row.seq).arg(kFields[f]).arg(pos).arg(b) + describe(r)));
                        ++tried;
                    }
                }
                db.exec("ROLLBACK TO sweep; RELEASE sweep");
                if (integer) {
                    // Text forged into the integer column (a non-digit byte) is caught too.
                    scratch(db, [&] {
                        setField(db, row.seq, kFields[f], *original + "x");
                        const auto r = log.verify();
                        QVERIFY2(!r.ok && r.firstBadSeq == row.seq, qPrintable(describe(r)));
                    });
                }
            }
            // seq itself: every other one-digit value. Values already taken are refused by the
            // primary key (not a possible stored change); the rest move the entry.
            for (char d = '0'; d <= '9'; ++d) {
                const std::int64_t to = d - '0';
                if (to == row.seq || (to >= 1 && to <= kEntries))
                    continue;
                scratch(db, [&] {
                    catalog::Statement st(db, "UPDATE audit_log SET seq=? WHERE seq=?");
                    st.bind(1, to).bind(2, row.seq).exec();
                    const auto r = log.verify();
                    QVERIFY2(!r.ok && r.firstBadSeq == row.seq && r.damage == Damage::Reordered,
                             qPrintable(QStringLiteral("seq %1 -> %2: ").arg(row.seq).arg(to) + describe(r)));
                });
                ++tried;
                if (QTest::currentTestFailed())
                    return;
            }
        }
        // The anchor, byte by byte.
        const std::string anchor = *cat.setting(audit::kHeadSettingKey);
        db.exec("SAVEPOINT sweep");
        catalog::Statement update(db, "UPDATE settings SET value=? WHERE key='audit.head'");
        for (std::size_t pos = 0; pos < anchor.size(); ++pos) {
            for (int b = 0; b < 256; ++b) {
                if (static_cast<unsigned char>(anchor[pos]) == b)
                    continue;
                std::string changed = anchor;
                changed[pos] = static_cast<char>(b);
                update.bind(1, changed).exec();
                update.reset();
                if (log.verify().ok)
                    QFAIL(qPrintable(QStringLiteral("anchor byte %1 -> %2 not caught").arg(pos).arg(b)));
                ++tried;
            }
        }
        db.exec("ROLLBACK TO sweep; RELEASE sweep");
        QVERIFY(log.verify().ok); // every change was rolled back
        QVERIFY(tried > 100000);
        qInfo("%d single-byte changes tried, all caught", tried);
    }

    void catchesEveryDeletion()
    {
        uftest::TempDir dir;
        catalog::Catalog cat(dir / "c", catalog::Catalog::OpenMode::Create);
        fillLog(cat);
        auto& db = cat.db();
        AuditLog log(db);
        for (std::int64_t k = 1; k <= kEntries; ++k) {
            // Plain deletion.
            scratch(db, [&] {
                catalog::Statement(db, "DELETE FROM audit_log WHERE seq=?").bind(1, k).exec();
                const auto r = log.verify();
                QVERIFY2(!r.ok && r.firstBadSeq == k, qPrintable(describe(r)));
                QCOMPARE(r.damage, k == kEntries ? Damage::Truncated : Damage::Removed);
            });
            // Deletion with the later entries renumbered and the anchor's count fixed up.
            scratch(db, [&] {
                catalog::Statement(db, "DELETE FROM audit_log WHERE seq=?").bind(1, k).exec();
                db.exec("UPDATE audit_log SET seq=-seq WHERE seq>" + std::to_string(k));
                db.exec("UPDATE audit_log SET seq=-seq-1 WHERE seq<0");
                const std::string head = *cat.setting(audit::kHeadSettingKey);
                cat.setSetting(audit::kHeadSettingKey, std::to_string(kEntries - 1) + head.substr(head.find(' ')));
                const auto r = log.verify();
                QVERIFY2(!r.ok, qPrintable(describe(r)));
                // The last entry gone and the anchor's count edited: the anchor no longer matches,
                // but which of the two was touched cannot be told.
                if (k < kEntries)
                    QVERIFY2(r.firstBadSeq == k && r.damage == Damage::Removed, qPrintable(describe(r)));
            });
        }
        // The whole log gone: the anchor still remembers it.
        scratch(db, [&] {
            db.exec("DELETE FROM audit_log");
            const auto r = log.verify();
            QVERIFY2(!r.ok && r.damage == Damage::Truncated && r.firstBadSeq == 1, qPrintable(describe(r)));
        });
        // The anchor gone.
        scratch(db, [&] {
            db.exec("DELETE FROM settings WHERE key='audit.head'");
            QCOMPARE(log.verify().damage, Damage::AnchorMismatch);
        });
    }

    void catchesEveryReordering()
    {
        uftest::TempDir dir;
        catalog::Catalog cat(dir / "c", catalog::Catalog::OpenMode::Create);
        fillLog(cat);
        auto& db = cat.db();
        AuditLog log(db);
        std::vector<int> perm(kEntries);
        std::iota(perm.begin(), perm.end(), 1);
        int permutations = 0;
        while (std::next_permutation(perm.begin(), perm.end())) {
            // Entry perm[i] is stored at position i+1.
            scratch(db, [&] {
                db.exec("UPDATE audit_log SET seq=-seq");
                for (int i = 0; i < kEntries; ++i)
                    catalog::Statement(db, "UPDATE audit_log SET seq=? WHERE seq=?").bind(1, i + 1).bind(2, -perm[i]).exec();
                std::int64_t firstMoved = 0;
                for (int i = 0; i < kEntries && !firstMoved; ++i)
                    if (perm[i] != i + 1)
                        firstMoved = i + 1;
                const auto r = log.verify();
                QVERIFY2(!r.ok && r.damage == Damage::Reordered && r.firstBadSeq == firstMoved,
                         qPrintable(describe(r)));
            });
            ++permutations;
            if (QTest::currentTestFailed())
                return;
        }
        QCOMPARE(permutations, 119);
    }

    void catchesInsertions()
    {
        uftest::TempDir dir;
        catalog::Catalog cat(dir / "c", catalog::Catalog::OpenMode::Create);
        fillLog(cat);
        auto& db = cat.db();
        AuditLog log(db);
        const auto entries = log.entries();

        // A well-formed entry added at the end without going through append(): the anchor catches it.
        scratch(db, [&] {
            audit::AuditEntry forged;
            forged.seq = kEntries + 1;
            forged.at = "2030-01-01T00:00:00Z";
            forged.actor = "mallory";
            forged.action = "approved";
            forged.outputId = 2;
            forged.payload = "{}";
            forged.prevHash = entries.back().hash;
            forged.hash = audit::computeEntryHash(forged);
            catalog::Statement(db, "INSERT INTO audit_log VALUES (?,?,?,?,?,?,?,?)")
                .bind(1, forged.seq).bind(2, forged.at).bind(3, forged.actor).bind(4, forged.action)
                .bind(5, *forged.outputId).bind(6, forged.payload).bind(7, forged.prevHash).bind(8, forged.hash).exec();
            const auto r = log.verify();
            QVERIFY2(!r.ok && r.damage == Damage::Inserted && r.firstBadSeq == kEntries + 1, qPrintable(describe(r)));
            // And append() refuses to build on it.
            QVERIFY_THROWS_EXCEPTION(StorageError, log.append("bob", audit::Action::Exported, std::nullopt, "{}"));
        });

        // An entry slipped into the middle, later entries renumbered, anchor count fixed up.
        for (std::int64_t k = 1; k <= kEntries; ++k) {
            scratch(db, [&] {
                db.exec("UPDATE audit_log SET seq=-seq WHERE seq>=" + std::to_string(k));
                db.exec("UPDATE audit_log SET seq=-seq+1 WHERE seq<0");
                audit::AuditEntry forged;
                forged.seq = k;
                forged.at = "2030-01-01T00:00:00Z";
                forged.actor = "mallory";
                forged.action = "approved";
                forged.outputId = 2;
                forged.payload = "{}";
                forged.prevHash = k == 1 ? audit::genesisHash() : entries[k - 2].hash;
                forged.hash = audit::computeEntryHash(forged);
                catalog::Statement(db, "INSERT INTO audit_log VALUES (?,?,?,?,?,?,?,?)")
                    .bind(1, forged.seq).bind(2, forged.at).bind(3, forged.actor).bind(4, forged.action)
                    .bind(5, *forged.outputId).bind(6, forged.payload).bind(7, forged.prevHash).bind(8, forged.hash).exec();
                cat.setSetting(audit::kHeadSettingKey, std::to_string(kEntries + 1) + " " + entries.back().hash);
                const auto r = log.verify();
                QVERIFY2(!r.ok && r.damage == Damage::Inserted && r.firstBadSeq == k, qPrintable(describe(r)));
            });
        }
    }

    void aConsistentRewriteNeedsAnExternalHead()
    {
        // Documented limit: whoever can write the database can rewrite the whole chain and its
        // anchor. A head recorded outside the catalog (--expect-head) catches that.
        uftest::TempDir dir;
        catalog::Catalog cat(dir / "c", catalog::Catalog::OpenMode::Create);
        fillLog(cat);
        auto& db = cat.db();
        AuditLog log(db);
        const std::string recordedHead = log.verify().headHash;
        auto entries = log.entries();
        entries[1].payload = R"({"kind":"caption","forged":true})";
        for (std::size_t i = 1; i < entries.size(); ++i) {
            entries[i].prevHash = entries[i - 1].hash;
            entries[i].hash = audit::computeEntryHash(entries[i]);
            catalog::Statement(db, "UPDATE audit_log SET payload=?, prev_hash=?, hash=? WHERE seq=?")
                .bind(1, entries[i].payload).bind(2, entries[i].prevHash).bind(3, entries[i].hash).bind(4, entries[i].seq).exec();
        }
        cat.setSetting(audit::kHeadSettingKey, std::to_string(kEntries) + " " + entries.back().hash);
        QVERIFY(log.verify().ok);
        const auto r = log.verify(recordedHead);
        QVERIFY(!r.ok);
        QCOMPARE(r.damage, Damage::AnchorMismatch);
    }

    void appendRefusesToHideATruncation()
    {
        uftest::TempDir dir;
        catalog::Catalog cat(dir / "c", catalog::Catalog::OpenMode::Create);
        fillLog(cat);
        auto& db = cat.db();
        db.exec("DELETE FROM audit_log WHERE seq=5");
        AuditLog log(db);
        try {
            log.append("bob", audit::Action::Exported, std::nullopt, "{}");
            QFAIL("append after a truncation must be refused");
        } catch (const StorageError& e) {
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("audit verify")));
        }
        QCOMPARE(log.verify().damage, Damage::Truncated);
        QCOMPARE(log.entries().size(), std::size_t(4));
    }

    void canonicalSerialisationSeparatesFields()
    {
        const auto make = [](const char* actor, const char* action, std::optional<std::int64_t> outputId) {
            audit::AuditEntry e;
            e.seq = 1;
            e.at = "t";
            e.actor = actor;
            e.action = action;
            e.outputId = outputId;
            e.payload = "{}";
            e.prevHash = audit::genesisHash();
            return e;
        };
        // Moving a byte from one field to the next must change the hash (length prefixes).
        const auto a = audit::computeEntryHash(make("ab", "c", std::nullopt));
        QVERIFY(a != audit::computeEntryHash(make("a", "bc", std::nullopt)));
        QVERIFY(a != audit::computeEntryHash(make("ab", "c", 0))); // null differs from 0
        auto moved = make("ab", "c", std::nullopt);
        moved.seq = 2;
        QVERIFY(a != audit::computeEntryHash(moved));
        QCOMPARE(audit::computeEntryHash(make("ab", "c", std::nullopt)), a);
    }
};

QTEST_GUILESS_MAIN(AuditLogTest)
#include "AuditLogTest.moc"
