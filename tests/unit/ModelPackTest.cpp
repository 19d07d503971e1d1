// Model packs: a saved pack loads with identical embeddings (also after a rewrite through the
// saver), the façade's answers are deterministic, and damaged, truncated, mismatched and foreign
// packs are refused with a ModelLoadError that says what is wrong — never a crash.
#include "TinyCatalog.h"
#include "TestSupport.h"

#include "common/Error.h"
#include "common/Files.h"
#include "model/UnifiedModel.h"
#include "model_io/ModelPack.h"
#include "model_io/PackTools.h"

#include <QtTest>
#include <fstream>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using uf::model::UnifiedModel;

class ModelPackTest : public QObject {
    Q_OBJECT

    std::unique_ptr<uftest::TempDir> m_dir;
    fs::path m_pack;

    fs::path copyPack(const std::string& name)
    {
        const fs::path to = *m_dir / name;
        fs::remove_all(to);
        fs::copy(m_pack, to, fs::copy_options::recursive);
        return to;
    }

    static nlohmann::json readJson(const fs::path& p) { return nlohmann::json::parse(uf::readFileText(p)); }
    static void writeJson(const fs::path& p, const nlohmann::json& j) { uf::writeFileAtomic(p, j.dump(2)); }

    // Loading must fail with a ModelLoadError whose message contains `needle`.
    static void expectRefused(const fs::path& pack, const std::string& needle)
    {
        try {
            UnifiedModel::load(pack);
        } catch (const uf::ModelLoadError& e) {
            const std::string msg = e.what();
            QVERIFY2(msg.find(needle) != std::string::npos, ("message lacks '" + needle + "': " + msg).c_str());
            return;
        } catch (const std::exception& e) {
            QFAIL((std::string("wrong exception type: ") + e.what()).c_str());
        }
        QFAIL(("pack was accepted: " + pack.string()).c_str());
    }

    static std::vector<float> flat(const std::vector<uf::model::Embedding>& es)
    {
        std::vector<float> out;
        for (const auto& e : es)
            out.insert(out.end(), e.data.begin(), e.data.end());
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dir = std::make_unique<uftest::TempDir>();
        uftest::makeTinyCatalog(*m_dir / "catalog");
        m_pack = *m_dir / "pack";
        const auto out = uftest::trainTiny(*m_dir / "catalog", m_pack, 1, 8);
        QCOMPARE(out.status, uf::JobStatus::Completed);
    }

    void infoDescribesThePack()
    {
        auto m = UnifiedModel::load(m_pack);
        const auto& info = m->info();
        QCOMPARE(info.imageSize, 32);
        QCOMPARE(info.outputSize, 32);
        QCOMPARE(info.numQueries, 4);
        QCOMPARE(info.embedDim, 32);
        QCOMPARE(info.phase, 1);
        QCOMPARE(QString::fromStdString(info.packSha256), QString::fromStdString(uf::sha256File(m_pack / "manifest.json")));
    }

    void saveLoadGivesIdenticalEmbeddings()
    {
        const std::vector<uf::imaging::Image> images = {uftest::drawGarment("dress", "red", "plain", 0),
                                                        uftest::drawGarment("bag", "navy", "stripes", 1)};
        auto a = UnifiedModel::load(m_pack);
        auto b = UnifiedModel::load(m_pack);
        const auto ea = a->embedImages(images);
        QCOMPARE(ea.size(), std::size_t(2));
        QCOMPARE(ea[0].tokens, 4);
        QCOMPARE(ea[0].dim, 32);
        float norm = 0;
        for (int k = 0; k < ea[0].dim; ++k)
            norm += ea[0].data[k] * ea[0].data[k];
        QVERIFY(std::abs(norm - 1.0f) < 1e-4f);
        QCOMPARE(flat(b->embedImages(images)), flat(ea));
        QCOMPARE(b->embedText("紺のストライプ ワンピース").data, a->embedText("紺のストライプ ワンピース").data);

        // Through the saver again: the rewritten pack answers bit-identically.
        const fs::path copy = *m_dir / "rewritten";
        uf::model_io::rewritePack(m_pack, copy);
        auto c = UnifiedModel::load(copy);
        QCOMPARE(flat(c->embedImages(images)), flat(ea));
        QCOMPARE(c->embedText("red dress").data, a->embedText("red dress").data);
        QCOMPARE(c->embedComposed(images[0], "in navy").data, a->embedComposed(images[0], "in navy").data);
    }

