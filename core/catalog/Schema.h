// The catalog's schema and its forward migrations. PRAGMA user_version holds the version;
// each migration runs in its own transaction. Later concerns (search, audit) add migrations here.
#pragma once

namespace uf::catalog {

class Database;

constexpr int kSchemaVersion = 3;

// Brings db up to kSchemaVersion; refuses a catalog written by a newer version.
void migrate(Database& db);

} // namespace uf::catalog
