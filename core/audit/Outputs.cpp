// Repository over generated_outputs.
#include "audit/Outputs.h"

#include "catalog/Database.h"
#include "common/Error.h"

namespace uf::audit {

namespace {

constexpr const char* kColumns = "id, kind, status, path, text, lang, reference_sku, provenance, created_by, created_at, "
                                 "decided_by, decided_at, decision_comment";

GeneratedOutput readRow(const catalog::Statement& st)
{
    GeneratedOutput o;
    o.id = st.getInt(0);
    o.kind = st.getText(1) == "caption" ? OutputKind::Caption : OutputKind::Image;
    // An unknown status (forged past the CHECK constraint) reads as pending: never usable.
    o.status = parseStatus(st.getText(2)).value_or(OutputStatus::Pending);
    o.path = st.getText(3);
    o.text = st.getText(4);
    o.lang = st.getText(5);
    o.referenceSku = st.getText(6);
    o.provenance = st.getText(7);
    o.createdBy = st.getText(8);
    o.createdAt = st.getText(9);
    o.decidedBy = st.getText(10);
    o.decidedAt = st.getText(11);
    o.decisionComment = st.getText(12);
    return o;
}

void bindOptional(catalog::Statement& st, int index, const std::string& value)
{
    if (value.empty())
        st.bindNull(index);
    else
        st.bind(index, value);
}

} // namespace

const char* kindName(OutputKind kind) { return kind == OutputKind::Caption ? "caption" : "image"; }

const char* statusName(OutputStatus status)
{
    switch (status) {
    case OutputStatus::Pending: return "pending";
    case OutputStatus::Approved: return "approved";
    case OutputStatus::Rejected: return "rejected";
    }
    return "?";
}

std::optional<OutputStatus> parseStatus(const std::string& name)
{
    for (OutputStatus s : {OutputStatus::Pending, OutputStatus::Approved, OutputStatus::Rejected})
        if (name == statusName(s))
            return s;
    return std::nullopt;
}

OutputStore::OutputStore(catalog::Database& db)
    : m_db(db)
{
}

std::int64_t OutputStore::insert(GeneratedOutput& o)
{
    catalog::Statement st(m_db, "INSERT INTO generated_outputs(kind, status, path, text, lang, reference_sku, provenance, "
                                "created_by, created_at) VALUES (?,'pending',?,?,?,?,?,?,?)");
    st.bind(1, kindName(o.kind));
    bindOptional(st, 2, o.path);
    bindOptional(st, 3, o.text);
    bindOptional(st, 4, o.lang);
    bindOptional(st, 5, o.referenceSku);
    st.bind(6, o.provenance).bind(7, o.createdBy).bind(8, o.createdAt).exec();
    o.id = m_db.lastInsertId();
    o.status = OutputStatus::Pending;
    return o.id;
}

std::optional<GeneratedOutput> OutputStore::find(std::int64_t id)
{
    catalog::Statement st(m_db, std::string("SELECT ") + kColumns + " FROM generated_outputs WHERE id=?");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return readRow(st);
}

std::vector<GeneratedOutput> OutputStore::list(std::optional<OutputStatus> status, std::optional<OutputKind> kind)
{
    std::string sql = std::string("SELECT ") + kColumns + " FROM generated_outputs WHERE 1=1";
    if (status)
        sql += " AND status=?";
    if (kind)
        sql += " AND kind=?";
    sql += " ORDER BY id";
    catalog::Statement st(m_db, sql);
    int i = 1;
    if (status)
        st.bind(i++, statusName(*status));
    if (kind)
        st.bind(i++, kindName(*kind));
    std::vector<GeneratedOutput> out;
    while (st.step())
        out.push_back(readRow(st));
    return out;
}

void OutputStore::setDecision(std::int64_t id, OutputStatus status, const std::string& by, const std::string& at,
                              const std::string& comment)
{
    catalog::Statement st(m_db, "UPDATE generated_outputs SET status=?, decided_by=?, decided_at=?, decision_comment=? "
                                "WHERE id=? AND status='pending'");
    st.bind(1, statusName(status)).bind(2, by).bind(3, at);
    bindOptional(st, 4, comment);
    st.bind(5, id).exec();
    if (m_db.changes() != 1)
        throw PolicyError("Output " + std::to_string(id) + " is no longer pending; reload and check its status with "
                          "'unifashion audit show --id " + std::to_string(id) + "'.");
}

} // namespace uf::audit
