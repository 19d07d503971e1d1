// The attribute judge: a tiny judge learns to tell two colours of solid squares apart (ignoring
// unknown labels), the Frechet distance is ~0 for a set against itself and grows with a shift
// (checked exactly against closed forms), the diversity measure, matchRate, and the judge file's
// save/load round trip with damaged and foreign files refused.
// torch before Qt: Qt's `slots` macro breaks libtorch headers.
#include "common/Error.h"
#include "eval/AttributeJudge.h"

#include "TestSupport.h"

#include <ATen/CPUGeneratorImpl.h>

#include <QtTest>

#include <cmath>
#include <fstream>

using namespace uf::eval;

namespace {

JudgeConfig tinyConfig()
{
    JudgeConfig c;
    c.imageSize = 16;
    c.channels = {8, 16};
    c.featureDim = 16;
    c.heads = {{"color", {"red", "blue"}}, {"size", {"small", "large"}}};
    return c;
}

// n images 16x16 in [-1,1]: a red or blue square of random size and place on a noisy grey
// background. labels[i] = {colour, size} with size known only for even rows.
struct Squares {
    torch::Tensor images;
    torch::Tensor labels;
};

Squares makeSquares(int n, std::uint64_t seed, double brightnessShift = 0.0)
{
    auto gen = at::detail::createCPUGenerator(seed);
    Squares s;
    s.images = torch::rand({n, 3, 16, 16}, gen, torch::kFloat) * 0.3 - 0.15;
    s.labels = torch::full({n, 2}, -1, torch::kLong);
    const auto r = torch::rand({n, 5}, gen, torch::kFloat);
    for (int i = 0; i < n; ++i) {
        const bool blue = r[i][0].item<float>() < 0.5f;
        const int side = 4 + static_cast<int>(r[i][1].item<float>() * 8); // 4..11
        const int y = static_cast<int>(r[i][2].item<float>() * (16 - side));
        const int x = static_cast<int>(r[i][3].item<float>() * (16 - side));
        const float jitter = r[i][4].item<float>() * 0.2f;
        auto patch = s.images[i].slice(1, y, y + side).slice(2, x, x + side);
        patch[0].fill_(blue ? -0.7f : 0.8f - jitter);
        patch[1].fill_(-0.6f + jitter);
        patch[2].fill_(blue ? 0.8f - jitter : -0.7f);
        s.labels[i][0] = blue ? 1 : 0;
        if (i % 2 == 0)
            s.labels[i][1] = side >= 8 ? 1 : 0;
    }
    s.images = (s.images + brightnessShift).clamp(-1, 1);
    return s;
}

} // namespace

class JudgeTest : public QObject {
    Q_OBJECT

    std::unique_ptr<AttributeJudge> m_judge; // trained once in initTestCase

private Q_SLOTS:
    void initTestCase()
    {
        torch::set_num_threads(2);
        torch::manual_seed(42);
        m_judge = std::make_unique<AttributeJudge>(tinyConfig());
        const auto train = makeSquares(256, 1);
        JudgeTrainOptions o;
        o.steps = 160;
        o.batchSize = 32;
        o.seed = 3;
        int calls = 0;
        const auto result = m_judge->train(train.images, train.labels, o, [&](std::int64_t, std::int64_t) {
            ++calls;
            return true;
        });
        QCOMPARE(result.status, uf::JobStatus::Completed);
        QCOMPARE(result.steps, 160);
        QCOMPARE(calls, 160);
        QVERIFY(std::isfinite(result.lastLoss));
    }

    void separatesTwoColours()
    {
        const auto test = makeSquares(64, 2);
        const auto acc = m_judge->accuracy(test.images, test.labels);
        QCOMPARE(acc.size(), std::size_t(2));
        QVERIFY2(acc[0] >= 0.95, qPrintable(QString("colour accuracy %1").arg(acc[0])));
        const auto pred = m_judge->predict(test.images);
        QCOMPARE(pred.sizes(), (torch::IntArrayRef{64, 2}));
        QCOMPARE(pred.scalar_type(), torch::kLong);
        QVERIFY(matchRate(pred, test.labels, {0}) >= 0.95);
        QCOMPARE(m_judge->features(test.images).sizes(), (torch::IntArrayRef{64, 16}));
        // Other sizes are resized to the judge's input.
        const auto big = torch::nn::functional::interpolate(
            test.images, torch::nn::functional::InterpolateFuncOptions().size(std::vector<int64_t>{32, 32}).mode(torch::kNearest));
        QVERIFY(matchRate(m_judge->predict(big), test.labels, {0}) >= 0.9);
    }

    void cancelledTrainingStops()
    {
        AttributeJudge judge(tinyConfig());
        const auto data = makeSquares(16, 5);
        JudgeTrainOptions o;
        o.steps = 50;
        o.batchSize = 8;
        const auto r = judge.train(data.images, data.labels, o, [](std::int64_t done, std::int64_t) { return done < 3; });
        QCOMPARE(r.status, uf::JobStatus::Cancelled);
        QCOMPARE(r.steps, 3);
    }

    void labelsAndConfig()
    {
        const auto y = m_judge->encodeLabels({{"blue", "small"}, {"red", ""}, {"green", "large"}});
        QCOMPARE(y.sizes(), (torch::IntArrayRef{3, 2}));
        QCOMPARE(y[0][0].item<int64_t>(), int64_t(1));
        QCOMPARE(y[1][1].item<int64_t>(), int64_t(-1));
        QCOMPARE(y[2][0].item<int64_t>(), int64_t(-1));
        QCOMPARE(m_judge->headIndex("size"), 1);
        QCOMPARE(m_judge->labelName(0, 1), std::string("blue"));
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError, m_judge->encodeLabels({{"red"}}));

