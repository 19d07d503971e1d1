// The UI's one door to core's use cases (pipeline/, ingest/, audit/). Every function here runs on a
// worker thread (JobRunner or QtConcurrent::run), opens its own catalog connection, and speaks in
// plain Qt value types so pages never include core headers. Use cases that have not landed in core
// yet report themselves unavailable (has()) and the screens show a disabled state — never fake
// results. Errors are core's typed exceptions; JobRunner turns them into translated messages.
#pragma once

#include "common/Progress.h"

#include <QDateTime>
#include <QImage>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace uf::ui::services {

enum class Feature {
    Model,         // a model can be loaded (core/model implemented)
    ImportPreview, // read a file's columns and encoding without importing
    Import,        // import a file into the catalog
    Report,        // catalog info and data-readiness report
    Index,         // build the search index
    Search,        // text / photo / composed search
    Generate,      // text -> image, reference + text -> image
    Caption,       // description drafts
    Audit,         // review queue, decisions, verify
    Export,        // export approved outputs with XMP
    Train,         // phase-2 fine-tuning
    Evaluate,      // Recall@K and breakdowns
};
// Compiled in (the use case exists in core).
bool has(Feature feature);

// CPU threads for the model (0: one per core), from Settings. Core takes it per call where it
// offers a knob (training, evaluation); inference uses core's own default.
void setComputeThreads(int threads);
int computeThreads();

// ---- Catalog ---------------------------------------------------------------------------------------
struct ProductDetails {
    QString sku;
    QMap<QString, QString> title;       // lang -> text
    QMap<QString, QString> description; // lang -> text
    QString category;
    QMap<QString, QString> attributes;
    QStringList imagePaths; // absolute
    QString split;
    QString source; // file:row
    QString updatedAt;
};
// nullopt when the SKU is not (or no longer) in the catalog.
std::optional<ProductDetails> productDetails(const QString& catalog, const QString& sku);

// ---- Import --------------------------------------------------------------------------------------
struct ColumnPreview {
    QString column;
    QString field; // "sku", "title", "attribute: color", "ignored", …
    QStringList samples;
};
struct ImportPreview {
    QString format;   // "csv", "tsv", "jsonl"
    QString encoding; // "utf-8", "cp932", …
    QList<ColumnPreview> columns;
    int rows = 0;
    int badRows = 0;
};
ImportPreview previewImport(const QString& file);

struct RejectedRow {
    qint64 row = 0;
    QString file;   // image file or the source file
    QString code;   // stable problem code
    QString reason; // a sentence (from core)
};
struct ImportOutcome {
    bool cancelled = false;
    qint64 inserted = 0, updated = 0, unchanged = 0, rejected = 0;
    QList<RejectedRow> rejectedRows;
    QString encoding;
};
struct ImportRequest {
    QString catalog;
    QString file;
    bool copyImages = true;
    QStringList mapOptions; // "COLUMN=FIELD"
};
ImportOutcome importFile(const ImportRequest& request, const uf::ProgressFn& progress);

// ---- Report --------------------------------------------------------------------------------------
struct BreakdownRow {
    QString group;  // category
    QString key;    // attribute key ("" for the category row)
    QString value;
    qint64 count = 0;
    double share = 0;    // of the group
    double score = -1;   // evaluation figure when known (Recall@10), -1 otherwise
};
struct ReadinessSummary {
    qint64 products = 0, images = 0, withoutImage = 0, withoutDescription = 0, duplicates = 0;
    QMap<QString, double> languageCoverage;
    QList<QPair<QString, qint64>> categories; // category -> products
    QStringList warnings;                     // English, from core
    QList<BreakdownRow> balance;
};
ReadinessSummary readiness(const QString& catalog, const uf::ProgressFn& progress);

// ---- Index and search ----------------------------------------------------------------------------
struct IndexOutcome {
    bool cancelled = false;
    qint64 embedded = 0, total = 0, failed = 0;
    QStringList failures; // the first few, each naming the SKU and the reason
};
IndexOutcome buildIndex(const QString& catalog, const QString& pack, const QString& device,
                        const uf::ProgressFn& progress);
// Whether the catalog has an index to search (files under index/).
bool indexExists(const QString& catalog);

