#include "common/Services.h"

#include "catalog/Catalog.h"
#include "common/Error.h"
#include "common/Features.h"
#include "common/Paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#if UF_HAVE_INGEST_PREVIEW
#include "ingest/ColumnMap.h"
#include "ingest/SourceReader.h"
#endif
#if UF_HAVE_REPORT
#include "pipeline/CatalogReport.h"
#endif
#if UF_HAVE_AUDIT
#include "audit/AuditLog.h"
#include "pipeline/AuditPipeline.h"
#endif
#if UF_HAVE_GENERATE
#include "pipeline/GeneratePipeline.h"
#endif
#if UF_HAVE_CAPTION
#include "pipeline/CaptionPipeline.h"
#endif
#if UF_HAVE_IMPORT
#include "pipeline/ImportCatalog.h"
#endif
#if UF_HAVE_INDEX
#include "pipeline/Index.h"
#endif
#if UF_HAVE_SEARCH
#include "pipeline/Search.h"
#endif
#if UF_HAVE_INDEX || UF_HAVE_SEARCH || UF_HAVE_GENERATE
#include "model/UnifiedModel.h"
#include "search/Embedder.h"
#endif
#if UF_HAVE_EXPORT
#include "pipeline/ExportPipeline.h"
#endif
#if UF_HAVE_TRAIN
#include "pipeline/TrainPipeline.h"
#endif
#if UF_HAVE_EVAL
#include "pipeline/EvaluatePipeline.h"
#endif

#include <QRegularExpression>
#include <QTemporaryFile>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>

