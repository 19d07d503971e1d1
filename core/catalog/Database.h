// RAII over SQLite (as SQLiteCpp): a Database owns one connection, a Statement one prepared
// statement, a Transaction rolls back in its destructor unless committed. One connection per
// thread; errors become uf::StorageError naming the database file and the SQL.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace uf::catalog {

class Database;

class Statement {
public:
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&&) noexcept;

    // Binding (1-based indices, as SQLite). Returns *this for chaining.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bindBlob(int index, std::span<const std::uint8_t> value);
    Statement& bindNull(int index);
    Statement& bind(int index, const std::optional<std::string>& value);

    // Steps once; true while a row is available.
    bool step();
    // Runs a statement that returns no rows (or ignores them).
    void exec();
    void reset(); // resets and clears bindings for reuse

    bool isNull(int col) const;
    std::int64_t getInt(int col) const;
    double getDouble(int col) const;
    std::string getText(int col) const;
    std::optional<std::string> getOptionalText(int col) const;
    std::vector<std::uint8_t> getBlob(int col) const;
    // Zero-copy view of a blob column, valid until the next step/reset.
    std::span<const std::uint8_t> blobView(int col) const;

private:
    Database* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

class Database {
public:
    enum class Mode { ReadWrite, ReadOnly };
    explicit Database(const std::filesystem::path& file, Mode mode = Mode::ReadWrite);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(std::string_view sql); // one or more statements, no results
    std::int64_t lastInsertId() const;
    int changes() const;
    sqlite3* handle() const { return m_db.get(); }
    const std::filesystem::path& file() const { return m_file; }
    [[noreturn]] void throwError(std::string_view context) const;

    // Convenience: first column of the first row, or fallback when no row.
    std::int64_t queryInt(std::string_view sql, std::int64_t fallback = 0);

private:
    struct Closer {
        void operator()(sqlite3* db) const noexcept;
    };
    std::unique_ptr<sqlite3, Closer> m_db;
    std::filesystem::path m_file;
};

// BEGIN IMMEDIATE on construction (writes serialised), ROLLBACK in the destructor unless commit().
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& m_db;
    bool m_done = false;
};

} // namespace uf::catalog
