// Latent diffusion: schedule tables and DDIM timesteps against numbers computed by hand from the
// formulas, the DDIM update against a perfect denoiser, tiny autoencoder and UNet training that
// lowers their losses, seeded determinism, classifier-free guidance algebra, edit-mode shapes,
// context masks, cancellation, EMA and the configs' JSON form. Tiny configs on the CPU.
// torch before Qt: Qt's `slots` macro breaks libtorch headers.
#include "common/Error.h"
#include "diffusion/AutoEncoderModule.h"
#include "diffusion/DiffusionConfig.h"
#include "diffusion/NoiseSchedule.h"
#include "diffusion/Sampling.h"
#include "diffusion/UNetModule.h"

#include <QtTest>

#include <cmath>

using namespace uf::diffusion;

namespace {

AutoEncoderConfig tinyAe()
{
    AutoEncoderConfig c;
    c.imageSize = 16;
    c.channels = {8, 16};
    c.resBlocksPerLevel = 1;
    c.maxGroups = 4;
    return c;
}

UNetConfig tinyUNet(bool editing = false)
{
    UNetConfig c;
    c.outChannels = 4;
    c.inChannels = editing ? 8 : 4;
    c.sampleSize = 8;
    c.baseChannels = 16;
    c.channelMults = {1, 2};
    c.resBlocksPerLevel = 1;
    c.attentionResolutions = {4};
    c.headChannels = 8;
    c.contextDim = 12;
    c.maxGroups = 4;
    return c;
}

// Freshly built UNets predict exactly zero (zero-initialised output layers); comparisons between
// forward passes need a network that actually depends on its inputs.
void perturb(torch::nn::Module& m, std::uint64_t seed)
{
    torch::NoGradGuard noGrad;
    auto gen = makeCpuGenerator(seed);
    for (auto& p : m.parameters())
        p.add_(torch::randn(p.sizes(), gen, torch::kFloat) * 0.1);
}

// Eight 16x16 images in [-1, 1]: coloured squares and stripes on flat backgrounds.
torch::Tensor syntheticImages()
{
    auto x = torch::zeros({8, 3, 16, 16});
    for (int i = 0; i < 8; ++i) {
        auto img = x[i];
        img[0].fill_(-0.8 + 0.2 * i);
        img[1].fill_(0.5 - 0.1 * i);
        img[2].fill_(i % 2 ? 0.7 : -0.7);
        const int o = i % 4;
        img.slice(1, 3 + o, 10 + o).slice(2, 4, 12).select(0, i % 3).fill_(0.9);
        if (i >= 4)
            img.slice(1, 0, 16, 4).select(0, 1).fill_(-0.9);
    }
    return x;
}

} // namespace

class DiffusionTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        torch::set_num_threads(2);
        torch::manual_seed(1234);
    }

    // Reference: alphas_cumprod[t] = abar((t+1)/T) / abar(0), abar(u) = cos((u+0.008)/1.008*pi/2)^2,
    // except t = 999 where beta is capped at 0.999: alphas_cumprod[998] * 0.001.
    void cosineTable_data()
    {
        QTest::addColumn<int>("t");
        QTest::addColumn<double>("expected");
        QTest::newRow("0") << 0 << 0.999958715775178;
        QTest::newRow("250") << 250 << 0.8458879864968829;
        QTest::newRow("500") << 500 << 0.4922851724488026;
        QTest::newRow("750") << 750 << 0.14317864642609793;
        QTest::newRow("998") << 998 << 2.428766907034851e-06;
        QTest::newRow("999") << 999 << 2.428766907034851e-09;
    }
    void cosineTable()
    {
        QFETCH(int, t);
        QFETCH(double, expected);
        CosineSchedule s(1000);
        QCOMPARE(s.numTrainSteps(), 1000);
        QVERIFY2(std::abs(s.alphaCumprod(t) - expected) <= 1e-10 * expected,
                 qPrintable(QString::number(s.alphaCumprod(t), 'g', 17)));
        QCOMPARE(s.beta(999), 0.999);
    }

    // Linear DDPM betas 1e-4 .. 0.02: alphas_cumprod[t] = prod_{i<=t} (1 - beta_i).
    void linearTable()
    {
        auto s = makeSchedule(ScheduleConfig::fromJson({{"kind", "linear"}}));
        QCOMPARE(s->name(), std::string("linear"));
        QVERIFY(std::abs(s->alphaCumprod(0) - 0.9999) < 1e-15);
        QVERIFY(std::abs(s->alphaCumprod(250) - 0.5214230306185275) < 1e-12);
        QVERIFY(std::abs(s->alphaCumprod(500) - 0.07779665836502386) < 1e-12);
        QVERIFY(std::abs(s->alphaCumprod(999) - 4.0358297653756754e-05) < 1e-15);
    }

    void ddimTimesteps25of1000()
    {
        const std::vector<int> trailing{999, 959, 919, 879, 839, 799, 759, 719, 679, 639, 599, 559, 519,
                                        479, 439, 399, 359, 319, 279, 239, 199, 159, 119, 79,  39};
        QCOMPARE(ddimTimesteps(1000, 25, TimestepSpacing::Trailing), trailing);
        const std::vector<int> leading{960, 920, 880, 840, 800, 760, 720, 680, 640, 600, 560, 520, 480,
                                       440, 400, 360, 320, 280, 240, 200, 160, 120, 80,  40,  0};
        QCOMPARE(ddimTimesteps(1000, 25, TimestepSpacing::Leading), leading);
        const auto lin = ddimTimesteps(1000, 4, TimestepSpacing::Linspace);
        QCOMPARE(lin, (std::vector<int>{999, 666, 333, 0}));
        QCOMPARE(ddimTimesteps(10, 50, TimestepSpacing::Trailing).size(), std::size_t(10)); // clamped to T
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError, ddimTimesteps(1000, 0, TimestepSpacing::Trailing));
    }

    // A denoiser that knows x0 returns the exact v; deterministic DDIM must then land on x0, and it
    // must visit the trailing timesteps in order.
    void ddimRecoversX0WithPerfectDenoiser()
    {
        CosineSchedule schedule(1000);
        auto gen = makeCpuGenerator(7);
        const auto x0 = torch::randn({2, 4, 8, 8}, gen, torch::kFloat);
        std::vector<int> visited;
        DenoiseFn perfect = [&](const torch::Tensor& x, const torch::Tensor& t) {
            const int ti = static_cast<int>(t[0].item<float>());
            visited.push_back(ti);
            const double ab = schedule.alphaCumprod(ti);
            return (std::sqrt(ab) * x - x0) / std::sqrt(1.0 - ab); // from x0 = sqrt(ab) x - sqrt(1-ab) v
        };
        const auto xT = torch::randn({2, 4, 8, 8}, gen, torch::kFloat);
        const auto out = sampleDdim(perfect, xT, schedule, 25, 0.0, {});
        QVERIFY(out.defined());
        QVERIFY(torch::allclose(out, x0, 1e-4, 1e-4));
        QCOMPARE(visited, ddimTimesteps(1000, 25, TimestepSpacing::Trailing));
    }

    // Strength below 1 (img2img): the sampler visits only the schedule's last steps, starting at
    // ddimStartTimestep, and a latent noised there with addNoise comes back with a perfect denoiser.
    void strengthRunsTheLastSteps()
    {
        CosineSchedule schedule(1000);
        auto gen = makeCpuGenerator(11);
        const auto ref = torch::randn({2, 4, 8, 8}, gen, torch::kFloat);
        const auto eps = torch::randn({2, 4, 8, 8}, gen, torch::kFloat);
        const auto all = ddimTimesteps(1000, 25, TimestepSpacing::Trailing);
        std::vector<int> visited;
        DenoiseFn perfect = [&](const torch::Tensor& x, const torch::Tensor& t) {
            const int ti = static_cast<int>(t[0].item<float>());
            visited.push_back(ti);
            const double ab = schedule.alphaCumprod(ti);
            return (std::sqrt(ab) * x - ref) / std::sqrt(1.0 - ab);
        };
        DdimOptions o;
        o.steps = 25;
        o.strength = 0.4; // 10 of 25 steps
        const int start = ddimStartTimestep(schedule, o);
        QCOMPARE(start, all[15]);
        const auto xs = addNoise(schedule, ref, eps, torch::full({2}, start, torch::kLong));
        const auto out = sampleDdim(perfect, xs, schedule, o);
        QVERIFY(torch::allclose(out, ref, 1e-4, 1e-4));
        QCOMPARE(visited, std::vector<int>(all.begin() + 15, all.end()));

        o.strength = 1.0;
        QCOMPARE(ddimStartTimestep(schedule, o), all.front());
        o.strength = 0.001; // at least one step runs
        QCOMPARE(ddimStartTimestep(schedule, o), all.back());
        o.strength = 0.0;
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError, ddimStartTimestep(schedule, o));
        o.strength = 1.5;
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError, ddimStartTimestep(schedule, o));
    }

    // DPM-Solver++(2M) on data whose exact denoiser is known (N(0, c^2): x0 = a c^2 / (a^2 c^2 + s^2) x),
    // so the sampler's ODE has an exact end (x_T scaled by c / sqrt(a_T^2 c^2 + s_T^2)): at the same
    // timesteps it lands nearer to it than DDIM, the more so with more steps (second order against
    // first). With a point's perfect denoiser it returns the point, as DDIM does; it takes eta 0 only.
    void dpmSolverIsSecondOrder()
    {
        CosineSchedule schedule(1000);
        auto gen = makeCpuGenerator(5);
        const auto xT = torch::randn({2, 4, 8, 8}, gen, torch::kFloat);
        for (const double c : {0.5, 2.0}) {
            DenoiseFn gaussian = [&](const torch::Tensor& x, const torch::Tensor& t) {
                const double ab = schedule.alphaCumprod(static_cast<int>(t[0].item<float>()));
                const double a = std::sqrt(ab), s = std::sqrt(1.0 - ab);
                return (a * x - (a * c * c / (ab * c * c + s * s)) * x) / s;
            };
            const double abT = schedule.alphaCumprod(999);
            const auto exact = xT * (c / std::sqrt(abT * c * c + 1.0 - abT));
            auto error = [&](Solver solver, int steps) {
                DdimOptions o;
                o.steps = steps;
                o.solver = solver;
                return ((sampleDdim(gaussian, xT, schedule, o) - exact).norm() / exact.norm()).item<double>();
            };
            const double ddim10 = error(Solver::Ddim, 10), dpm10 = error(Solver::DpmSolverPP2M, 10);
            const double ddim25 = error(Solver::Ddim, 25), dpm25 = error(Solver::DpmSolverPP2M, 25);
            QVERIFY2(dpm10 < 0.6 * ddim10, qPrintable(QString("c %1: 10 steps dpm %2 ddim %3").arg(c).arg(dpm10).arg(ddim10)));
            QVERIFY2(dpm25 < 0.35 * ddim25, qPrintable(QString("c %1: 25 steps dpm %2 ddim %3").arg(c).arg(dpm25).arg(ddim25)));
            QVERIFY(dpm25 < dpm10);
        }

        const auto x0 = torch::randn({2, 4, 8, 8}, gen, torch::kFloat);
        DenoiseFn perfect = [&](const torch::Tensor& x, const torch::Tensor& t) {
            const double ab = schedule.alphaCumprod(static_cast<int>(t[0].item<float>()));
            return (std::sqrt(ab) * x - x0) / std::sqrt(1.0 - ab);
        };
        DdimOptions o;
        o.steps = 7;
        o.solver = Solver::DpmSolverPP2M;
        QVERIFY(torch::allclose(sampleDdim(perfect, xT, schedule, o), x0, 1e-4, 1e-4));
        o.eta = 0.5;
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError, sampleDdim(perfect, xT, schedule, o));

        QVERIFY(parseSolver("dpm++2m") == Solver::DpmSolverPP2M);
        QVERIFY(parseSolver(toString(Solver::Ddim)) == Solver::Ddim);
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError, parseSolver("euler"));
    }

    void autoencoderLearnsAndShapes()
    {
        torch::manual_seed(1);
        AutoEncoder ae(tinyAe());
        const auto x = syntheticImages();
        QCOMPARE(ae->encode(x).sizes(), (torch::IntArrayRef{8, 4, 4, 4}));
        QCOMPARE(ae->decode(ae->encode(x)).sizes(), x.sizes());

        torch::optim::Adam opt(ae->parameters(), torch::optim::AdamOptions(3e-3));
        const double first = ae->loss(x).total.item<double>();
        double last = first;
        for (int step = 0; step < 60; ++step) {
            auto l = ae->loss(x);
            opt.zero_grad();
            l.total.backward();
            opt.step();
            last = l.total.item<double>();
        }
        qInfo("AE loss: %.4f -> %.4f", first, last);
        QVERIFY2(last < 0.5 * first, qPrintable(QString("AE loss %1 -> %2").arg(first).arg(last)));

        // The latent scale makes encode() unit-variance, and decode() undoes it.
        const double scale = ae->calibrateLatentScale(x);
        QVERIFY(scale > 0);
        torch::NoGradGuard noGrad;
        const auto z = ae->encode(x);
        QVERIFY(std::abs(z.std().item<double>() - 1.0) < 0.05);
        QVERIFY(torch::allclose(ae->decode(z), ae->decodeRaw(ae->encodeRaw(x)).clamp(-1, 1), 1e-4, 1e-5));
    }

    void autoencoder128GivesLatent32()
    {
        AutoEncoderConfig c;
        c.imageSize = 128;
        c.channels = {8, 8};
        c.maxGroups = 4;
        c.transposedConv = false; // the nearest + conv decoder
        QCOMPARE(c.latentSize(), 32);
        AutoEncoder ae(c);
        torch::NoGradGuard noGrad;
        const auto z = ae->encode(torch::zeros({1, 3, 128, 128}));
        QCOMPARE(z.sizes(), (torch::IntArrayRef{1, 4, 32, 32}));
        QCOMPARE(ae->decode(z).sizes(), (torch::IntArrayRef{1, 3, 128, 128}));
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError, ae->encode(torch::zeros({1, 3, 30, 30})));
    }

    // The UNet fits a handful of fixed latents: the loss on a fixed evaluation draw (same t, noise)
    // goes down.
    void unetLearns()
    {
        torch::manual_seed(2);
        UNet unet(tinyUNet());
        CosineSchedule schedule(1000);
        auto dataGen = makeCpuGenerator(3);
        // Structured latents (a +-1 level per channel plus a ramp): white noise would not do, its
        // v target is independent of x_t and the best possible loss stays at 1.
        const auto levels = torch::randint(0, 2, {8, 4, 1, 1}, dataGen, torch::kFloat) * 2 - 1;
        const auto ramp = torch::linspace(-0.5, 0.5, 8).view({1, 1, 1, 8});
        const auto z0 = (levels + ramp).expand({8, 4, 8, 8}).contiguous();
        const auto context = torch::randn({8, 3, 12}, dataGen, torch::kFloat);
        DiffusionLossOptions noDrop;
        noDrop.conditionDropProb = 0.0;
        auto evalLoss = [&] {
            torch::NoGradGuard noGrad;
            auto g = makeCpuGenerator(99);
            double sum = 0;
            for (int i = 0; i < 4; ++i)
                sum += diffusionLoss(unet, schedule, z0, context, {}, {}, g, noDrop).item<double>();
            return sum / 4;
        };
        const double before = evalLoss();
        torch::optim::AdamW opt(unet->parameters(), torch::optim::AdamWOptions(2e-3));
        auto gen = makeCpuGenerator(4);
        for (int step = 0; step < 50; ++step) {
            auto loss = diffusionLoss(unet, schedule, z0, context, {}, {}, gen);
            opt.zero_grad();
            loss.backward();
            opt.step();
        }
        const double after = evalLoss();
        qInfo("UNet v-loss on a fixed draw: %.4f -> %.4f", before, after);
        QVERIFY2(after < 0.8 * before, qPrintable(QString("UNet loss %1 -> %2").arg(before).arg(after)));
    }

    void samplingIsDeterministic()
    {
        torch::manual_seed(5);
        UNet unet(tinyUNet());
        perturb(*unet, 5);
        CosineSchedule schedule(1000);
        Guidance g;
        g.context = torch::randn({1, 3, 12});
        g.textScale = 2.5;
        auto run = [&](std::uint64_t seed, double eta) {
            auto gen = makeCpuGenerator(seed);
            const auto xT = torch::randn({2, 4, 8, 8}, gen, torch::kFloat);
            DdimOptions o;
            o.steps = 6;
            o.eta = eta;
            o.seed = seed;
            return sampleDdim(makeGuidedDenoiser(unet, g), xT, schedule, o);
        };
        QVERIFY(torch::equal(run(11, 0.0), run(11, 0.0)));
        QVERIFY(torch::equal(run(11, 1.0), run(11, 1.0)));
        QVERIFY(!torch::equal(run(11, 0.0), run(12, 0.0)));
        QVERIFY(!torch::equal(run(11, 0.0), run(11, 1.0)));
        QVERIFY(run(11, 0.0).isfinite().all().item<bool>());
    }

    void guidanceAlgebra()
    {
        torch::manual_seed(6);
        UNet unet(tinyUNet());
        perturb(*unet, 6);
        torch::NoGradGuard noGrad;
        const auto x = torch::randn({2, 4, 8, 8});
        const auto t = torch::tensor({500.0f, 120.0f});
        const auto ctx = torch::randn({2, 3, 12});
        const auto vCond = unet->forward(x, t, ctx);
        const auto vNull = unet->forward(x, t, unet->nullContext(2));
        QVERIFY(!torch::allclose(vCond, vNull)); // the condition matters

        Guidance g;
        g.context = ctx;
        g.textScale = 1.0;
        QVERIFY(torch::allclose(makeGuidedDenoiser(unet, g)(x, t), vCond, 1e-5, 1e-6));
        g.textScale = 3.0;
        QVERIFY(torch::allclose(makeGuidedDenoiser(unet, g)(x, t), vNull + 3.0 * (vCond - vNull), 1e-4, 1e-5));
        // A caller's null context: of another length (separate forwards) it gives the same as the
        // learned token it copies; a different null context changes the result.
        g.nullContext = unet->nullContext(1).expand({1, 5, 12});
        QVERIFY(torch::allclose(makeGuidedDenoiser(unet, g)(x, t), vNull + 3.0 * (vCond - vNull), 1e-4, 1e-5));
        g.nullContext = torch::zeros({1, 1, 12});
        QVERIFY(!torch::allclose(makeGuidedDenoiser(unet, g)(x, t), vNull + 3.0 * (vCond - vNull), 1e-4, 1e-5));
        g.nullContext = torch::Tensor();

        // A [B,1,D] null context and a [B,T,D] copy of it give the same output (the batched
        // guidance relies on it), and padding tokens are ignored.
        QVERIFY(torch::allclose(vNull, unet->forward(x, t, unet->nullContext(2).expand({2, 5, 12})), 1e-5, 1e-6));
        auto mask = torch::ones({2, 3}, torch::kBool);
        mask.select(1, 2).fill_(false);
        auto ctx2 = ctx.clone();
        ctx2.select(1, 2).normal_();
        QVERIFY(torch::allclose(unet->forward(x, t, ctx, mask), unet->forward(x, t, ctx2, mask), 1e-5, 1e-6));
        QVERIFY(!torch::allclose(unet->forward(x, t, ctx), unet->forward(x, t, ctx2)));
    }

    void editModeShapesAndImageGuidance()
    {
        torch::manual_seed(7);
        UNet unet(tinyUNet(true));
        QVERIFY(unet->config().editing());
        perturb(*unet, 7);
        CosineSchedule schedule(1000);
        auto gen = makeCpuGenerator(8);
        const auto z0 = torch::randn({3, 4, 8, 8}, gen, torch::kFloat);
        const auto ref = torch::randn({3, 4, 8, 8}, gen, torch::kFloat);
        const auto ctx = torch::randn({3, 2, 12}, gen, torch::kFloat);
        const auto loss = diffusionLoss(unet, schedule, z0, ctx, {}, ref, gen);
        QCOMPARE(loss.dim(), int64_t(0));
        loss.backward();
        QVERIFY(std::isfinite(loss.item<double>()));
        QVERIFY(diffusionLoss(unet, schedule, z0, ctx, {}, {}, gen).defined()); // no reference = zeros

        torch::NoGradGuard noGrad;
        const auto t = torch::full({3}, 300.0f);
        const auto x = torch::randn({3, 4, 8, 8});
        QCOMPARE(unet->forward(torch::cat({x, ref}, 1), t, ctx).sizes(), (torch::IntArrayRef{3, 4, 8, 8}));
        const auto vC = unet->forward(torch::cat({x, ref}, 1), t, ctx);
        const auto vN = unet->forward(torch::cat({x, ref}, 1), t, unet->nullContext(3));
        const auto v0 = unet->forward(torch::cat({x, torch::zeros_like(ref)}, 1), t, unet->nullContext(3));
        Guidance g;
        g.context = ctx;
        g.reference = ref;
        g.textScale = 2.0;
        g.imageScale = 1.5;
        const auto v = makeGuidedDenoiser(unet, g)(x, t);
        QCOMPARE(v.sizes(), (torch::IntArrayRef{3, 4, 8, 8}));
        QVERIFY(torch::allclose(v, v0 + 1.5 * (vN - v0) + 2.0 * (vC - vN), 1e-4, 1e-5));

        const auto sample = sampleDdim(makeGuidedDenoiser(unet, g), torch::randn({3, 4, 8, 8}), schedule, 4);
        QCOMPARE(sample.sizes(), (torch::IntArrayRef{3, 4, 8, 8}));

        // A reference latent for a text-to-image UNet is a caller error, not silently dropped.
        UNet textOnly(tinyUNet(false));
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError, diffusionLoss(textOnly, schedule, z0, ctx, {}, ref, gen));
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError, unet->forward(x, t, ctx)); // 4 channels into an 8-channel UNet
    }

    void cancellationStopsSampler()
    {
        CosineSchedule schedule(1000);
        int calls = 0;
        DenoiseFn fn = [&](const torch::Tensor& x, const torch::Tensor&) {
            ++calls;
            return torch::zeros_like(x);
        };
        const auto out = sampleDdim(fn, torch::randn({1, 4, 8, 8}), schedule, 10, 0.0,
                                    [](std::int64_t done, std::int64_t total) { return !(done == 3 && total == 10); });
        QVERIFY(!out.defined());
        QCOMPARE(calls, 3);
    }

    void emaTracksParameters()
    {
        torch::nn::Linear lin(3, 2);
        ExponentialMovingAverage ema(*lin, 0.5);
        const auto original = lin->weight.detach().clone();
        {
            torch::NoGradGuard noGrad;
            lin->weight.add_(1.0);
        }
        ema.update(*lin); // warm-up decay min(0.5, 1/10) = 0.1 -> shadow = 0.1 w0 + 0.9 (w0 + 1)
        torch::nn::Linear target(3, 2);
        ema.copyTo(*target);
        QVERIFY(torch::allclose(target->weight, original + 0.9, 1e-5, 1e-6));
        QCOMPARE(ema.updates(), int64_t(1));
    }

    void configsRoundTripJson()
    {
        DiffusionConfig c;
        c.autoencoder = tinyAe();
        c.unet = tinyUNet(true);
        c.schedule.kind = "linear";
        c.schedule.spacing = TimestepSpacing::Leading;
        const auto j = c.toJson();
        const auto back = DiffusionConfig::fromJson(nlohmann::json::parse(j.dump()));
        QCOMPARE(back.toJson(), j);
        QCOMPARE(back.unet.channelMults, (std::vector<int>{1, 2}));
        QCOMPARE(back.autoencoder.latentSize(), 4);

        auto bad = j;
        bad["unet"]["baseChannel"] = 32; // typo
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError, DiffusionConfig::fromJson(bad));
        bad = j;
        bad["unet"]["inChannels"] = 5;
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError, DiffusionConfig::fromJson(bad));
        bad = j;
        bad["schedule"]["spacing"] = "sideways";
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError, DiffusionConfig::fromJson(bad));
        bad = j;
        bad["autoencoder"]["channels"] = "wide";
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError, DiffusionConfig::fromJson(bad));
    }

    void upscalerConfigAndReference()
    {
        // No upscaler: none in the JSON (packs without one keep their manifests) and images at
        // the autoencoder's size.
        DiffusionConfig c;
        c.autoencoder = tinyAe();
        c.unet = tinyUNet(true);
        QVERIFY(!c.toJson().contains("upscaler"));
        QCOMPARE(c.outputSize(), c.autoencoder.imageSize);
        // An upscaler from a few keys: the rest are its own defaults (no text, no attention).
        auto j = c.toJson();
        j["upscaler"] = {{"steps", 4}, {"unet", {{"baseChannels", 8}, {"maxGroups", 4}}}};
        const auto up = DiffusionConfig::fromJson(j);
        QVERIFY(up.upscaler.has_value());
        QCOMPARE(up.upscaler->steps, 4);
        QCOMPARE(up.upscaler->unet.contextDim, 0);
        QCOMPARE(up.upscaler->unet.inChannels, 2 * c.autoencoder.latentChannels);
        QVERIFY(up.upscaler->unet.attentionResolutions.empty());
        QCOMPARE(up.outputSize(), 2 * c.autoencoder.imageSize);
        QCOMPARE(DiffusionConfig::fromJson(up.toJson()).toJson(), up.toJson());
        // It reads the base latent, not the text; its crops fit its levels; no unknown keys.
        for (const auto& wrong : {nlohmann::json{{"unet", {{"contextDim", 8}}}}, nlohmann::json{{"unet", {{"inChannels", 4}}}},
                                  nlohmann::json{{"cropSize", 3}}, nlohmann::json{{"steps", 0}}, nlohmann::json{{"strength", 0}},
                                  nlohmann::json{{"step", 4}}}) {
            auto bad = j;
            bad["upscaler"] = wrong;
            QVERIFY_THROWS_EXCEPTION(uf::BadInputError, DiffusionConfig::fromJson(bad));
        }
        // Its reference: every base latent pixel repeated 2x2.
        auto z = torch::arange(8, torch::kFloat).view({1, 2, 2, 2});
        auto r = upscalerReference(z);
        QCOMPARE(r.sizes().vec(), (std::vector<int64_t>{1, 2, 4, 4}));
        QCOMPARE(r[0][1][3][2].item<float>(), z[0][1][1][1].item<float>());
        QCOMPARE(r[0][0][1][0].item<float>(), z[0][0][0][0].item<float>());
        // Sampling it: the 2x latent, the same for the same noise.
        torch::manual_seed(3);
        UNet net(up.upscaler->unet);
        auto schedule = makeSchedule(up.schedule);
        auto base = torch::randn({2, 4, 4, 4});
        auto noise = torch::randn({2, 4, 8, 8});
        DdimOptions d;
        d.steps = up.upscaler->steps;
        auto a = sampleUpscaled(net, base, noise, *schedule, d);
        QCOMPARE(a.sizes().vec(), (std::vector<int64_t>{2, 4, 8, 8}));
        QVERIFY(torch::equal(a, sampleUpscaled(net, base, noise, *schedule, d)));
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError, sampleUpscaled(net, base, torch::randn({2, 4, 4, 4}), *schedule, d));
        // Started half way from the upsampled base latent: half the steps, and it stays nearer that
        // latent than a run from pure noise (the upscaler only adds detail).
        DdimOptions half = d;
        half.strength = 0.5;
        QCOMPARE(ddimRunSteps(*schedule, half), 2);
        int visited = 0;
        auto h = sampleUpscaled(net, base, noise, *schedule, half, [&](int64_t, int64_t) { return ++visited > 0; });
        QCOMPARE(visited, 2);
        const auto ref = upscalerReference(base);
        QVERIFY((h - ref).abs().mean().item<double>() < (a - ref).abs().mean().item<double>());
    }
};

QTEST_GUILESS_MAIN(DiffusionTest)
#include "DiffusionTest.moc"
