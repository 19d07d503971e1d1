#include "catalog/Schema.h"

#include "catalog/Database.h"
#include "common/Error.h"

#include <string>

namespace uf::catalog {

namespace {

// Migration N brings the schema from version N-1 to N. Never edit a released migration: add one.
const char* const kMigrations[] = {
    // 1: products and their texts, attributes and images; settings.
    R"sql(
CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL UNIQUE,
  category TEXT NOT NULL DEFAULT '',
  split TEXT,
  source_file TEXT NOT NULL DEFAULT '',
  source_row INTEGER NOT NULL DEFAULT 0,
  content_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX products_category ON products(category);
CREATE TABLE product_texts (
  product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  lang TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (product_id, lang)
) WITHOUT ROWID;
CREATE TABLE product_attributes (
  product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (product_id, key)
) WITHOUT ROWID;
CREATE INDEX product_attributes_kv ON product_attributes(key, value);
CREATE TABLE images (
  id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  path TEXT NOT NULL,
  storage TEXT NOT NULL CHECK (storage IN ('copied','referenced')),
  sha256 TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  UNIQUE (product_id, position)
);
CREATE INDEX images_sha256 ON images(sha256);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
)sql",
    // 2: search — per-product embeddings (one vector per query token), so an index can always be
    // rebuilt without the model. Owned by core/search. content_hash is the SHA-256 of exactly what
    // was embedded (the image file, or the description texts). A rowid table because the blobs are
    // kilobytes (WITHOUT ROWID suits small rows); the covering index lets an index file be checked
    // against the catalog without reading a single blob.
    R"sql(
CREATE TABLE embeddings (
  product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('image','text')),
  model_hash TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  tokens INTEGER NOT NULL,
  dim INTEGER NOT NULL,
  vectors BLOB NOT NULL,
  PRIMARY KEY (product_id, kind)
);
CREATE INDEX embeddings_by_model ON embeddings(kind, model_hash, product_id, content_hash);
)sql",
    // 3: generation and review — outputs pending review with provenance, and the hash-chained
    // audit log. Owned by core/generation and core/audit.
    R"sql(
CREATE TABLE generated_outputs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('image','caption')),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected')),
  path TEXT,
  text TEXT,
  lang TEXT,
  reference_sku TEXT,
  provenance TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT,
  decision_comment TEXT
);
CREATE INDEX generated_outputs_status ON generated_outputs(status);
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  output_id INTEGER,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_output ON audit_log(output_id);
-- Append-only at the database level too, against accidents; deliberate tampering (dropping
-- these) is what the hash chain and `unifashion audit verify` catch.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
)sql",
};

static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == kSchemaVersion);

} // namespace

void migrate(Database& db)
{
    const int current = static_cast<int>(db.queryInt("PRAGMA user_version"));
    if (current > kSchemaVersion)
        throw StorageError("The catalog '" + db.file().string() + "' was written by a newer UniFashion Studio (schema "
                           + std::to_string(current) + ", this version knows " + std::to_string(kSchemaVersion)
                           + "). Update the application to open it.");
    for (int v = current + 1; v <= kSchemaVersion; ++v) {
        Transaction tx(db);
        db.exec(kMigrations[v - 1]);
        db.exec("PRAGMA user_version=" + std::to_string(v));
        tx.commit();
    }
}

} // namespace uf::catalog
