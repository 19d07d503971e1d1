// Model speed benchmark (see ModelBench.h).
#include "eval/ModelBench.h"

#include "common/Error.h"
#include "common/MatmulPeak.h"
#include "model/ModelRunner.h"
#include "model_io/PackIO.h"
#include "pipeline/TrainPipeline.h"
#include "training/CatalogData.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <cstdio>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace uf::eval {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

void sync(const torch::Device& d)
{
    if (d.is_cuda())
        torch::cuda::synchronize();
}

} // namespace

json runModelBench(const ModelBenchOptions& o, const std::function<void(const std::string&)>& logIn)
{
    const auto log = logIn ? logIn : [](const std::string&) {};
    const int threads = o.threads > 0 ? o.threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    torch::set_num_threads(threads);
    training::tuneAllocator();
    const bool cuda = o.device == "cuda";
    if (cuda && !torch::cuda::is_available())
        throw UsageError("--device cuda: no CUDA device is visible to this build of libtorch");
    const torch::Device device = cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
    std::filesystem::path work = o.workDir.empty() ? std::filesystem::temp_directory_path() / ("uf-bench-" + std::to_string(::getpid())) : o.workDir;
    std::filesystem::create_directories(work);
    json out;
    try {
        out["device"] = o.device;
        out["threads"] = threads;
        log("measuring the float32 matrix-multiply peak");
        const double peak = matmulPeakGflops(device.is_cuda() ? 4096 : 1024, device.is_cuda());
        out["gemm_peak_gflops"] = peak;

        // Training steps: a short run per phase, every stage the same number of steps.
        json train = json::array();
        pipeline::TrainOptions t;
        t.catalogDir = o.catalogDir;
        t.configFile = o.config;
        t.device = o.device;
        t.threads = threads;
        t.fresh = true;
        model::ModelConfig mc;
        training::TrainConfig tc;
        text::Tokenizer::BuildOptions tok;
        if (o.config)
            pipeline::readTrainConfigFile(*o.config, mc, tc, tok);
        for (int phase : {1, 2}) {
            const auto& stages = tc.stages(phase);
            int active = 0;
            for (const auto& s : stages)
                active += s.share > 0 ? 1 : 0;
            // Stage shares decide the split of steps; equal steps per stage need equal shares.
            const auto cfgFile = work / ("bench-config-" + std::to_string(phase) + ".json");
            json cfg = {{"model", mc.toJson()}, {"train", tc.toJson()},
                        {"tokenizer", {{"maxWords", tok.maxWords}, {"minWordCount", tok.minWordCount}, {"maxPieces", tok.maxPieces}, {"minPieceCount", tok.minPieceCount}}}};
            auto& st = cfg["train"][phase == 1 ? "phase1" : "phase2"];
            for (auto& s : st)
                s["share"] = s["share"].get<double>() > 0 ? 1.0 : 0.0;
            cfg["train"]["logSeconds"] = 1e9;
            cfg["train"]["checkpointMinutes"] = 1e9;
            {
                std::ofstream f(cfgFile);
                f << cfg.dump(2);
            }
            t.configFile = cfgFile;
            t.phase = phase;
            t.steps = static_cast<long long>(o.stepsPerStage) * active;
            t.out = work / ("bench-phase" + std::to_string(phase));
            t.init = phase == 2 ? std::optional<std::filesystem::path>(work / "bench-phase1") : std::nullopt;
            log("timing phase " + std::to_string(phase) + " training steps");
            const auto r = pipeline::trainModel(t, {}, {});
            for (const auto& s : r.stages) {
                const double sps = s.steadySecondsPerStep();
                train.push_back({{"phase", phase}, {"stage", s.name}, {"steps", s.steps}, {"seconds_per_step", sps},
                                 {"first_step_seconds", s.firstStepSeconds}});
            }
        }
        out["training"] = train;
        out["batch"] = {{"retrieval", tc.batchSize}, {"diffusion", tc.diffusionBatchSize}, {"itm", tc.itmBatchSize}};

        // Inference on the benchmark's own pack (or --model).
        const auto packPath = o.model ? *o.model : work / "bench-phase2";
        auto loaded = model_io::loadModelPack(packPath, device);
        model::ModelRunner runner(loaded.net, loaded.tokenizer, device);
        auto data = training::loadCatalogData(o.catalogDir, "all", loaded.config.vision.imageSize, loaded.config.diffusion.autoencoder.imageSize,
                                              torch::kCPU, {}, std::max(o.embedImages, o.captions));
        const int64_t n = std::min<int64_t>(o.embedImages, data.visionImages.size(0));
        (void)runner.embedImages(data.visionImages.narrow(0, 0, std::min<int64_t>(n, 32))); // warm-up
        sync(device);
        auto t0 = Clock::now();
        (void)runner.embedImages(data.visionImages.narrow(0, 0, n));
        sync(device);
        const double embedS = since(t0);
        t0 = Clock::now();
        (void)runner.embedTexts(std::vector<std::string>(256, "navy striped long sleeve shirt"));
        sync(device);
        const double textS = since(t0);
        const int64_t nc = std::min<int64_t>(o.captions, data.visionImages.size(0));
        t0 = Clock::now();
        (void)runner.caption(data.visionImages.narrow(0, 0, nc), std::vector<std::string>(static_cast<std::size_t>(nc), "en"));
        sync(device);
        const double capS = since(t0);
        model::GenerateOptions go;
        go.steps = o.steps;
        go.solver = diffusion::parseSolver(o.sampler);
        go.count = o.ddimImages;
        (void)runner.generate("red dress", std::nullopt, [&] { auto g = go; g.steps = 2; g.count = 2; return g; }());
        // The median of three calls: one call's time on these shared vCPUs moves by a fifth or more.
        auto timeGenerate = [&](const model::GenerateOptions& g) {
            std::vector<double> t;
            for (int k = 0; k < 3; ++k) {
                const auto start = Clock::now();
                (void)runner.generate("red dress", std::nullopt, g);
                sync(device);
                t.push_back(since(start));
            }
            std::sort(t.begin(), t.end());
            return t[1];
        };
        const double genS = timeGenerate(go);
        double ddimS = 0;
        if (o.ddimSteps > 0) {
            auto ddim = go;
            ddim.steps = o.ddimSteps;
            ddim.solver = diffusion::Solver::Ddim;
            ddimS = timeGenerate(ddim);
        }
        // With an upscaler that was the full-size image; its draft (the base latent alone) beside it.
        double draftS = 0;
        if (loaded.config.diffusion.upscaler) {
            auto draft = go;
            draft.upscale = false;
            draftS = timeGenerate(draft);
        }
        out["inference"] = {{"pack", packPath.string()},
                            {"images_per_second", double(n) / embedS},
                            {"texts_per_second", 256.0 / textS},
                            {"caption_seconds_per_image", capS / double(nc)},
                            {"generate_seconds_per_image", genS / double(o.ddimImages)},
                            {"sampler", o.sampler},
                            {"steps", o.steps},
                            {"batch", o.ddimImages},
                            {"ddim_seconds_per_image", ddimS / double(o.ddimImages)},
                            {"ddim_steps", o.ddimSteps},
                            {"image_size", loaded.config.diffusion.outputSize()},
                            {"draft_seconds_per_image", draftS / double(o.ddimImages)},
                            {"draft_size", loaded.config.diffusion.autoencoder.imageSize},
                            {"guidance", "classifier-free, 2 UNet passes per step"}};
        int64_t params = 0;
        for (const auto& p : loaded.net->parameters())
            params += p.numel();
        out["parameters"] = params;
    } catch (const c10::Error& e) {
        std::error_code ec;
        if (o.workDir.empty())
            std::filesystem::remove_all(work, ec);
        throw Error(std::string("benchmark failed inside torch: ") + e.what_without_backtrace());
    }
    std::error_code ec;
    if (o.workDir.empty())
        std::filesystem::remove_all(work, ec);
    return out;
}

