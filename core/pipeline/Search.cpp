#include "pipeline/Search.h"

#include "catalog/Catalog.h"
#include "common/Error.h"
#include "imaging/ImageIO.h"
#include "search/EmbeddingStore.h"
#include "text/Encoding.h"
#include "text/FashionVocabulary.h"
#include "text/Normalize.h"
#include "text/QueryText.h"

#include <algorithm>
#include <chrono>
#include <unordered_set>

namespace uf::pipeline {

namespace {

constexpr std::size_t kPooledReaders = 8;

// The catalog keeps English canonical values ("navy"); users may type "紺", "Navy Blue" or "colour".
std::string canonicalKey(const std::string& key)
{
    const std::string k = text::normalize(key);
    return k == "colour" ? std::string("color") : k;
}

std::string canonicalValue(const std::string& key, const std::string& value)
{
    const std::string v = text::normalize(value);
    if (text::isCanonical(key, v))
        return v;
    for (const auto& [k, canonical] : text::findAttributesInText(v))
        if (k == key)
            return canonical;
    return v;
}

// Products passing the category and attribute filters.
search::ProductSet filteredProducts(catalog::Database& db, const SearchRequest& r)
{
    std::string sql = "SELECT p.id FROM products p WHERE 1=1";
    if (r.category)
        sql += " AND p.category = ?";
    for (std::size_t i = 0; i < r.attributes.size(); ++i)
        sql += " AND EXISTS (SELECT 1 FROM product_attributes a WHERE a.product_id = p.id AND a.key = ? AND a.value = ?)";
    catalog::Statement st(db, sql);
    int n = 1;
    if (r.category)
        st.bind(n++, canonicalValue("category", *r.category));
    for (const auto& [key, value] : r.attributes) {
        const std::string k = canonicalKey(key);
        st.bind(n++, k);
        st.bind(n++, canonicalValue(k, value));
    }
    std::vector<std::int64_t> ids;
    while (st.step())
        ids.push_back(st.getInt(0));
    return search::ProductSet(std::move(ids));
}

struct ProductRow {
    std::string sku;
    std::string category;
    std::map<std::string, std::string> titles;
};

std::optional<ProductRow> productRow(catalog::Statement& st, std::int64_t id)
{
    st.reset();
    st.bind(1, id);
    std::optional<ProductRow> row;
    while (st.step()) {
        if (!row) {
            row.emplace();
            row->sku = st.getText(0);
            row->category = st.getText(1);
        }
        if (!st.isNull(2))
            row->titles[st.getText(2)] = st.getText(3);
    }
    return row;
}

std::string pickTitle(const std::map<std::string, std::string>& titles, const std::string& lang)
{
    for (const std::string& l : {lang, std::string("en"), std::string("ja")}) {
        const auto it = titles.find(l);
        if (it != titles.end() && !it->second.empty())
            return it->second;
    }
    for (const auto& [l, t] : titles)
        if (!t.empty())
            return t;
    return {};
}

void checkEmbedding(const model::Embedding& e, int dim, const char* what)
{
    if (e.dim != dim || e.tokens < 1 || e.data.size() != static_cast<std::size_t>(e.tokens) * static_cast<std::size_t>(e.dim))
        throw ModelLoadError(std::string("The model returned a ") + what + " embedding of the wrong shape ("
                             + std::to_string(e.tokens) + " x " + std::to_string(e.dim) + ", the index has dimension "
                             + std::to_string(dim) + ").");
}

} // namespace

SearchService::SearchService(const Options& options, EmbedderFactory embedderFactory)
    : m_catalogDir(options.catalog), m_params(options.params), m_messages(options.messages),
      m_factory(std::move(embedderFactory))
{
    catalog::Catalog cat(m_catalogDir, catalog::Catalog::OpenMode::Existing);
    search::EmbeddingStore store(cat.db());
    if (options.modelHash) {
        m_modelHash = *options.modelHash;
    } else {
        const auto models = store.models();
        if (models.size() == 1) {
            m_modelHash = models.front();
        } else if (models.size() > 1) {
            // Several packs' embeddings (an interrupted re-index): serve the loaded pack's.
            m_modelHash = m_factory ? embedder()->modelHash() : models.front();
        }
    }
    if (!m_modelHash.empty())
        m_index = search::CatalogIndex::load(cat.db(), cat.indexDir(), m_modelHash, m_params, m_messages);
}

SearchService::~SearchService() = default;

std::unique_ptr<SearchService> SearchService::open(const std::filesystem::path& catalog,
                                                   const std::optional<std::filesystem::path>& modelPack,
                                                   model::Device device, const search::SearchParams& params,
                                                   const search::MessageFn& messages)
{
    EmbedderFactory factory = [modelPack, device]() -> std::shared_ptr<search::Embedder> {
        const auto pack = modelPack ? modelPack : model::defaultPackPath();
        if (!pack)
            throw ModelLoadError("No model pack to embed the query: pass --model PACK, or train one with 'unifashion train'.");
        std::shared_ptr<model::UnifiedModel> m = model::UnifiedModel::load(*pack, device);
        return search::makeModelEmbedder(std::move(m));
    };
    Options options;
    options.catalog = catalog;
    options.params = params;
    options.messages = messages;
    std::shared_ptr<search::Embedder> eager;
    if (modelPack) {
        // An explicit pack decides which stored embeddings are served.
        eager = factory();
        options.modelHash = eager->modelHash();
        factory = [eager] { return eager; };
    }
    return std::make_unique<SearchService>(options, factory);
}

std::shared_ptr<search::Embedder> SearchService::embedder() const
{
    std::lock_guard lock(m_embedderMutex);
    if (!m_embedder) {
        if (!m_factory)
            throw ModelLoadError("This query needs the model, and no model pack is available.");
        m_embedder = m_factory();
    }
    return m_embedder;
}

std::shared_ptr<catalog::Catalog> SearchService::reader() const
{
    std::unique_ptr<catalog::Catalog> c;
    {
        std::lock_guard lock(m_poolMutex);
        if (!m_pool.empty()) {
            c = std::move(m_pool.back());
            m_pool.pop_back();
        }
    }
    if (!c)
        c = std::make_unique<catalog::Catalog>(m_catalogDir, catalog::Catalog::OpenMode::ReadOnly);
    // The connection goes back to the pool when the caller is done (readers must not outlive the service).
    return std::shared_ptr<catalog::Catalog>(c.release(), [this](catalog::Catalog* p) {
        std::lock_guard lock(m_poolMutex);
        if (m_pool.size() < kPooledReaders)
            m_pool.emplace_back(p);
        else
            delete p;
    });
}

SearchService::IndexView SearchService::view() const
{
    return IndexView{std::shared_lock(m_indexMutex), m_index.get()};
}

std::size_t SearchService::indexedImages() const
{
    std::shared_lock lock(m_indexMutex);
    return m_index && m_index->images() ? m_index->images()->size() : 0;
}

std::size_t SearchService::indexedTexts() const
{
    std::shared_lock lock(m_indexMutex);
    return m_index && m_index->texts() ? m_index->texts()->size() : 0;
}

std::size_t SearchService::memoryBytes() const
{
    std::shared_lock lock(m_indexMutex);
    return m_index ? m_index->memoryBytes() : 0;
}

void SearchService::refresh(const ProgressFn& progress)
{
    std::unique_lock lock(m_indexMutex);
    catalog::Catalog cat(m_catalogDir, catalog::Catalog::OpenMode::Existing);
    if (m_modelHash.empty()) {
        const auto models = search::EmbeddingStore(cat.db()).models();
        if (models.empty())
            return;
        m_modelHash = models.front();
    }
    if (!m_index)
        m_index = search::CatalogIndex::load(cat.db(), cat.indexDir(), m_modelHash, m_params, m_messages, progress);
    else
        m_index->sync(cat.db(), progress, m_messages);
}

SearchResponse SearchService::search(const SearchRequest& request) const
{
    const auto start = std::chrono::steady_clock::now();
    const bool hasText = request.text && !text::normalize(*request.text).empty();
    const bool hasImage = request.image || request.imagePath || request.sku;
    if (!hasText && !hasImage)
        throw UsageError("Give a query: --text, --image or --sku (with --text for a composed query).");
    if ((request.image ? 1 : 0) + (request.imagePath ? 1 : 0) + (request.sku ? 1 : 0) > 1)
        throw UsageError("Give one reference: a photo or a SKU, not both.");
    if (request.k == 0)
        throw UsageError("k must be at least 1.");

    SearchResponse response;
    response.mode = hasImage ? (hasText ? "composed" : "image") : "text";
    const std::string folded = hasText ? text::normalize(*request.text) : std::string();
    if (hasText)
        response.corrections = text::readQuery(folded).corrections; // the model reads it the same way
    const std::string lang = request.lang ? *request.lang : (hasText ? text::detectLanguage(folded) : std::string("en"));

    auto cat = reader();
    std::optional<search::ProductSet> allowed;
    if (request.category || !request.attributes.empty()) {
        allowed = filteredProducts(cat->db(), request);
        response.matching = static_cast<std::int64_t>(allowed->size());
    }
    std::optional<catalog::Product> reference;
    if (request.sku) {
        reference = cat->findBySku(*request.sku);
        if (!reference)
            throw BadInputError("No product with SKU '" + *request.sku + "' in the catalog.");
    }

    std::shared_lock lock(m_indexMutex);
    const search::SearchIndex* images = m_index ? m_index->images() : nullptr;
    if (!images || images->size() == 0)
        throw UsageError("The catalog has no search index yet. Run 'unifashion index --catalog " + m_catalogDir.string()
                         + "' first.");
    auto checkedEmbedder = [&] {
        auto e = embedder();
        if (e->modelHash() != m_modelHash)
            throw ModelLoadError("The search index was built with model pack " + m_modelHash.substr(0, 12)
                                 + "…, but pack " + e->modelHash().substr(0, 12)
                                 + "… is loaded. Index the catalog with this pack ('unifashion index --model PACK'), "
                                   "or search with the pack the index was built with.");
        return e;
    };
    auto referenceImage = [&]() -> imaging::Image {
        if (request.image)
            return *request.image;
        if (request.imagePath)
            return imaging::loadFile(*request.imagePath);
        if (reference->images.empty())
            throw BadInputError("Product '" + *request.sku + "' has no image to search with.");
        return imaging::loadFile(cat->resolveImage(reference->images.front()));
    };

    const std::size_t extra = reference ? 1 : 0; // the reference itself is not an answer
    const std::size_t fetch = request.k + extra;
    const search::ProductSet* filter = allowed ? &*allowed : nullptr;
    search::SearchStats stats;
    std::vector<search::ScoredProduct> ranked;
    const int dim = images->dim();
    if (response.mode == "text") {
        const auto e = checkedEmbedder()->embedText(folded);
        checkEmbedding(e, dim, "text");
        ranked = images->search(e.data.data(), 1, fetch, filter, &stats);
    } else if (response.mode == "image") {
        std::vector<float> rows;
        int count = 0;
        if (reference && images->vectorsOf(reference->id, rows, count)) {
            // The stored embedding of a catalog product: no model needed.
        } else {
            const auto e = checkedEmbedder()->embedImages({referenceImage()});
            if (e.size() != 1)
                throw ModelLoadError("The model returned no embedding for the photo.");
            checkEmbedding(e.front(), dim, "photo");
            rows = e.front().data;
            count = e.front().tokens;
        }
        ranked = images->search(rows.data(), count, fetch, filter, &stats);
    } else {
        const auto e = checkedEmbedder()->embedComposed(referenceImage(), folded);
        checkEmbedding(e, dim, "composed");
        ranked = search::composedSearch(*images, m_index->texts(), e.data.data(), fetch, request.descriptionWeight, filter,
                                        &stats);
    }
    lock.unlock();
    response.exact = stats.exact;

    catalog::Statement rowQuery(cat->db(), "SELECT p.sku, p.category, t.lang, t.title FROM products p "
                                           "LEFT JOIN product_texts t ON t.product_id = p.id WHERE p.id = ?1");
    for (const auto& r : ranked) {
        if (response.results.size() == request.k)
            break;
        if (reference && r.productId == reference->id)
            continue;
        if (request.minScore && r.score < *request.minScore)
            break; // ranked best first
        const auto row = productRow(rowQuery, r.productId);
        if (!row)
            continue; // removed from the catalog since the index was loaded
        response.results.push_back({r.productId, row->sku, pickTitle(row->titles, lang), row->category, r.score});
    }
    response.tookMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return response;
}

} // namespace uf::pipeline
