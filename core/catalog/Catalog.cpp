#include "catalog/Catalog.h"

#include "catalog/Schema.h"
#include "common/Error.h"
#include "common/Files.h"

#include <chrono>
#include <ctime>
#include <sqlite3.h>
#include <unordered_map>

namespace uf::catalog {

std::string nowIso8601()
{
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string Product::computeContentHash() const
{
    // Length-prefixed fields so that no two different products hash alike.
    Sha256 h;
    auto put = [&h](std::string_view s) {
        const std::string len = std::to_string(s.size()) + ":";
        h.update(len);
        h.update(s);
    };
    put(sku);
    put(category);
    for (const auto& [k, v] : title) { put("t"); put(k); put(v); }
    for (const auto& [k, v] : description) { put("d"); put(k); put(v); }
    for (const auto& [k, v] : attributes) { put("a"); put(k); put(v); }
    for (const auto& img : images) { put("i"); put(img.sha256); put(img.storage == ImageStorage::Copied ? "c" : "r"); }
    put(split.value_or(""));
    return h.hexDigest();
}

Catalog::Catalog(const fs::path& folder, OpenMode mode)
    : m_folder(folder)
{
    if (mode == OpenMode::Create) {
        std::error_code ec;
        fs::create_directories(folder, ec);
        if (ec)
            throw StorageError("Cannot create the catalog folder '" + folder.string() + "': " + ec.message());
    } else if (!fs::exists(databasePath())) {
        throw StorageError("No catalog at '" + folder.string() + "' (catalog.sqlite is missing). "
                           "Create one with 'unifashion import' or 'unifashion demo'.");
    }
    m_db = std::make_unique<Database>(databasePath(),
                                      mode == OpenMode::ReadOnly ? Database::Mode::ReadOnly : Database::Mode::ReadWrite);
    if (mode != OpenMode::ReadOnly)
        migrate(*m_db);
}

Catalog::~Catalog() = default;

fs::path Catalog::resolveImage(const ProductImage& image) const
{
    fs::path p(image.path);
    return p.is_absolute() ? p : m_folder / p;
}

int Catalog::schemaVersion() { return static_cast<int>(m_db->queryInt("PRAGMA user_version")); }

UpsertResult Catalog::upsert(Product& product)
{
    if (product.contentHash.empty())
        product.contentHash = product.computeContentHash();
    std::optional<Transaction> own;
    if (sqlite3_get_autocommit(m_db->handle()))
        own.emplace(*m_db);

    Statement find(*m_db, "SELECT id, content_hash, created_at FROM products WHERE sku=?");
    find.bind(1, product.sku);
    const std::string now = nowIso8601();
    UpsertResult result;
    if (find.step()) {
        product.id = find.getInt(0);
        if (find.getText(1) == product.contentHash) {
            if (own)
                own->commit();
            return UpsertResult::Unchanged;
        }
        product.createdAt = find.getText(2);
        product.updatedAt = now;
        Statement up(*m_db, "UPDATE products SET category=?, split=?, source_file=?, source_row=?, content_hash=?, "
                            "updated_at=? WHERE id=?");
        up.bind(1, product.category).bind(2, product.split).bind(3, product.sourceFile).bind(4, product.sourceRow);
        up.bind(5, product.contentHash).bind(6, now).bind(7, product.id).exec();
        for (const char* table : {"product_texts", "product_attributes", "images"}) {
            Statement del(*m_db, std::string("DELETE FROM ") + table + " WHERE product_id=?");
            del.bind(1, product.id).exec();
        }
        result = UpsertResult::Updated;
    } else {
        product.createdAt = product.updatedAt = now;
        Statement ins(*m_db, "INSERT INTO products(sku, category, split, source_file, source_row, content_hash, "
                             "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)");
        ins.bind(1, product.sku).bind(2, product.category).bind(3, product.split).bind(4, product.sourceFile);
        ins.bind(5, product.sourceRow).bind(6, product.contentHash).bind(7, now).bind(8, now).exec();
        product.id = m_db->lastInsertId();
        result = UpsertResult::Inserted;
    }

    std::map<std::string, std::pair<std::string, std::string>> texts;
    for (const auto& [lang, t] : product.title)
        texts[lang].first = t;
    for (const auto& [lang, d] : product.description)
        texts[lang].second = d;
    Statement text(*m_db, "INSERT INTO product_texts(product_id, lang, title, description) VALUES (?,?,?,?)");
    for (const auto& [lang, td] : texts) {
        text.bind(1, product.id).bind(2, lang).bind(3, td.first).bind(4, td.second).exec();
        text.reset();
    }
    Statement attr(*m_db, "INSERT INTO product_attributes(product_id, key, value) VALUES (?,?,?)");
    for (const auto& [k, v] : product.attributes) {
        attr.bind(1, product.id).bind(2, k).bind(3, v).exec();
        attr.reset();
    }
    Statement img(*m_db, "INSERT INTO images(product_id, position, path, storage, sha256, width, height, bytes) "
                         "VALUES (?,?,?,?,?,?,?,?)");
    int position = 0;
    for (const auto& im : product.images) {
        img.bind(1, product.id).bind(2, position++).bind(3, im.path);
        img.bind(4, im.storage == ImageStorage::Copied ? "copied" : "referenced");
        img.bind(5, im.sha256).bind(6, im.width).bind(7, im.height).bind(8, im.bytes).exec();
        img.reset();
    }
    if (own)
        own->commit();
    return result;
}

bool Catalog::remove(const std::string& sku)
{
    Statement del(*m_db, "DELETE FROM products WHERE sku=?");
    del.bind(1, sku).exec();
    return m_db->changes() > 0;
}

namespace {

std::string whereClause(const ProductFilter& f, std::vector<std::string>& binds)
{
    std::string where = " WHERE 1=1";
    if (f.sku) {
        where += " AND p.sku=?";
        binds.push_back(*f.sku);
    }
    if (f.category) {
        where += " AND p.category=?";
        binds.push_back(*f.category);
    }
    if (f.split) {
        where += " AND p.split=?";
        binds.push_back(*f.split);
    }
    for (const auto& [k, v] : f.attributes) {
        where += " AND EXISTS (SELECT 1 FROM product_attributes a WHERE a.product_id=p.id AND a.key=? AND a.value=?)";
        binds.push_back(k);
        binds.push_back(v);
    }
    return where;
}

} // namespace

std::int64_t Catalog::count(const ProductFilter& filter)
{
    std::vector<std::string> binds;
    Statement st(*m_db, "SELECT COUNT(*) FROM products p" + whereClause(filter, binds));
    for (std::size_t i = 0; i < binds.size(); ++i)
        st.bind(static_cast<int>(i + 1), binds[i]);
    return st.step() ? st.getInt(0) : 0;
}

std::vector<Product> Catalog::list(const ProductFilter& filter)
{
    std::vector<std::string> binds;
    std::string sql = "SELECT p.id, p.sku, p.category, p.split, p.source_file, p.source_row, p.content_hash, "
                      "p.created_at, p.updated_at FROM products p"
        + whereClause(filter, binds) + " ORDER BY p.id LIMIT ? OFFSET ?";
    Statement st(*m_db, sql);
    int i = 1;
    for (const auto& b : binds)
        st.bind(i++, b);
    st.bind(i, filter.limit);
    st.bind(i + 1, filter.offset);
    std::vector<Product> out;
    while (st.step()) {
        Product p;
        p.id = st.getInt(0);
        p.sku = st.getText(1);
        p.category = st.getText(2);
        p.split = st.getOptionalText(3);
        p.sourceFile = st.getText(4);
        p.sourceRow = st.getInt(5);
        p.contentHash = st.getText(6);
        p.createdAt = st.getText(7);
        p.updatedAt = st.getText(8);
        out.push_back(std::move(p));
    }
    loadDetails(out);
    return out;
}

void Catalog::loadDetails(std::vector<Product>& products)
{
    if (products.empty())
        return;
    std::unordered_map<std::int64_t, Product*> byId;
    for (auto& p : products)
        byId[p.id] = &p;
    const std::int64_t lo = products.front().id, hi = products.back().id;
    // Products come in id order, so one range scan per table loads every detail.
    Statement texts(*m_db, "SELECT product_id, lang, title, description FROM product_texts WHERE product_id BETWEEN ? AND ?");
    texts.bind(1, lo).bind(2, hi);
    while (texts.step()) {
        auto it = byId.find(texts.getInt(0));
        if (it == byId.end())
            continue;
        const std::string lang = texts.getText(1);
        if (auto t = texts.getText(2); !t.empty())
            it->second->title[lang] = t;
        if (auto d = texts.getText(3); !d.empty())
            it->second->description[lang] = d;
    }
    Statement attrs(*m_db, "SELECT product_id, key, value FROM product_attributes WHERE product_id BETWEEN ? AND ?");
    attrs.bind(1, lo).bind(2, hi);
    while (attrs.step()) {
        auto it = byId.find(attrs.getInt(0));
        if (it != byId.end())
            it->second->attributes[attrs.getText(1)] = attrs.getText(2);
    }
    Statement imgs(*m_db, "SELECT product_id, path, storage, sha256, width, height, bytes FROM images "
                          "WHERE product_id BETWEEN ? AND ? ORDER BY product_id, position");
    imgs.bind(1, lo).bind(2, hi);
    while (imgs.step()) {
        auto it = byId.find(imgs.getInt(0));
        if (it == byId.end())
            continue;
        ProductImage im;
        im.path = imgs.getText(1);
        im.storage = imgs.getText(2) == "copied" ? ImageStorage::Copied : ImageStorage::Referenced;
        im.sha256 = imgs.getText(3);
        im.width = static_cast<int>(imgs.getInt(4));
        im.height = static_cast<int>(imgs.getInt(5));
        im.bytes = imgs.getInt(6);
        it->second->images.push_back(std::move(im));
    }
}

std::optional<Product> Catalog::findBySku(const std::string& sku)
{
    ProductFilter f;
    f.sku = sku;
    auto v = list(f);
    if (v.empty())
        return std::nullopt;
    return std::move(v.front());
}

std::optional<std::string> Catalog::contentHashOf(const std::string& sku)
{
    Statement st(*m_db, "SELECT content_hash FROM products WHERE sku=?");
    st.bind(1, sku);
    if (!st.step())
        return std::nullopt;
    return st.getText(0);
}

void Catalog::forEach(const ProductFilter& filter, const std::function<void(const Product&)>& fn)
{
    constexpr std::int64_t kPage = 2000;
    ProductFilter page = filter;
    std::int64_t remaining = filter.limit;
    page.offset = filter.offset;
    for (;;) {
        page.limit = remaining < 0 ? kPage : std::min(kPage, remaining);
        if (page.limit == 0)
            break;
        auto batch = list(page);
        for (const auto& p : batch)
            fn(p);
        if (static_cast<std::int64_t>(batch.size()) < page.limit)
            break;
        page.offset += static_cast<std::int64_t>(batch.size());
        if (remaining > 0)
            remaining -= static_cast<std::int64_t>(batch.size());
    }
}

std::optional<std::string> Catalog::setting(const std::string& key)
{
    Statement st(*m_db, "SELECT value FROM settings WHERE key=?");
    st.bind(1, key);
    if (!st.step())
        return std::nullopt;
    return st.getText(0);
}

void Catalog::setSetting(const std::string& key, const std::string& value)
{
    Statement st(*m_db, "INSERT INTO settings(key, value) VALUES (?,?) ON CONFLICT(key) DO UPDATE SET value=excluded.value");
    st.bind(1, key).bind(2, value).exec();
}

} // namespace uf::catalog