    void generateIsDeterministic()
    {
        auto m = UnifiedModel::load(m_pack);
        uf::model::GenerateRequest r;
        r.prompt = "red dress";
        r.count = 2;
        r.seed = 5;
        r.steps = 4;
        const auto x = m->generate(r);
        QCOMPARE(x.size(), std::size_t(2));
        QCOMPARE(x[0].width, 32);
        QCOMPARE(m->generate(r)[1].rgb, x[1].rgb);
        r.seed = 6;
        QVERIFY(m->generate(r)[0].rgb != x[0].rgb);
        r.reference = uftest::drawGarment("dress", "red", "plain", 0);
        r.prompt = "in navy";
        QCOMPARE(m->generate(r).size(), std::size_t(2));
        r.sampler = "euler";
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError, m->generate(r));
        // Cancellation through progress returns fewer images, not an error.
        r.sampler = "ddim";
        QVERIFY(m->generate(r, [](std::int64_t, std::int64_t) { return false; }).empty());
        // Captions are text in either language (a few steps of training say little about quality).
        (void)m->caption(uftest::drawGarment("bag", "green", "plain", 0), "ja");
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError, m->caption(uftest::drawGarment("bag", "green", "plain", 0), "fr"));
    }

    void damagedPackIsRefused()
    {
        const auto p = copyPack("damaged");
        auto bytes = uf::readFileBytes(p / "qformer.pt");
        bytes[bytes.size() / 2] ^= 0x40;
        uf::writeFileAtomic(p / "qformer.pt", bytes);
        expectRefused(p, "damaged");
    }

    void truncatedPackIsRefused()
    {
        const auto p = copyPack("truncated");
        fs::resize_file(p / "unet.pt", fs::file_size(p / "unet.pt") / 2);
        expectRefused(p, "truncated");
        const auto q = copyPack("missing");
        fs::remove(q / "lm.pt");
        expectRefused(q, "missing");
    }

    void mismatchedPackIsRefused()
    {
        // Config says another width than the weights have.
        const auto p = copyPack("mismatched-config");
        auto j = readJson(p / "manifest.json");
        j["model"]["qformer"]["dim"] = 64;
        j["model"]["qformer"]["heads"] = 2;
        writeJson(p / "manifest.json", j);
        expectRefused(p, "mismatched");
        // Tokenizer and config disagree on the vocabulary.
        const auto q = copyPack("mismatched-tokenizer");
        auto k = readJson(q / "manifest.json");
        k["tokenizer"]["tokens"].erase(k["tokenizer"]["tokens"].size() - 1);
        writeJson(q / "manifest.json", k);
        expectRefused(q, "tokens");
        // Another pack's weights file with a correct hash.
        const auto r = copyPack("mismatched-file");
        fs::copy_file(r / "lm.pt", r / "qformer.pt", fs::copy_options::overwrite_existing);
        auto m = readJson(r / "manifest.json");
        m["files"]["qformer.pt"]["sha256"] = uf::sha256File(r / "qformer.pt");
        m["files"]["qformer.pt"]["bytes"] = fs::file_size(r / "qformer.pt");
        writeJson(r / "manifest.json", m);
        expectRefused(r, "mismatched");
        // Bytes that are no weights file at all, with a matching hash: torch must not crash us.
        const auto s = copyPack("garbage-weights");
        uf::writeFileAtomic(s / "adapters.pt", std::string(4096, 'x'));
        auto g = readJson(s / "manifest.json");
        g["files"]["adapters.pt"]["sha256"] = uf::sha256File(s / "adapters.pt");
        g["files"]["adapters.pt"]["bytes"] = 4096;
        writeJson(s / "manifest.json", g);
        expectRefused(s, "not a weights file");
    }

    void foreignPackIsRefused()
    {
        expectRefused(*m_dir / "does-not-exist", "not found");
        const fs::path empty = *m_dir / "empty-dir";
        fs::create_directories(empty);
        expectRefused(empty, "no manifest.json");
        const fs::path file = *m_dir / "a-file";
        uf::writeFileAtomic(file, std::string("hello"));
        expectRefused(file, "not a model pack folder");
        const fs::path foreign = *m_dir / "foreign";
        fs::create_directories(foreign);
        writeJson(foreign / "manifest.json", {{"name", "something else"}, {"files", {{"x", 1}}}});
        expectRefused(foreign, "not a UniFashion model pack");
        const fs::path notJson = *m_dir / "not-json";
        fs::create_directories(notJson);
        uf::writeFileAtomic(notJson / "manifest.json", std::string("{\"format\": \"unifashion-model-pack\", "));
        expectRefused(notJson, "not valid JSON");
        const auto newer = copyPack("newer");
        auto j = readJson(newer / "manifest.json");
        j["format_version"] = 99;
        writeJson(newer / "manifest.json", j);
        expectRefused(newer, "newer");
        const auto escape = copyPack("escape");
        auto e = readJson(escape / "manifest.json");
        e["files"]["../catalog/catalog.sqlite"] = {{"role", "other"}, {"bytes", 1}, {"sha256", "00"}};
        writeJson(escape / "manifest.json", e);
        expectRefused(escape, "outside the pack");
    }

    void writingNeverReplacesAForeignFolder()
    {
        const fs::path precious = *m_dir / "precious";
        fs::create_directories(precious);
        uf::writeFileAtomic(precious / "notes.txt", std::string("keep me"));
        QVERIFY_THROWS_EXCEPTION(uf::StorageError, uf::model_io::rewritePack(m_pack, precious));
        QCOMPARE(uf::readFileText(precious / "notes.txt"), std::string("keep me"));
        // Replacing an existing pack is fine, and atomic: no staging folders are left behind.
        const fs::path target = *m_dir / "target";
        uf::model_io::rewritePack(m_pack, target);
        uf::model_io::rewritePack(m_pack, target, /*half=*/true);
        QVERIFY(fs::file_size(target / "unet.pt") < fs::file_size(m_pack / "unet.pt"));
        (void)UnifiedModel::load(target);
        for (const auto& e : fs::directory_iterator(m_dir->path()))
            QVERIFY2(e.path().filename().string().find(".staging-") == std::string::npos, e.path().c_str());
    }
};

QTEST_GUILESS_MAIN(ModelPackTest)
#include "ModelPackTest.moc"