struct SearchRequest {
    QString catalog;
    QString pack;
    QString device;
    QString text;
    QString photoPath;   // a file (dropped, chosen or pasted and saved)
    QString sku;         // "search similar" on a product
    int k = 50;
    QString category;
};
struct SearchHit {
    QString sku;
    QString titleJa, titleEn;
    QString category;
    QString imagePath;
    double score = 0;
};
struct SearchOutcome {
    QList<SearchHit> hits;
    double tookMs = 0;
    QStringList corrections; // spelling slips the query was read past ("caot → coat")
};
SearchOutcome search(const SearchRequest& request);
// Closes what search keeps open for a catalog (index, connections) — after the user opened another
// one. Runs on a worker thread (it closes SQLite connections).
void releaseCatalog(const QString& catalog);

// ---- Generation and captions ---------------------------------------------------------------------
struct GenerateRequest {
    QString catalog;
    QString pack;
    QString device;
    QString prompt;
    QString reference; // SKU or image file, empty: none
    int count = 4;
    std::optional<quint64> seed;
    int steps = 0;     // 0: the model's default (defaultSamplingSteps)
    QString sampler;   // "dpm++2m" or "ddim"; empty: the model's default (defaultSampler)
    double guidance = 2.5;
    std::optional<double> strength; // edits: how much of the reference may change (model default when unset)
    bool draft = false;             // skip the model's upscaler (model::GenerateRequest::draft)
};
// The edit strength the model uses unless told otherwise (1 where generation is not built).
double defaultEditStrength();
// The sampler and step count generation uses unless told otherwise (model::kDefaultSampler, ...).
QString defaultSampler();
int defaultSamplingSteps();
struct GeneratedItem {
    qint64 outputId = 0;
    QString path; // image file
};
struct GenerateOutcome {
    bool cancelled = false;
    QList<GeneratedItem> items;
    quint64 seed = 0;
    QString modelName;
};
GenerateOutcome generate(const GenerateRequest& request, const uf::ProgressFn& progress);

struct CaptionOutcome {
    qint64 outputId = 0;
    QString text;
    QString lang;
};
CaptionOutcome draftDescription(const QString& catalog, const QString& pack, const QString& device, const QString& sku,
                                const QString& lang);

// ---- Audit -----------------------------------------------------------------------------------------
struct AuditItem {
    qint64 id = 0;
    QString kind;   // "image" / "caption"
    QString status; // "pending" / "approved" / "rejected"
    QString imagePath; // absolute, images only
    QString text;      // captions
    QString lang;
    QString referenceSku;
    QString referenceImagePath; // absolute, when the output was made from a product or file
    QString prompt;
    QString model;
    QString provenanceJson;
    QString createdBy, createdAt, decidedBy, decidedAt, comment;
};
QList<AuditItem> listOutputs(const QString& catalog);

struct AuditHistoryEntry {
    qint64 seq = 0;
    QString at, actor, action, payload;
    qint64 outputId = 0;
};
QList<AuditHistoryEntry> auditHistory(const QString& catalog, qint64 outputId /* 0: all */);

enum class Decision { Approve, Reject };
AuditItem decide(const QString& catalog, qint64 id, Decision decision, const QString& comment);

struct VerifyOutcome {
    bool ok = false;
    qint64 entries = 0;
    QString message;  // core's sentence when damaged
    QString headHash;
    QStringList outputIssues;
};
VerifyOutcome verifyAudit(const QString& catalog);

struct ExportOutcome {
    bool cancelled = false;
    int exported = 0;
    QString folder;
    QStringList failures;
};
ExportOutcome exportApproved(const QString& catalog, const QString& folder, const uf::ProgressFn& progress);

// ---- Fine-tuning and evaluation ---------------------------------------------------------------------
struct TrainRequest {
    QString catalog;
    QString initPack;
    QString outPack;
    QString device;
    int steps = 200;
    int minutes = 0; // 0: steps decide
};
struct TrainOutcome {
    bool cancelled = false;
    int steps = 0;
    QString outPack;
};
// loss(step, name, value) and log(line) are called from the worker; the caller forwards them to
// the GUI thread (TasksPage drains them on a 100 ms timer).
TrainOutcome fineTune(const TrainRequest& request, const std::function<void(int, const QString&, double)>& loss,
                      const std::function<void(const QString&)>& log, const uf::ProgressFn& progress);

struct EvalOutcome {
    QStringList kLabels;                           // "R@1", "R@5", "R@10"
    QList<QPair<QString, QList<double>>> recall;   // ("text→image ja", {r1, r5, r10}), …
    QList<BreakdownRow> breakdown;                 // composed Recall@10 per changed attribute, …
    QStringList notes;                             // other headline figures, English
};
EvalOutcome evaluate(const QString& catalog, const QString& pack, const QString& device, const uf::ProgressFn& progress);

} // namespace uf::ui::services