        const auto j = tinyConfig().toJson();
        QCOMPARE(JudgeConfig::fromJson(j).toJson(), j);
        auto bad = j;
        bad["heads"][0]["labels"] = {"red", "red"};
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError, JudgeConfig::fromJson(bad));
        bad = j;
        bad["extra"] = 1;
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError, JudgeConfig::fromJson(bad));
    }

    void matchRateCountsAllListedHeads()
    {
        const auto pred = torch::tensor({0, 1, 0, 0, 1, 1}, torch::kLong).view({3, 2});
        const auto want = torch::tensor({0, 1, 0, 1, 1, -1}, torch::kLong).view({3, 2});
        QVERIFY(std::abs(matchRate(pred, want, {0, 1}) - 2.0 / 3.0) < 1e-12);
        QCOMPARE(matchRate(pred, want, {0}), 1.0);
    }

    // Closed forms: the same set gives 0; adding a constant c gives |c|^2 (covariances equal);
    // doubling every vector gives |mu|^2 + tr(S) (the matrix square-root term is exactly 2 tr(S)).
    void frechetClosedForms()
    {
        auto gen = at::detail::createCPUGenerator(9);
        const auto f = torch::randn({300, 8}, gen, torch::kDouble) * torch::linspace(0.2, 2.0, 8, torch::kDouble) + 0.3;
        QVERIFY(frechetDistance(f, f) < 1e-9);
        const double d05 = frechetDistance(f, f + 0.5);
        const double d10 = frechetDistance(f, f + 1.0);
        QVERIFY2(std::abs(d05 - 8 * 0.25) < 1e-8, qPrintable(QString::number(d05, 'g', 12)));
        QVERIFY(std::abs(d10 - 8.0) < 1e-8);
        const auto s = featureStats(f);
        const double expected = s.mean.pow(2).sum().item<double>() + s.cov.trace().item<double>();
        QVERIFY(std::abs(frechetDistance(f, 2 * f) - expected) < 1e-6 * expected);
        QVERIFY(frechetDistance(f.to(torch::kFloat), f.to(torch::kFloat)) < 1e-6);
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError, frechetDistance(f, torch::zeros({3, 4})));
    }

    // On judge features: a fresh draw of the same distribution is closer than shifted images.
    void frechetOnJudgeFeaturesGrowsWithShift()
    {
        const auto real = m_judge->features(makeSquares(200, 10).images);
        QVERIFY(frechetDistance(real, real) < 1e-6);
        const double same = frechetDistance(real, m_judge->features(makeSquares(200, 11).images));
        const double shifted = frechetDistance(real, m_judge->features(makeSquares(200, 11, 0.6).images));
        QVERIFY2(same < shifted, qPrintable(QString("same %1, shifted %2").arg(same).arg(shifted)));
    }

    void diversity()
    {
        QCOMPARE(meanPairwiseDistance(torch::ones({5, 3})), 0.0);
        QVERIFY(std::abs(meanPairwiseDistance(torch::eye(2)) - std::sqrt(2.0)) < 1e-9);
        QVERIFY(std::abs(meanPairwiseDistance(torch::tensor({0.0, 0.0, 3.0, 4.0}).view({2, 2}), false) - 5.0) < 1e-9);
        QCOMPARE(meanPairwiseDistance(torch::ones({1, 3})), 0.0);
        auto gen = at::detail::createCPUGenerator(4);
        const auto base = torch::randn({1, 16}, gen, torch::kFloat);
        const auto tight = base + 0.05 * torch::randn({20, 16}, gen, torch::kFloat);
        const auto spread = base + 1.0 * torch::randn({20, 16}, gen, torch::kFloat);
        QVERIFY(meanPairwiseDistance(tight) < meanPairwiseDistance(spread));
    }

    void saveLoadRoundTripAndRefusals()
    {
        uftest::TempDir dir;
        const auto file = dir / "judge.pt";
        m_judge->save(file);
        const auto loaded = AttributeJudge::load(file);
        QCOMPARE(loaded.config().toJson(), m_judge->config().toJson());
        const auto x = makeSquares(20, 12).images;
        auto copy = loaded;
        QVERIFY(torch::equal(copy.predict(x), m_judge->predict(x)));
        QVERIFY(torch::equal(copy.features(x), m_judge->features(x)));

        // Truncated.
        const auto size = std::filesystem::file_size(file);
        std::filesystem::copy_file(file, dir / "cut.pt");
        std::filesystem::resize_file(dir / "cut.pt", size / 2);
        QVERIFY_THROWS_EXCEPTION(uf::ModelLoadError, AttributeJudge::load(dir / "cut.pt"));
        // Foreign: not a torch archive, and a torch archive that is not a judge.
        std::ofstream(dir / "foreign.pt") << "hello, not a model";
        QVERIFY_THROWS_EXCEPTION(uf::ModelLoadError, AttributeJudge::load(dir / "foreign.pt"));
        {
            torch::serialize::OutputArchive other;
            torch::nn::Linear(2, 2)->save(other);
            other.save_to((dir / "linear.pt").string());
        }
        QVERIFY_THROWS_EXCEPTION(uf::ModelLoadError, AttributeJudge::load(dir / "linear.pt"));
        QVERIFY_THROWS_EXCEPTION(uf::StorageError, AttributeJudge::load(dir / "missing.pt"));
    }
};

QTEST_GUILESS_MAIN(JudgeTest)
#include "JudgeTest.moc"
