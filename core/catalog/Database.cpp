#include "catalog/Database.h"

#include "common/Error.h"

#include <sqlite3.h>

namespace uf::catalog {

void Database::Closer::operator()(sqlite3* db) const noexcept
{
    sqlite3_close_v2(db);
}

Database::Database(const std::filesystem::path& file, Mode mode)
    : m_file(file)
{
    sqlite3* raw = nullptr;
    const int flags = (mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(file.c_str(), &raw, flags, nullptr);
    m_db.reset(raw);
    if (rc != SQLITE_OK)
        throw StorageError("Cannot open the catalog database '" + file.string() + "': "
                           + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 10000);
    exec("PRAGMA foreign_keys=ON");
    if (mode == Mode::ReadWrite && file != ":memory:") {
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=NORMAL");
    }
}

Database::~Database() = default;

void Database::throwError(std::string_view context) const
{
    throw StorageError("Catalog database '" + m_file.string() + "': " + std::string(context) + ": "
                       + sqlite3_errmsg(m_db.get()));
}

void Database::exec(std::string_view sql)
{
    char* err = nullptr;
    const std::string s(sql);
    if (sqlite3_exec(m_db.get(), s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw StorageError("Catalog database '" + m_file.string() + "': " + msg + " (in: " + s.substr(0, 120) + ")");
    }
}

std::int64_t Database::lastInsertId() const { return sqlite3_last_insert_rowid(m_db.get()); }
int Database::changes() const { return sqlite3_changes(m_db.get()); }

std::int64_t Database::queryInt(std::string_view sql, std::int64_t fallback)
{
    Statement st(*this, sql);
    return st.step() ? st.getInt(0) : fallback;
}

// ---- Statement ----

Statement::Statement(Database& db, std::string_view sql)
    : m_db(&db)
{
    if (sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr) != SQLITE_OK)
        db.throwError("cannot prepare '" + std::string(sql.substr(0, 120)) + "'");
}

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db)
    , m_stmt(other.m_stmt)
{
    other.m_stmt = nullptr;
}

Statement::~Statement()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, std::int64_t value)
{
    if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK)
        m_db->throwError("cannot bind");
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    if (sqlite3_bind_double(m_stmt, index, value) != SQLITE_OK)
        m_db->throwError("cannot bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view value)
{
    if (sqlite3_bind_text64(m_stmt, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8) != SQLITE_OK)
        m_db->throwError("cannot bind");
    return *this;
}

Statement& Statement::bindBlob(int index, std::span<const std::uint8_t> value)
{
    if (sqlite3_bind_blob64(m_stmt, index, value.data(), value.size(), SQLITE_TRANSIENT) != SQLITE_OK)
        m_db->throwError("cannot bind");
    return *this;
}

Statement& Statement::bindNull(int index)
{
    if (sqlite3_bind_null(m_stmt, index) != SQLITE_OK)
        m_db->throwError("cannot bind");
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& value)
{
    return value ? bind(index, std::string_view(*value)) : bindNull(index);
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    m_db->throwError("cannot run '" + std::string(sqlite3_sql(m_stmt)).substr(0, 120) + "'");
}

void Statement::exec()
{
    while (step()) {
    }
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
std::int64_t Statement::getInt(int col) const { return sqlite3_column_int64(m_stmt, col); }
double Statement::getDouble(int col) const { return sqlite3_column_double(m_stmt, col); }

std::string Statement::getText(int col) const
{
    const auto* p = sqlite3_column_text(m_stmt, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col)))
             : std::string();
}

std::optional<std::string> Statement::getOptionalText(int col) const
{
    if (isNull(col))
        return std::nullopt;
    return getText(col);
}

std::span<const std::uint8_t> Statement::blobView(int col) const
{
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(m_stmt, col));
    return {p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col))};
}

std::vector<std::uint8_t> Statement::getBlob(int col) const
{
    auto v = blobView(col);
    return {v.begin(), v.end()};
}

// ---- Transaction ----

Transaction::Transaction(Database& db)
    : m_db(db)
{
    m_db.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK");
        } catch (...) {
            // destructors never throw; the connection rolls back on close anyway
        }
    }
}

void Transaction::commit()
{
    m_db.exec("COMMIT");
    m_done = true;
}

} // namespace uf::catalog
