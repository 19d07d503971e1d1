// Evaluation: caption metrics against hand-computed cases, the query-set reader, and a full
// `evaluate` of a tiny pack (every figure present and in range; stored in its manifest).
#include "TinyCatalog.h"
#include "TestSupport.h"

#include "common/Error.h"
#include "common/Files.h"
#include "eval/CaptionMetrics.h"
#include "eval/Evaluator.h"
#include "model_io/ModelPack.h"

#include "text/QueryText.h"

#include <QtTest>

namespace fs = std::filesystem;
using namespace uf::eval;

class EvaluationTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void captionTokensSplitJapaneseIntoCharacters()
    {
        QCOMPARE(captionTokens("紺のシャツ").size(), std::size_t(5));
        QCOMPARE(captionTokens("Navy striped shirt."), (Tokens{"navy", "striped", "shirt"}));
    }

    void bleuOfKnownCases()
    {
        const Tokens a = {"the", "navy", "striped", "shirt", "with", "long", "sleeves"};
        QCOMPARE(bleu4({a}, {{a}}), 1.0);
        // No 4-gram in common: BLEU-4 (unsmoothed) is zero.
        QCOMPARE(bleu4({{"navy", "shirt", "red", "dress"}}, {{a}}), 0.0);
        // Shorter candidate: the brevity penalty applies (all n-grams match).
        const Tokens shortC = {"the", "navy", "striped", "shirt"};
        const double b = bleu4({shortC}, {{a}});
        QVERIFY(std::abs(b - std::exp(1.0 - 7.0 / 4.0)) < 1e-9);
    }

    void ciderPrefersTheRightCaption()
    {
        const std::vector<std::vector<Tokens>> refs = {{{"red", "dress"}}, {{"navy", "shirt"}}, {{"green", "bag"}}};
        const double right = ciderD({{"red", "dress"}, {"navy", "shirt"}, {"green", "bag"}}, refs);
        const double wrong = ciderD({{"green", "bag"}, {"red", "dress"}, {"navy", "shirt"}}, refs);
        QVERIFY(right > 1.0);
        QCOMPARE(wrong, 0.0);
        QVERIFY(hasRepeatedNgram({"a", "b", "a", "b"}, 2));
        QVERIFY(!hasRepeatedNgram({"a", "b", "c", "a"}, 2));
    }

    void queryFileIsReadStrictly()
    {
        uftest::TempDir dir;
        uf::writeFileAtomic(dir / "q.tsv", std::string("lang\tkind\tquery\texpected\n# comment\nja\tshort\t紺 シャツ\tcategory=shirt;color=navy\n"
                                                       "en\tsynonym\ttrainers\tcategory=sneakers\n"));
        const auto q = readQueryFile(dir / "q.tsv");
        QCOMPARE(q.size(), std::size_t(2));
        QCOMPARE(q[0].expected.size(), std::size_t(2));
        QCOMPARE(q[0].expected[1].second, std::string("navy"));
        uf::writeFileAtomic(dir / "bad.tsv", std::string("ja\tshort\t紺\tcolor=navy\nen\tshort\tno expected column\n"));
        try {
            readQueryFile(dir / "bad.tsv");
            QFAIL("a malformed line was accepted");
        } catch (const uf::BadInputError& e) {
            QVERIFY2(std::string(e.what()).find("bad.tsv:2") != std::string::npos, e.what());
        }
    }

    void evaluateATinyPack()
    {
        uftest::TempDir dir;
        uftest::makeTinyCatalog(dir / "catalog");
        const auto out = uftest::trainTiny(dir / "catalog", dir / "pack", 1, 6);
        QCOMPARE(out.status, uf::JobStatus::Completed);
        uf::writeFileAtomic(dir / "q.tsv", std::string("en\tshort\tred dress\tcategory=dress;color=red\nja\tshort\t紺 バッグ\tcategory=bag;color=navy\n"));
        EvalOptions o;
        o.catalogDir = dir / "catalog";
        o.modelPack = dir / "pack";
        o.queriesFile = dir / "q.tsv";
        o.vocabularyQueries = 20;
        o.captionLimit = 4;
        o.generateCount = 4;
        o.generateSteps = 3;
        o.diversityPrompts = 2;
        o.editCount = 3;
        o.judgeSteps = 5;
        o.threads = 1;
        o.prompts = {"red striped shirt", "紺 バッグ"};
        o.promptSamples = 2;
        const auto r = evaluate(o, {}, {});
        const auto& f = r.figures;
        QCOMPARE(f.value("items", 0), 24);
        auto inUnit = [](double v) { return v >= 0.0 && v <= 1.0; };
        QVERIFY(inUnit(f["retrieval"]["en"]["text_to_image"]["R@10"].get<double>()));
        QVERIFY(inUnit(f["retrieval"]["ja"]["image_to_text"]["R@1"].get<double>()));
        for (const char* lang : {"ja", "en", "mixed"})
            QVERIFY(inUnit(f["attribute_precision"]["vocabulary"][lang]["p_at_10"].get<double>()));
        QCOMPARE(f["attribute_precision"]["queries_file"]["overall"]["queries"].get<int>(), 2);
        QVERIFY(f["attribute_precision"]["queries_file"]["by_kind"].contains("short"));
        // Every query under 1.0 is listed, worst first, with what the model read.
        double last = -1.0;
        for (const auto& m : f["attribute_precision"]["queries_file"]["missed"]) {
            const double p = m["p_at_10"].get<double>();
            QVERIFY(p < 1.0 && p >= last);
            last = p;
            QCOMPARE(m["read"].get<std::string>(), uf::text::readQuery(m["query"].get<std::string>()).text);
            QVERIFY(m.contains("kind") && m.contains("lang"));
        }
        QVERIFY(inUnit(f["image_to_image"]["category_color_p_at_10"].get<double>()));
        // The raw-pixel reference is measured on the same queries, and per category.
        QVERIFY(inUnit(f["image_to_image"]["raw_pixel_reference"]["category_p_at_10"].get<double>()));
        QVERIFY(inUnit(f["image_to_image"]["search_scoring"]["category_color_p_at_10"].get<double>()));
        QVERIFY(!f["image_to_image"]["category_p_at_10_by_category"].empty());
        for (const auto& [c, v] : f["image_to_image"]["category_p_at_10_by_category"].items())
            QVERIFY2(inUnit(v.get<double>()), c.c_str());
        QVERIFY(f["composed"]["triplets"].get<int>() > 0);
        QVERIFY(inUnit(f["composed"]["recall_at_50"].get<double>()));
        QVERIFY(f["captions"]["en"].contains("cider_d"));
        QVERIFY(inUnit(f["generation"]["text_to_image"]["category_color_accuracy"].get<double>()));
        QVERIFY(f["generation"]["judge_fid"].contains("real_vs_real_halves"));
        // The generation figures' ceiling: the judge on autoencoder reconstructions.
        QVERIFY(inUnit(f["generation"]["judge"]["accuracy_on_reconstructions"]["category_color"].get<double>()));
        QVERIFY(f["generation"].contains("diversity"));
        QVERIFY(f["generation"].contains("edits"));
        QVERIFY(inUnit(f["generation"]["edits"]["category_kept"].get<double>()));
        QVERIFY(!f["generation"]["edits"]["by_changed_key"].empty());
        // Named prompts are judged against what they ask for, in either language.
        const auto& named = f["generation"]["prompts"];
        QCOMPARE(named.size(), std::size_t(2));
        QCOMPARE(named[0]["asked"]["category"].get<std::string>(), std::string("shirt"));
        QCOMPARE(named[0]["asked"]["color"].get<std::string>(), std::string("red"));
        QCOMPARE(named[1]["asked"]["category"].get<std::string>(), std::string("bag"));
        QCOMPARE(named[1]["asked"]["color"].get<std::string>(), std::string("navy"));
        QCOMPARE(named[1]["samples"].get<int>(), 2);
        QVERIFY(inUnit(named[0]["category_color"].get<double>()));
        // Own catalog: figures and the judge are kept in the pack, which still verifies.
        QVERIFY(r.stored);
        const auto man = uf::model_io::readAndVerify(dir / "pack");
        QVERIFY(man.eval.contains("test"));
        QVERIFY(man.file("judge.pt"));
        // A second run reuses the cached judge.
        o.generateCount = 2;
        const auto again = evaluate(o, {}, {});
        QVERIFY(again.figures["generation"]["judge"].value("cached", false));
    }
};

QTEST_GUILESS_MAIN(EvaluationTest)
#include "EvaluationTest.moc"