std::string modelBenchMarkdown(const json& r)
{
    std::ostringstream s;
    char buf[256];
    std::snprintf(buf, sizeof buf, "Device %s, %d threads, float32 GEMM peak %.1f GFLOP/s; model %.1f M parameters.\n\n",
                  r.value("device", "").c_str(), r.value("threads", 0), r.value("gemm_peak_gflops", 0.0), r.value("parameters", 0) / 1e6);
    s << buf;
    s << "| phase | stage | s/step (steady) | first step s |\n| --- | --- | --- | --- |\n";
    for (const auto& t : r.value("training", json::array())) {
        std::snprintf(buf, sizeof buf, "| %d | %s | %.3f | %.3f |\n", t.value("phase", 0), t.value("stage", "").c_str(),
                      t.value("seconds_per_step", 0.0), t.value("first_step_seconds", 0.0));
        s << buf;
    }
    const auto& i = r.value("inference", json::object());
    std::snprintf(buf, sizeof buf,
                  "\n| inference | figure |\n| --- | --- |\n| images embedded | %.1f /s |\n| texts embedded | %.1f /s |\n"
                  "| caption (beam 3) | %.3f s/image |\n| generate: %s, %d steps, CFG, batch %d, %d px | %.3f s/image |\n",
                  i.value("images_per_second", 0.0), i.value("texts_per_second", 0.0), i.value("caption_seconds_per_image", 0.0),
                  i.value("sampler", "").c_str(), i.value("steps", 0), i.value("batch", 0), i.value("image_size", 0),
                  i.value("generate_seconds_per_image", 0.0));
    s << buf;
    if (i.value("draft_seconds_per_image", 0.0) > 0) {
        std::snprintf(buf, sizeof buf, "| … the %d px draft alone (no upscaler) | %.3f s/image |\n", i.value("draft_size", 0),
                      i.value("draft_seconds_per_image", 0.0));
        s << buf;
    }
    if (i.value("ddim_seconds_per_image", 0.0) > 0) {
        std::snprintf(buf, sizeof buf, "| … beside it, DDIM %d steps, %d px | %.3f s/image |\n", i.value("ddim_steps", 0), i.value("image_size", 0),
                      i.value("ddim_seconds_per_image", 0.0));
        s << buf;
    }
    return s.str();
}

} // namespace uf::eval