namespace uf::ui::services {

namespace {

using catalog::Catalog;

Catalog openCatalog(const QString& folder) { return Catalog(toPath(folder), Catalog::OpenMode::Existing); }

// A use case that core does not provide yet. The screens check has() first, so reaching this is
// a programming error; the message still tells the user what to do.
[[noreturn, maybe_unused]] void notAvailable(const char* what)
{
    throw uf::UsageError(std::string(what) + " is not available in this build of UniFashion Studio.");
}

#if UF_HAVE_MODEL
model::Device toDevice(const QString& device)
{
    return device == QLatin1String("cuda") ? model::Device::Cuda : model::Device::Cpu;
}

// The pack to use: the one chosen in Settings, else the shipped default (ModelLoadError if none).
std::filesystem::path packPath(const QString& pack)
{
    if (!pack.isEmpty())
        return toPath(pack);
    if (auto p = model::defaultPackPath())
        return *p;
    throw uf::ModelLoadError("No model pack is installed (resources/models/default is missing). Choose a pack in "
                             "Settings or reinstall the application.");
}

// One loaded model per (pack, device), kept for the session: loading costs a second and the
// pack's weights. UnifiedModel serves one thread at a time, so users take its mutex.
struct LoadedModel {
    std::shared_ptr<model::UnifiedModel> model;
    std::mutex use;
};
std::shared_ptr<LoadedModel> loadedModel(const QString& pack, const QString& device)
{
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<LoadedModel>> cache; // guarded by mutex
    const std::filesystem::path path = packPath(pack);
    const std::string key = path.string() + "|" + device.toStdString();
    std::lock_guard lock(mutex);
    auto& slot = cache[key];
    if (!slot) {
        auto loaded = std::make_shared<LoadedModel>();
        loaded->model = model::UnifiedModel::load(path, toDevice(device));
        slot = loaded;
    }
    return slot;
}
#endif

} // namespace

namespace {
std::atomic<int> g_threads{0};
}

void setComputeThreads(int threads) { g_threads.store(std::max(0, threads)); }
int computeThreads() { return g_threads.load(); }

bool has(Feature feature)
{
    switch (feature) {
    case Feature::Model: return UF_HAVE_MODEL != 0;
    case Feature::ImportPreview: return UF_HAVE_INGEST_PREVIEW != 0;
    case Feature::Import: return UF_HAVE_IMPORT != 0;
    case Feature::Report: return UF_HAVE_REPORT != 0;
    case Feature::Index: return UF_HAVE_INDEX != 0;
    case Feature::Search: return UF_HAVE_SEARCH != 0;
    case Feature::Generate: return UF_HAVE_GENERATE != 0;
    case Feature::Caption: return UF_HAVE_CAPTION != 0;
    case Feature::Audit: return UF_HAVE_AUDIT != 0;
    case Feature::Export: return UF_HAVE_EXPORT != 0;
    case Feature::Train: return UF_HAVE_TRAIN != 0;
    case Feature::Evaluate: return UF_HAVE_EVAL != 0;
    }
    return false;
}

// ---- Catalog ---------------------------------------------------------------------------------------

std::optional<ProductDetails> productDetails(const QString& catalogFolder, const QString& sku)
{
    Catalog cat = openCatalog(catalogFolder);
    const auto p = cat.findBySku(toStd(sku));
    if (!p)
        return std::nullopt;
    ProductDetails d;
    d.sku = fromStd(p->sku);
    for (const auto& [lang, t] : p->title)
        d.title.insert(fromStd(lang), fromStd(t));
    for (const auto& [lang, t] : p->description)
        d.description.insert(fromStd(lang), fromStd(t));
    d.category = fromStd(p->category);
    for (const auto& [k, v] : p->attributes)
        d.attributes.insert(fromStd(k), fromStd(v));
    for (const auto& im : p->images)
        d.imagePaths << fromPath(cat.resolveImage(im));
    d.split = p->split ? fromStd(*p->split) : QString();
    if (!p->sourceFile.empty())
        d.source = QStringLiteral("%1:%2").arg(fromStd(p->sourceFile)).arg(p->sourceRow);
    d.updatedAt = fromStd(p->updatedAt);
    return d;
}

// ---- Import --------------------------------------------------------------------------------------

#if UF_HAVE_INGEST_PREVIEW
namespace {
QString fieldName(const ingest::ColumnTarget& t)
{
    using ingest::Field;
    switch (t.field) {
    case Field::Sku: return QStringLiteral("sku");
    case Field::Title: return QStringLiteral("title");
    case Field::TitleJa: return QStringLiteral("title_ja");
    case Field::TitleEn: return QStringLiteral("title_en");
    case Field::Description: return QStringLiteral("description");
    case Field::DescriptionJa: return QStringLiteral("description_ja");
    case Field::DescriptionEn: return QStringLiteral("description_en");
    case Field::Category: return QStringLiteral("category");
    case Field::Image: return QStringLiteral("image");
    case Field::Images: return QStringLiteral("images");
    case Field::Split: return QStringLiteral("split");
    case Field::Attribute: return QStringLiteral("attr:") + fromStd(t.attributeKey);
    case Field::Ignore: return QStringLiteral("ignore");
    }
    return {};
}
} // namespace
#endif

ImportPreview previewImport(const QString& file)
{
#if UF_HAVE_INGEST_PREVIEW
    const ingest::ColumnMapper mapper;
    const ingest::SourceTable table = ingest::readSource(toPath(file), mapper);
    ImportPreview out;
    out.format = QString::fromLatin1(ingest::formatName(table.format));
    out.encoding = QString::fromLatin1(text::encodingName(table.encoding));
    out.rows = static_cast<int>(table.rows.size());
    for (const auto& r : table.rows)
        if (!r.ok())
            ++out.badRows;
    for (const auto& c : table.columns) {
        ColumnPreview cp;
        cp.column = fromStd(c);
        cp.field = fieldName(mapper.target(c));
        out.columns.append(cp);
    }
    // Samples: the first three good rows, read back through the mapped product fields.
    int taken = 0;
    for (const auto& r : table.rows) {
        if (!r.ok() || taken == 3)
            continue;
        ++taken;
        for (auto& cp : out.columns) {
            const auto target = mapper.target(toStd(cp.column));
            const auto& p = r.product;
            auto text = [](const std::map<std::string, std::string>& m) {
                QStringList parts;
                for (const auto& [lang, v] : m)
                    parts << fromStd(v);
                return parts.join(QStringLiteral(" / "));
            };
            QString v;
            switch (target.field) {
            case ingest::Field::Sku: v = fromStd(p.sku); break;
            case ingest::Field::Title:
            case ingest::Field::TitleJa:
            case ingest::Field::TitleEn: v = text(p.title); break;
            case ingest::Field::Description:
            case ingest::Field::DescriptionJa:
            case ingest::Field::DescriptionEn: v = text(p.description); break;
            case ingest::Field::Category: v = fromStd(p.category); break;
            case ingest::Field::Image:
            case ingest::Field::Images: {
                QStringList paths;
                for (const auto& s : r.imagePaths)
                    paths << fromStd(s);
                v = paths.join(QStringLiteral("; "));
                break;
            }
            case ingest::Field::Split: v = p.split ? fromStd(*p.split) : QString(); break;
            case ingest::Field::Attribute: {
                auto it = p.attributes.find(target.attributeKey);
                if (it != p.attributes.end())
                    v = fromStd(it->second);
                break;
            }
            case ingest::Field::Ignore: break;
            }
            cp.samples << v;
        }
    }
    return out;
#else
    Q_UNUSED(file);
    notAvailable("Reading import files");
#endif
}

ImportOutcome importFile(const ImportRequest& request, const uf::ProgressFn& progress)
{
#if UF_HAVE_IMPORT
    Catalog cat = openCatalog(request.catalog);
    pipeline::ImportOptions o;
    o.copyImages = request.copyImages;
    for (const QString& m : request.mapOptions)
        o.maps.push_back(toStd(m));
    const pipeline::ImportSummary r = pipeline::importFile(cat, toPath(request.file), o, progress);
    ImportOutcome out;
    out.cancelled = r.cancelled;
    out.inserted = r.imported;
    out.updated = r.updated;
    out.unchanged = r.unchanged;
    out.rejected = r.failed;
    out.encoding = fromStd(r.encoding);
    for (const auto& e : r.errors)
        out.rejectedRows.append({e.row, fromStd(e.file), fromStd(e.code), fromStd(e.reason)});
    return out;
#else
    Q_UNUSED(request);
    Q_UNUSED(progress);
    notAvailable("Import");
#endif
}

// ---- Report --------------------------------------------------------------------------------------

ReadinessSummary readiness(const QString& catalogFolder, const uf::ProgressFn& progress)
{
#if UF_HAVE_REPORT
    Catalog cat = openCatalog(catalogFolder);
    const pipeline::ReadinessReport r = pipeline::readinessReport(cat, 300, progress);
    ReadinessSummary out;
    out.products = r.info.products;
    out.images = r.info.images;
    out.withoutImage = r.info.withoutImage;
    out.withoutDescription = r.info.withoutDescription;
    out.duplicates = static_cast<qint64>(r.info.duplicateImages.size());
    for (const auto& [lang, share] : r.languageCoverage)
        out.languageCoverage.insert(fromStd(lang), share);
    for (const auto& c : r.categories)
        out.categories.append({fromStd(c.category), c.products});
    for (const auto& w : r.warnings)
        out.warnings << fromStd(w);
    for (const auto& b : r.attributeBalance) {
        std::int64_t sum = 0;
        for (const auto& [v, n] : b.counts)
            sum += n;
        for (const auto& [v, n] : b.counts) {
            BreakdownRow row;
            row.group = fromStd(b.category);
            row.key = fromStd(b.key);
            row.value = fromStd(v);
            row.count = n;
            row.share = sum > 0 ? static_cast<double>(n) / static_cast<double>(sum) : 0.0;
            out.balance.append(row);
        }
    }
    return out;
#else
    Q_UNUSED(catalogFolder);
    Q_UNUSED(progress);
    notAvailable("The data-readiness report");
#endif
}

// ---- Index and search ----------------------------------------------------------------------------

#if UF_HAVE_SEARCH
namespace {
// Open search services, one per (catalog, pack, device): opening verifies the index files and
// the model loads on the first text or photo query, so both are kept. search() is thread-safe.
std::mutex& searchMutex()
{
    static std::mutex m;
    return m;
}
std::map<std::string, std::shared_ptr<pipeline::SearchService>>& searchServices() // guarded by searchMutex()
{
    static std::map<std::string, std::shared_ptr<pipeline::SearchService>> services;
    return services;
}
std::string searchKey(const QString& catalogFolder, const QString& pack, const QString& device)
{
    return toStd(catalogFolder) + "|" + toStd(pack) + "|" + toStd(device);
}
// Drops the services of a catalog so the next search reopens its (rebuilt) index.
void forgetSearch(const QString& catalogFolder)
{
    std::lock_guard lock(searchMutex());
    auto& all = searchServices();
    const std::string prefix = toStd(catalogFolder) + "|";
    for (auto it = all.begin(); it != all.end();)
        it = it->first.rfind(prefix, 0) == 0 ? all.erase(it) : std::next(it);
}
} // namespace
#endif

IndexOutcome buildIndex(const QString& catalogFolder, const QString& pack, const QString& device,
                        const uf::ProgressFn& progress)
{
#if UF_HAVE_INDEX
    auto loaded = loadedModel(pack, device);
    auto embedder = search::makeModelEmbedder(loaded->model); // serialises model calls itself
    Catalog cat = openCatalog(catalogFolder);
    const pipeline::IndexReport r = pipeline::indexCatalog(cat, *embedder, {}, progress);
#if UF_HAVE_SEARCH
    forgetSearch(catalogFolder);
#endif
    IndexOutcome out;
    out.cancelled = r.status == JobStatus::Cancelled;
    out.embedded = r.imagesEmbedded;
    out.total = r.products;
    out.failed = r.failed;
    for (const auto& f : r.failures)
        out.failures << fromStd(f);
    return out;
#else
    Q_UNUSED(catalogFolder);
    Q_UNUSED(pack);
    Q_UNUSED(device);
    Q_UNUSED(progress);
    notAvailable("Indexing");
#endif
}

bool indexExists(const QString& catalogFolder)
{
    const QDir dir(QDir(catalogFolder).filePath(QStringLiteral("index")));
    return dir.exists() && !dir.entryList(QDir::Files | QDir::NoDotAndDotDot).isEmpty();
}

void releaseCatalog(const QString& catalogFolder)
{
#if UF_HAVE_SEARCH
    forgetSearch(catalogFolder);
#else
    Q_UNUSED(catalogFolder);
#endif
}

SearchOutcome search(const SearchRequest& request)
{
#if UF_HAVE_SEARCH
    std::shared_ptr<pipeline::SearchService> service;
    {
        std::lock_guard lock(searchMutex());
        auto& slot = searchServices()[searchKey(request.catalog, request.pack, request.device)];
        if (!slot) {
            std::optional<std::filesystem::path> pack;
            if (!request.pack.isEmpty())
                pack = toPath(request.pack);
            slot = pipeline::SearchService::open(toPath(request.catalog), pack, toDevice(request.device));
        }
        service = slot;
    }
    pipeline::SearchRequest q;
    if (!request.text.trimmed().isEmpty())
        q.text = toStd(request.text.trimmed());
    if (!request.photoPath.isEmpty())
        q.imagePath = toPath(request.photoPath);
    if (!request.sku.isEmpty())
        q.sku = toStd(request.sku);
    q.k = static_cast<std::size_t>(std::max(1, request.k));
    if (!request.category.isEmpty())
        q.category = toStd(request.category);
    const pipeline::SearchResponse r = service->search(q);

    // Both titles and the photo for the grid, read through the service's pooled connection.
    SearchOutcome out;
    out.tookMs = r.tookMs;
    for (const auto& c : r.corrections)
        out.corrections << fromStd(c);
    std::shared_ptr<Catalog> reader = service->reader();
    for (const auto& h : r.results) {
        SearchHit hit;
        hit.sku = fromStd(h.sku);
        hit.category = fromStd(h.category);
        hit.score = h.score;
        if (auto p = reader->findBySku(h.sku)) {
            if (auto it = p->title.find("ja"); it != p->title.end())
                hit.titleJa = fromStd(it->second);
            if (auto it = p->title.find("en"); it != p->title.end())
                hit.titleEn = fromStd(it->second);
            if (!p->images.empty())
                hit.imagePath = fromPath(reader->resolveImage(p->images.front()));
        }
        if (hit.titleJa.isEmpty() && hit.titleEn.isEmpty())
            hit.titleEn = fromStd(h.title);
        out.hits.append(hit);
    }
    return out;
#else
    Q_UNUSED(request);
    notAvailable("Search");
#endif
}

// ---- Generation and captions ---------------------------------------------------------------------

double defaultEditStrength()
{
#if UF_HAVE_GENERATE
    return model::kDefaultEditStrength;
#else
    return 1.0;
#endif
}

QString defaultSampler()
{
#if UF_HAVE_GENERATE
    return QString::fromLatin1(model::kDefaultSampler);
#else
    return QStringLiteral("ddim");
#endif
}

int defaultSamplingSteps()
{
#if UF_HAVE_GENERATE
    return model::kDefaultSamplingSteps;
#else
    return 25;
#endif
}

GenerateOutcome generate(const GenerateRequest& request, const uf::ProgressFn& progress)
{
#if UF_HAVE_GENERATE
    pipeline::GenerateOptions o;
    o.catalogDir = toPath(request.catalog);
    o.prompt = toStd(request.prompt);
    if (!request.reference.isEmpty())
        o.reference = toStd(request.reference);
    o.count = request.count;
    if (request.seed)
        o.seed = *request.seed;
    if (request.steps > 0)
        o.steps = request.steps;
    if (!request.sampler.isEmpty())
        o.sampler = toStd(request.sampler);
    o.guidance = static_cast<float>(request.guidance);
    if (request.strength)
        o.strength = static_cast<float>(*request.strength);
    o.draft = request.draft;
    if (!request.pack.isEmpty())
        o.modelPack = toPath(request.pack);
    o.device = toStd(request.device.isEmpty() ? QStringLiteral("cpu") : request.device);
    auto loaded = loadedModel(request.pack, request.device);
    Catalog cat = openCatalog(request.catalog);
    std::lock_guard lock(loaded->use);
    const pipeline::GenerateResult r = pipeline::generateImages(*loaded->model, cat, o, progress);
    GenerateOutcome out;
    out.cancelled = r.status == JobStatus::Cancelled;
    out.seed = r.seed;
    out.modelName = fromStd(r.modelName);
    for (const auto& s : r.outputs)
        out.items.append({s.id, fromPath(s.path)});
    return out;
#else
    Q_UNUSED(request);
    Q_UNUSED(progress);
    notAvailable("Generation");
#endif
}

CaptionOutcome draftDescription(const QString& catalogFolder, const QString& pack, const QString& device,
                                const QString& sku, const QString& lang)
{
#if UF_HAVE_CAPTION
    pipeline::CaptionOptions o;
    o.catalogDir = toPath(catalogFolder);
    o.sku = toStd(sku);
    o.lang = toStd(lang);
    if (!pack.isEmpty())
        o.modelPack = toPath(pack);
    o.device = toStd(device.isEmpty() ? QStringLiteral("cpu") : device);
    auto loaded = loadedModel(pack, device);
    Catalog cat = openCatalog(catalogFolder);
    std::lock_guard lock(loaded->use);
    const generation::StoredOutput s = pipeline::captionImage(*loaded->model, cat, o);
    return {s.id, fromStd(s.text), fromStd(s.lang)};
#else
    Q_UNUSED(catalogFolder);
    Q_UNUSED(pack);
    Q_UNUSED(device);
    Q_UNUSED(sku);
    Q_UNUSED(lang);
    notAvailable("Description drafts");
#endif
}

// ---- Audit -----------------------------------------------------------------------------------------

#if UF_HAVE_AUDIT
namespace {
AuditItem toItem(Catalog& cat, const audit::GeneratedOutput& o)
{
    AuditItem it;
    it.id = o.id;
    it.kind = QString::fromLatin1(audit::kindName(o.kind));
    it.status = QString::fromLatin1(audit::statusName(o.status));
    if (!o.path.empty()) {
        const std::filesystem::path p(o.path);
        it.imagePath = fromPath(p.is_absolute() ? p : cat.folder() / p);
    }
    it.text = fromStd(o.text);
    it.lang = fromStd(o.lang);
    it.referenceSku = fromStd(o.referenceSku);
    it.provenanceJson = fromStd(o.provenance);
    it.createdBy = fromStd(o.createdBy);
    it.createdAt = fromStd(o.createdAt);
    it.decidedBy = fromStd(o.decidedBy);
    it.decidedAt = fromStd(o.decidedAt);
    it.comment = fromStd(o.decisionComment);
    const QJsonObject prov = QJsonDocument::fromJson(it.provenanceJson.toUtf8()).object();
    it.prompt = prov.value(QStringLiteral("prompt")).toString();
    it.model = prov.value(QStringLiteral("model")).toObject().value(QStringLiteral("name")).toString();
    const QJsonObject ref = prov.value(QStringLiteral("reference")).toObject();
    const QString refType = ref.value(QStringLiteral("type")).toString();
    if (refType == QLatin1String("product") || refType == QLatin1String("file")) {
        QString refPath = ref.value(refType == QLatin1String("product") ? QStringLiteral("image_path")
                                                                          : QStringLiteral("path"))
                              .toString();
        if (!refPath.isEmpty() && QFileInfo(refPath).isRelative())
            refPath = QDir(fromPath(cat.folder())).filePath(refPath);
        it.referenceImagePath = refPath;
    }
    return it;
}
} // namespace
#endif

QList<AuditItem> listOutputs(const QString& catalogFolder)
{
#if UF_HAVE_AUDIT
    Catalog cat = openCatalog(catalogFolder);
    QList<AuditItem> out;
    for (const auto& o : pipeline::listOutputs(cat))
        out.append(toItem(cat, o));
    return out;
#else
    Q_UNUSED(catalogFolder);
    notAvailable("The review queue");
#endif
}

QList<AuditHistoryEntry> auditHistory(const QString& catalogFolder, qint64 outputId)
{
#if UF_HAVE_AUDIT
    Catalog cat = openCatalog(catalogFolder);
    audit::AuditLog log(cat.db());
    const auto entries = outputId > 0 ? log.entriesFor(outputId) : log.entries();
    QList<AuditHistoryEntry> out;
    for (const auto& e : entries)
        out.append({e.seq, fromStd(e.at), fromStd(e.actor), fromStd(e.action), fromStd(e.payload),
                    e.outputId.value_or(0)});
    return out;
#else
    Q_UNUSED(catalogFolder);
    Q_UNUSED(outputId);
    notAvailable("The audit log");
#endif
}

AuditItem decide(const QString& catalogFolder, qint64 id, Decision decision, const QString& comment)
{
#if UF_HAVE_AUDIT
    Catalog cat = openCatalog(catalogFolder);
    const audit::Actor actor = audit::currentActor();
    const audit::DecisionOutcome r = decision == Decision::Approve
        ? pipeline::approveOutput(cat, id, actor, toStd(comment))
        : pipeline::rejectOutput(cat, id, actor, toStd(comment));
    return toItem(cat, r.output);
#else
    Q_UNUSED(catalogFolder);
    Q_UNUSED(id);
    Q_UNUSED(decision);
    Q_UNUSED(comment);
    notAvailable("Review decisions");
#endif
}

VerifyOutcome verifyAudit(const QString& catalogFolder)
{
#if UF_HAVE_AUDIT
    Catalog cat = openCatalog(catalogFolder);
    const pipeline::AuditVerifyResult r = pipeline::verifyAudit(cat);
    VerifyOutcome out;
    out.ok = r.ok();
    out.entries = r.chain.entries;
    out.message = fromStd(r.chain.message);
    out.headHash = fromStd(r.chain.headHash);
    for (const auto& i : r.outputs)
        out.outputIssues << QStringLiteral("#%1: %2").arg(i.outputId).arg(fromStd(i.problem));
    return out;
#else
    Q_UNUSED(catalogFolder);
    notAvailable("Verifying the audit log");
#endif
}

ExportOutcome exportApproved(const QString& catalogFolder, const QString& folder, const uf::ProgressFn& progress)
{
#if UF_HAVE_EXPORT
    pipeline::ExportOptions o;
    o.catalogDir = toPath(catalogFolder);
    o.outDir = toPath(folder);
    o.status = audit::OutputStatus::Approved;
    const pipeline::ExportResult r = pipeline::exportOutputs(o, progress);
    ExportOutcome out;
    out.exported = static_cast<int>(r.exported.size());
    out.folder = folder;
    out.cancelled = r.status == JobStatus::Cancelled;
    for (const auto& f : r.failures)
        out.failures << QStringLiteral("#%1: %2").arg(f.id).arg(fromStd(f.reason));
    return out;
#else
    Q_UNUSED(catalogFolder);
    Q_UNUSED(folder);
    Q_UNUSED(progress);
    notAvailable("Export");
#endif
}

// ---- Fine-tuning and evaluation ---------------------------------------------------------------------

#if UF_HAVE_TRAIN
// The trainer reports progress lines such as
//   "phase 2 [composed] step 120/300 (40%) composed 0.512 edit 0.231 | 1.20 s/step | …";
// the named losses between "%)" and "|" become points of the live plot.
bool parseTrainLog(const QString& line, int& step, QList<QPair<QString, double>>& losses)
{
    static const QRegularExpression stepRe(QStringLiteral("\\bstep (\\d+)"));
    const auto m = stepRe.match(line);
    const int open = static_cast<int>(line.indexOf(QStringLiteral("%)")));
    if (!m.hasMatch() || open < 0)
        return false;
    step = m.captured(1).toInt();
    int end = static_cast<int>(line.indexOf(QLatin1Char('|'), open));
    const QStringList parts = line.mid(open + 2, end < 0 ? -1 : end - open - 2).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (int i = 0; i + 1 < parts.size(); i += 2) {
        bool ok = false;
        const double v = parts[i + 1].toDouble(&ok);
        if (ok)
            losses.append({parts[i], v});
    }
    return !losses.isEmpty();
}
#endif

TrainOutcome fineTune(const TrainRequest& request, const std::function<void(int, const QString&, double)>& loss,
                      const std::function<void(const QString&)>& log, const uf::ProgressFn& progress)
{
#if UF_HAVE_TRAIN
    pipeline::TrainOptions o;
    o.catalogDir = toPath(request.catalog);
    o.phase = 2;
    o.init = packPath(request.initPack);
    o.out = toPath(request.outPack);
    o.steps = request.steps;
    if (request.minutes > 0)
        o.minutes = request.minutes;
    o.device = toStd(request.device.isEmpty() ? QStringLiteral("cpu") : request.device);
    o.threads = computeThreads();
    // The trainer reports losses in its progress lines every logSeconds (10 s by default); the
    // live plot asks for a line every second. Everything else keeps the built-in recipe, as the
    // CLI's `unifashion train --phase 2` without --config.
    QTemporaryFile config(QDir::tempPath() + QStringLiteral("/uf-finetune-XXXXXX.json"));
    if (config.open()) {
        config.write(R"({"train": {"logSeconds": 1}})");
        config.close();
        o.configFile = toPath(config.fileName());
    }
    const training::TrainOutcome r = pipeline::trainModel(
        o,
        [&loss, &log](const std::string& line) {
            const QString text = fromStd(line);
            int step = 0;
            QList<QPair<QString, double>> values;
            if (parseTrainLog(text, step, values)) {
                for (const auto& [name, v] : values)
                    loss(step, name, v);
            } else if (log) {
                log(text);
            }
        },
        progress);
    TrainOutcome out;
    out.cancelled = r.status == JobStatus::Cancelled;
    out.steps = static_cast<int>(r.steps);
    out.outPack = fromPath(r.pack.empty() ? o.out : r.pack);
    return out;
#else
    Q_UNUSED(request);
    Q_UNUSED(loss);
    Q_UNUSED(log);
    Q_UNUSED(progress);
    notAvailable("Fine-tuning");
#endif
}

EvalOutcome evaluate(const QString& catalogFolder, const QString& pack, const QString& device,
                     const uf::ProgressFn& progress)
{
#if UF_HAVE_EVAL
    // The window's evaluation measures search quality; generation and caption figures (minutes
    // of CPU) stay with `unifashion eval`. Nothing is written into the pack from here.
    eval::EvalOptions o;
    o.catalogDir = toPath(catalogFolder);
    o.device = toStd(device.isEmpty() ? QStringLiteral("cpu") : device);
    o.generateCount = 0;
    o.editCount = 0;
    o.diversityPrompts = 0;
    o.captionLimit = 0;
    o.store = false;
    o.threads = computeThreads();
    std::optional<std::filesystem::path> packPath;
    if (!pack.isEmpty())
        packPath = toPath(pack);
    const eval::EvalResult r = pipeline::evaluateModel(o, packPath, {}, progress);
    const nlohmann::json& f = r.figures;
    EvalOutcome out;
    out.kLabels = {QStringLiteral("R@1"), QStringLiteral("R@5"), QStringLiteral("R@10")};
    if (f.contains("retrieval")) {
        for (const auto& [lang, byDir] : f["retrieval"].items()) {
            for (const char* dir : {"text_to_image", "image_to_text"}) {
                if (!byDir.contains(dir))
                    continue;
                QList<double> values;
                for (const char* k : {"R@1", "R@5", "R@10"})
                    values << byDir[dir].value(k, 0.0);
                const QString name = QString::fromLatin1(std::string_view(dir) == "text_to_image" ? "text→image" : "image→text");
                out.recall.append({name + QLatin1Char(' ') + fromStd(lang), values});
            }
        }
    }
    if (f.contains("composed") && f["composed"].contains("recall_at_10_by_changed_key")) {
        for (const auto& [key, v] : f["composed"]["recall_at_10_by_changed_key"].items()) {
            BreakdownRow row;
            row.group = QStringLiteral("composed");
            row.key = fromStd(key);
            row.count = v.value("triplets", 0);
            row.score = v.value("recall_at_10", -1.0);
            out.breakdown.append(row);
        }
        out.notes << QStringLiteral("composed Recall@10 %1").arg(f["composed"].value("recall_at_10", 0.0), 0, 'f', 3);
    }
    if (f.contains("image_to_image"))
        out.notes << QStringLiteral("image→image category P@10 %1, category+colour P@10 %2")
                         .arg(f["image_to_image"].value("category_p_at_10", 0.0), 0, 'f', 3)
                         .arg(f["image_to_image"].value("category_color_p_at_10", 0.0), 0, 'f', 3);
    return out;
#else
    Q_UNUSED(catalogFolder);
    Q_UNUSED(pack);
    Q_UNUSED(device);
    Q_UNUSED(progress);
    notAvailable("Evaluation");
#endif
}

} // namespace uf::ui::services
