// Generation and captions: storage with full provenance through generation::storeImages (real
// images made here, no model), all-or-nothing batches, outputs kept apart from products; and with
// the default model pack when it exists: determinism by seed, the generate/caption CLI flows, a
// product edit's provenance, and a cancelled call storing nothing (skipped until a pack ships).
#include "TestSupport.h"
#include "audit/AuditLog.h"
#include "audit/Review.h"
#include "catalog/Catalog.h"
#include "common/BuildInfo.h"
#include "common/Error.h"
#include "common/Files.h"
#include "generation/Provenance.h"
#include "imaging/ImageIO.h"
#include "model/UnifiedModel.h"
#include "pipeline/AuditPipeline.h"
#include "pipeline/CaptionPipeline.h"
#include "pipeline/GeneratePipeline.h"

#include <QtTest>

#include <nlohmann/json.hpp>

using namespace uf;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

imaging::Image checker(int variant, int side = 32)
{
    imaging::Image im;
    im.width = im.height = side;
    im.rgb.resize(static_cast<std::size_t>(side) * side * 3);
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            auto* p = im.row(y) + x * 3;
            const bool on = ((x / 4) + (y / 4) + variant) % 2 == 0;
            p[0] = on ? 230 : 10;
            p[1] = static_cast<std::uint8_t>(variant * 50);
            p[2] = on ? 10 : 200;
        }
    return im;
}

// A catalog with one product SKU-1 whose image is a real PNG.
// Mean absolute difference of two images' bytes (the second resized to the first's size).
double meanAbsDifference(const imaging::Image& a, const imaging::Image& b)
{
    const auto r = (b.width == a.width && b.height == a.height) ? b : imaging::resize(b, a.width, a.height);
    double d = 0;
    for (std::size_t i = 0; i < a.rgb.size(); ++i)
        d += std::abs(static_cast<int>(a.rgb[i]) - static_cast<int>(r.rgb[i]));
    return d / static_cast<double>(a.rgb.size());
}

fs::path makeCatalog(const fs::path& folder, std::string* imageSha = nullptr)
{
    catalog::Catalog cat(folder, catalog::Catalog::OpenMode::Create);
    const fs::path img = folder / "images" / "sku1.png";
    imaging::savePng(checker(7, 64), img);
    catalog::Product p;
    p.sku = "SKU-1";
    p.category = "shirt";
    p.title["en"] = "Navy shirt";
    p.title["ja"] = "ネイビーのシャツ";
    p.attributes["color"] = "navy";
    catalog::ProductImage im;
    im.path = "images/sku1.png";
    im.sha256 = sha256File(img);
    im.width = im.height = 64;
    im.bytes = static_cast<std::int64_t>(fs::file_size(img));
    p.images.push_back(im);
    cat.upsert(p);
    if (imageSha)
        *imageSha = im.sha256;
    return folder;
}

generation::ImageRecipe recipeFor(catalog::Catalog& cat, bool withReference)
{
    generation::ImageRecipe r;
    r.prompt = "赤いストライプのシャツ";
    r.seed = 1234;
    r.count = 3;
    r.steps = 25;
    r.guidance = 2.7f;
    r.sampler = "ddim";
    r.modelName = "unit-pack";
    r.modelSha256 = std::string(64, 'd');
    r.device = "cpu";
    if (withReference)
        r.reference = generation::referenceFromSku(cat, "SKU-1").info;
    return r;
}

std::size_t filesIn(const fs::path& p)
{
    std::error_code ec;
    if (!fs::exists(p, ec))
        return 0;
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(p), fs::directory_iterator()));
}

std::optional<fs::path> packOrSkip() { return model::defaultPackPath(); }

} // namespace

class GenerationTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void storesImagesAsPendingWithFullProvenance()
    {
        uftest::TempDir dir;
        std::string refSha;
        catalog::Catalog cat(makeCatalog(dir / "c", &refSha));
        const auto actor = audit::currentActor(std::string("planner"));
        const auto recipe = recipeFor(cat, true);
        const std::vector<imaging::Image> images = {checker(0), checker(1), checker(2)};
        const auto stored = generation::storeImages(cat, recipe, images, actor);
        QCOMPARE(stored.size(), std::size_t(3));

        const auto rows = pipeline::listOutputs(cat);
        QCOMPARE(rows.size(), std::size_t(3));
        for (std::size_t i = 0; i < 3; ++i) {
            const auto& o = rows[i];
            QCOMPARE(o.id, stored[i].id);
            QCOMPARE(o.status, audit::OutputStatus::Pending);
            QVERIFY(!o.usable());
            QCOMPARE(o.kind, audit::OutputKind::Image);
            QCOMPARE(o.createdBy, std::string("planner"));
            QCOMPARE(o.referenceSku, std::string("SKU-1"));
            // The file: under generated/, named by its hash, decoding to the very pixels given.
            QCOMPARE(fs::path(o.path).parent_path(), fs::path("generated"));
            QVERIFY(fs::exists(stored[i].path));
            QCOMPARE(sha256File(stored[i].path), stored[i].sha256);
            QCOMPARE(imaging::loadFile(stored[i].path).rgb, images[i].rgb);

            const auto p = json::parse(o.provenance);
            QCOMPARE(p["prompt"].get<std::string>(), recipe.prompt);
            QCOMPARE(p["seed"].get<std::uint64_t>(), std::uint64_t(1234));
            QCOMPARE(p["seed_policy"].get<std::string>(), std::string("batch"));
            QCOMPARE(p["index"].get<int>(), int(i));
            QCOMPARE(p["count"].get<int>(), 3);
            QCOMPARE(p["steps"].get<int>(), 25);
            QCOMPARE(p["guidance"].dump(), std::string("2.7"));
            QCOMPARE(p["sampler"].get<std::string>(), std::string("ddim"));
            QCOMPARE(p["model"]["name"].get<std::string>(), std::string("unit-pack"));
            QCOMPARE(p["model"]["sha256"].get<std::string>(), std::string(64, 'd'));
            QCOMPARE(p["reference"]["type"].get<std::string>(), std::string("product"));
            QCOMPARE(p["reference"]["sku"].get<std::string>(), std::string("SKU-1"));
            QCOMPARE(p["reference"]["image_sha256"].get<std::string>(), refSha);
            QCOMPARE(p["created_by"]["name"].get<std::string>(), std::string("planner"));
            QCOMPARE(p["created_by"]["os_user"].get<std::string>(), actor.osUser);
            QCOMPARE(p["created_at"].get<std::string>(), o.createdAt);
            QCOMPARE(p["app"]["version"].get<std::string>(), std::string(kAppVersion));
            QCOMPARE(p["device"].get<std::string>(), std::string("cpu"));
            QCOMPARE(p["output"]["sha256"].get<std::string>(), stored[i].sha256);
            QCOMPARE(p["output"]["width"].get<int>(), 32);
        }
        // One 'generated' entry per output, binding its hash and provenance.
        audit::AuditLog log(cat.db());
        for (const auto& s : stored) {
            const auto entries = log.entriesFor(s.id);
            QCOMPARE(entries.size(), std::size_t(1));
            QCOMPARE(entries[0].action, std::string("generated"));
            QCOMPARE(entries[0].actor, std::string("planner"));
            const auto payload = json::parse(entries[0].payload);
            QCOMPARE(payload["output_sha256"].get<std::string>(), s.sha256);
            QCOMPARE(payload["provenance_sha256"].get<std::string>(), sha256Hex(s.provenance));
        }
        QVERIFY(pipeline::verifyAudit(cat).ok());
        // Outputs are not products: product lists and counts do not see them.
        QCOMPARE(cat.count(), std::int64_t(1));
        QCOMPARE(cat.list({}).size(), std::size_t(1));
    }

    void aFileReferenceIsRecordedByHash()
    {
        uftest::TempDir dir;
        catalog::Catalog cat(makeCatalog(dir / "c"));
        const fs::path file = dir / "moodboard.png";
        imaging::savePng(checker(3, 40), file);
        const auto ref = generation::resolveReference(cat, file.string());
        QCOMPARE(ref.info.type, generation::ReferenceInfo::Type::File);
        QCOMPARE(ref.info.sha256, sha256File(file));
        QCOMPARE(ref.image.width, 40);
        QCOMPARE(generation::resolveReference(cat, "SKU-1").info.type, generation::ReferenceInfo::Type::Product);
        QVERIFY_THROWS_EXCEPTION(BadInputError, generation::resolveReference(cat, "NO-SUCH-SKU"));

        auto recipe = recipeFor(cat, false);
        recipe.reference = ref.info;
        const auto stored = generation::storeImages(cat, recipe, {checker(4)}, audit::currentActor());
        const auto p = json::parse(stored[0].provenance);
        QCOMPARE(p["reference"]["type"].get<std::string>(), std::string("file"));
        QCOMPARE(p["reference"]["image_sha256"].get<std::string>(), sha256File(file));
        QVERIFY(p["reference"]["path"].get<std::string>().find("moodboard.png") != std::string::npos);
    }

    void aBatchIsStoredWholeOrNotAtAll()
    {
        uftest::TempDir dir;
        catalog::Catalog cat(makeCatalog(dir / "c"));
        const auto recipe = recipeFor(cat, false);
        // An empty image in the middle: nothing of the batch is stored.
        QVERIFY_THROWS_EXCEPTION(BadInputError,
                                 generation::storeImages(cat, recipe, {checker(0), imaging::Image{}, checker(2)},
                                                         audit::currentActor()));
        QCOMPARE(pipeline::listOutputs(cat).size(), std::size_t(0));
        QCOMPARE(filesIn(cat.generatedDir()), std::size_t(0));

        // The database refuses mid-batch (a damaged log refuses appends): files are removed again.
        generation::storeImages(cat, recipe, {checker(5)}, audit::currentActor());
        const auto before = filesIn(cat.generatedDir());
        cat.db().exec("UPDATE settings SET value='7 " + std::string(64, 'e') + "' WHERE key='audit.head'");
        QVERIFY_THROWS_EXCEPTION(StorageError,
                                 generation::storeImages(cat, recipe, {checker(0), checker(1)}, audit::currentActor()));
        QCOMPARE(pipeline::listOutputs(cat).size(), std::size_t(1));
        QCOMPARE(filesIn(cat.generatedDir()), before);
        // Identical pixels share one content-addressed file and still get a row each.
        cat.db().exec("UPDATE settings SET value='1 " + audit::AuditLog(cat.db()).entries().back().hash
                      + "' WHERE key='audit.head'");
        generation::storeImages(cat, recipe, {checker(5)}, audit::currentActor());
        QCOMPARE(pipeline::listOutputs(cat).size(), std::size_t(2));
        QCOMPARE(filesIn(cat.generatedDir()), before);
        QVERIFY(pipeline::verifyAudit(cat).ok());
    }

    void storesCaptionsAsPending()
    {
        uftest::TempDir dir;
        catalog::Catalog cat(makeCatalog(dir / "c"));
        generation::CaptionRecipe r;
        r.lang = "ja";
        r.modelName = "unit-pack";
        r.modelSha256 = std::string(64, 'd');
        r.reference = generation::referenceFromSku(cat, "SKU-1").info;
        const auto s = generation::storeCaption(cat, r, "ネイビーのシャツ。綿100%。", audit::currentActor(std::string("writer")));
        const auto o = pipeline::getOutput(cat, s.id);
        QCOMPARE(o.kind, audit::OutputKind::Caption);
        QCOMPARE(o.status, audit::OutputStatus::Pending);
        QCOMPARE(o.text, std::string("ネイビーのシャツ。綿100%。"));
        QCOMPARE(o.lang, std::string("ja"));
        QVERIFY(o.path.empty());
        const auto p = json::parse(o.provenance);
        QCOMPARE(p["kind"].get<std::string>(), std::string("caption"));
        QCOMPARE(p["reference"]["sku"].get<std::string>(), std::string("SKU-1"));
        QCOMPARE(p["output"]["sha256"].get<std::string>(), sha256Hex(o.text));
        QVERIFY_THROWS_EXCEPTION(BadInputError, generation::storeCaption(cat, r, "", audit::currentActor()));
        // A model that cuts a multi-byte character: the draft stays showable and exportable as JSON.
        const auto cut = generation::storeCaption(cat, r, "シャツ\xE3\x82", audit::currentActor());
        QCOMPARE(cut.text, std::string("シャツ\xEF\xBF\xBD\xEF\xBF\xBD"));
        QVERIFY(json::parse(cut.provenance).contains("text_repaired"));
        QVERIFY(pipeline::verifyAudit(cat).ok());
    }

    void cliChecksItsArguments()
    {
        uftest::TempDir dir;
        const QString c = QString::fromStdString(makeCatalog(dir / "c").string());
        auto r = uftest::runCli({"generate", "--catalog", c});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(QStringLiteral("--prompt")));
        r = uftest::runCli({"generate", "--catalog", c, "--prompt", "x", "--seed", "-1"});
        QCOMPARE(r.exitCode, 2);
        r = uftest::runCli({"generate", "--catalog", c, "--prompt", "x", "--model", QString::fromStdString((dir / "nopack").string())});
        QCOMPARE(r.exitCode, 1);
        r = uftest::runCli({"caption", "--catalog", c});
        QCOMPARE(r.exitCode, 2);
        r = uftest::runCli({"caption", "--catalog", c, "--sku", "SKU-1", "--image", "x.png"});
        QCOMPARE(r.exitCode, 2);
        r = uftest::runCli({"generate", "--catalog", c, "--prompt", "x", "--reference", "SKU-1", "--strength", "1.5"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(QStringLiteral("--strength")));
        r = uftest::runCli({"generate", "--catalog", c, "--prompt", "x", "--sampler", "euler"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(QStringLiteral("dpm++2m")));
        r = uftest::runCli({"generate", "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("batch seed")));
    }

    // ---- with the real model (skipped until resources/models/default exists) ----

    void sameSeedGivesIdenticalImages()
    {
        const auto pack = packOrSkip();
        if (!pack)
            QSKIP("no default model pack yet (resources/models/default)");
        uftest::TempDir dir;
        const QString a = QString::fromStdString(makeCatalog(dir / "a").string());
        const QString b = QString::fromStdString(makeCatalog(dir / "b").string());
        const QStringList common = {"--prompt", "red striped shirt", "--count", "2", "--seed", "7", "--steps", "8", "--json"};
        auto ra = uftest::runCli(QStringList{"generate", "--catalog", a} + common);
        auto rb = uftest::runCli(QStringList{"generate", "--catalog", b} + common);
        QVERIFY2(ra.exitCode == 0, qPrintable(ra.err));
        QVERIFY2(rb.exitCode == 0, qPrintable(rb.err));
        const auto ja = json::parse(ra.out.toStdString());
        const auto jb = json::parse(rb.out.toStdString());
        QCOMPARE(ja["outputs"].size(), std::size_t(2));
        QCOMPARE(ja["sampler"].get<std::string>(), std::string(model::kDefaultSampler)); // what reproduces them
        QCOMPARE(ja["steps"].get<int>(), 8);
        for (std::size_t i = 0; i < 2; ++i) {
            QCOMPARE(ja["outputs"][i]["status"].get<std::string>(), std::string("pending"));
            QVERIFY(ja["outputs"][i]["id"].is_number_integer());
            const auto fa = readFileBytes(ja["outputs"][i]["path"].get<std::string>());
            const auto fb = readFileBytes(jb["outputs"][i]["path"].get<std::string>());
            QVERIFY(fa == fb);
        }
        QVERIFY(ja["outputs"][0]["sha256"] != ja["outputs"][1]["sha256"]); // variations differ
        // Another seed, other images.
        auto rc = uftest::runCli({"generate", "--catalog", a, "--prompt", "red striped shirt", "--count", "2", "--seed", "8",
                                  "--steps", "8", "--json"});
        QVERIFY2(rc.exitCode == 0, qPrintable(rc.err));
        QVERIFY(json::parse(rc.out.toStdString())["outputs"][0]["sha256"] != ja["outputs"][0]["sha256"]);

        catalog::Catalog cat(fs::path(a.toStdString()));
        const auto o = pipeline::getOutput(cat, ja["outputs"][0]["id"].get<std::int64_t>());
        const auto p = json::parse(o.provenance);
        QCOMPARE(p["seed"].get<std::uint64_t>(), std::uint64_t(7));
        QCOMPARE(p["steps"].get<int>(), 8);
        QCOMPARE(p["sampler"].get<std::string>(), std::string(model::kDefaultSampler));
        QVERIFY(!p["model"]["sha256"].get<std::string>().empty());
        QCOMPARE(p["prompt_read"].get<std::string>(), std::string("red striped shirt"));
        QVERIFY(pipeline::verifyAudit(cat).ok());

        // A slip in the prompt is read as search reads it: the same images as the corrected prompt,
        // and the provenance keeps both the prompt as typed and as read.
        auto slip = uftest::runCli({"generate", "--catalog", b, "--prompt", "red stirped shirt", "--count", "2", "--seed", "7",
                                    "--steps", "8", "--json"});
        QVERIFY2(slip.exitCode == 0, qPrintable(slip.err));
        const auto js = json::parse(slip.out.toStdString());
        QVERIFY(readFileBytes(js["outputs"][0]["path"].get<std::string>()) == readFileBytes(ja["outputs"][0]["path"].get<std::string>()));
        catalog::Catalog catB(fs::path(b.toStdString()));
        const auto ps = json::parse(pipeline::getOutput(catB, js["outputs"][0]["id"].get<std::int64_t>()).provenance);
        QCOMPARE(ps["prompt"].get<std::string>(), std::string("red stirped shirt"));
        QCOMPARE(ps["prompt_read"].get<std::string>(), std::string("red striped shirt"));
    }

    void draftIsTheSameImageSmaller()
    {
        // The shipped pack draws at its output size (its upscaler doubles the autoencoder's); a
        // draft skips the upscaler: the draft size, recorded as a draft, and the same picture as
        // the full-size image of the same seed (what the Generate page's Draft box promises).
        const auto pack = packOrSkip();
        if (!pack)
            QSKIP("no default model pack yet (resources/models/default)");
        const auto info = model::UnifiedModel::load(*pack)->info();
        uftest::TempDir dir;
        const QString c = QString::fromStdString(makeCatalog(dir / "d").string());
        auto draw = [&](const QString& seed, bool draft) {
            QStringList args = {"generate", "--catalog", c, "--prompt", "navy dress", "--count", "1", "--seed", seed, "--steps", "8", "--json"};
            if (draft)
                args << "--draft";
            const auto r = uftest::runCli(args);
            if (r.exitCode != 0)
                qWarning("%s", qPrintable(r.err));
            const auto j = json::parse(r.out.toStdString());
            catalog::Catalog cat(fs::path(c.toStdString()));
            const auto prov = json::parse(pipeline::getOutput(cat, j["outputs"][0]["id"].get<std::int64_t>()).provenance);
            return std::make_pair(imaging::loadFile(j["outputs"][0]["path"].get<std::string>()), prov);
        };
        const auto [full, fullProv] = draw("7", false);
        const auto [draft, draftProv] = draw("7", true);
        const auto [other, otherProv] = draw("8", true);
        QCOMPARE(full.width, info.outputSize);
        QCOMPARE(draft.width, info.draftSize);
        QCOMPARE(fullProv["output"]["width"].get<int>(), info.outputSize);
        QVERIFY(!fullProv.contains("draft"));
        QCOMPARE(draftProv.value("draft", false), info.outputSize != info.draftSize);
        const double same = meanAbsDifference(draft, full), differentSeed = meanAbsDifference(draft, other);
        qInfo("draft vs full-size image of its seed %.1f, vs another seed's draft %.1f", same, differentSeed);
        QVERIFY2(same < 0.5 * differentSeed, qPrintable(QStringLiteral("%1 vs %2").arg(same).arg(differentSeed)));
    }

    void editOfAProductRecordsTheReference()
    {
        const auto pack = packOrSkip();
        if (!pack)
            QSKIP("no default model pack yet (resources/models/default)");
        uftest::TempDir dir;
        std::string refSha;
        const auto folder = makeCatalog(dir / "c", &refSha);
        pipeline::GenerateOptions o;
        o.catalogDir = folder;
        o.prompt = "make it red";
        o.reference = "SKU-1";
        o.count = 1;
        o.seed = 3;
        o.steps = 8;
        const auto r = pipeline::generateImages(o);
        QCOMPARE(r.status, JobStatus::Completed);
        QCOMPARE(r.outputs.size(), std::size_t(1));
        const auto p = json::parse(r.outputs[0].provenance);
        QCOMPARE(p["reference"]["sku"].get<std::string>(), std::string("SKU-1"));
        QCOMPARE(p["reference"]["image_sha256"].get<std::string>(), refSha);
        QCOMPARE(p["strength"].get<double>(), static_cast<double>(model::kDefaultEditStrength));

        // A lower strength keeps more of the reference: the edit lies nearer its pixels than one
        // drawn anew (strength 1), and the strength asked for is recorded.
        const auto ref = imaging::loadFile(folder / "images" / "sku1.png");
        auto distance = [&](float strength) {
            pipeline::GenerateOptions e = o;
            e.strength = strength;
            const auto out = pipeline::generateImages(e);
            const auto pe = json::parse(out.outputs[0].provenance);
            if (std::abs(pe["strength"].get<double>() - strength) > 1e-6)
                return -1.0;
            return meanAbsDifference(ref, imaging::loadFile(out.outputs[0].path));
        };
        const double kept = distance(0.3f), redrawn = distance(1.0f);
        QVERIFY2(kept >= 0 && redrawn >= 0, "strength not recorded");
        QVERIFY2(kept < 0.9 * redrawn, qPrintable(QStringLiteral("strength 0.3: %1, 1.0: %2").arg(kept).arg(redrawn)));
        o.strength = 0.f;
        QVERIFY_THROWS_EXCEPTION(BadInputError, pipeline::generateImages(o));
    }

    void cancelledGenerationStoresNothing()
    {
        const auto pack = packOrSkip();
        if (!pack)
            QSKIP("no default model pack yet (resources/models/default)");
        uftest::TempDir dir;
        const auto folder = makeCatalog(dir / "c");
        pipeline::GenerateOptions o;
        o.catalogDir = folder;
        o.prompt = "red shirt";
        o.count = 2;
        o.seed = 1;
        o.steps = 8;
        const auto r = pipeline::generateImages(o, [](std::int64_t, std::int64_t) { return false; });
        QCOMPARE(r.status, JobStatus::Cancelled);
        QVERIFY(r.outputs.empty());
        catalog::Catalog cat(folder);
        QCOMPARE(pipeline::listOutputs(cat).size(), std::size_t(0));
        QCOMPARE(audit::AuditLog(cat.db()).entries().size(), std::size_t(0));
        QCOMPARE(filesIn(cat.generatedDir()), std::size_t(0));
    }

    void captionCliStoresAPendingDraft()
    {
        const auto pack = packOrSkip();
        if (!pack)
            QSKIP("no default model pack yet (resources/models/default)");
        uftest::TempDir dir;
        const QString c = QString::fromStdString(makeCatalog(dir / "c").string());
        for (const QString& lang : {QStringLiteral("ja"), QStringLiteral("en")}) {
            const auto r = uftest::runCli({"caption", "--catalog", c, "--sku", "SKU-1", "--lang", lang, "--json"});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            const auto j = json::parse(r.out.toStdString());
            QCOMPARE(j["outputs"][0]["status"].get<std::string>(), std::string("pending"));
            QCOMPARE(j["outputs"][0]["lang"].get<std::string>(), lang.toStdString());
            QVERIFY(!j["outputs"][0]["text"].get<std::string>().empty());
        }
        catalog::Catalog cat(fs::path(c.toStdString()));
        QCOMPARE(pipeline::listOutputs(cat, audit::OutputStatus::Pending).size(), std::size_t(2));
    }
};

QTEST_GUILESS_MAIN(GenerationTest)
#include "GenerationTest.moc"
