// The UnifiedModel façade: loads a verified pack (model_io) and answers through ModelRunner.
// c10::Error never crosses this boundary: it becomes ModelLoadError (loading) or uf::Error.
#include "model/UnifiedModel.h"

#include "common/Error.h"
#include "model/ModelRunner.h"
#include "model_io/PackIO.h"

#include <torch/cuda.h>

#include <unistd.h>

namespace uf::model {

struct UnifiedModel::Impl {
    ModelInfo info;
    std::unique_ptr<ModelRunner> runner;
};

namespace {

torch::Device torchDevice(Device d) { return d == Device::Cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU); }

template <typename Fn>
auto guarded(const char* what, Fn&& fn) -> decltype(fn())
{
    try {
        return fn();
    } catch (const c10::Error& e) {
        throw Error(std::string(what) + " failed inside torch: " + e.what_without_backtrace());
    }
}

} // namespace

Device parseDevice(const std::string& name)
{
    if (name == "cpu")
        return Device::Cpu;
    if (name == "cuda" || name == "gpu")
        return Device::Cuda;
    throw UsageError("unknown device '" + name + "' (use cpu or cuda)");
}

bool cudaAvailable()
{
    try {
        return torch::cuda::is_available();
    } catch (...) {
        return false;
    }
}

UnifiedModel::UnifiedModel(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
UnifiedModel::~UnifiedModel() = default;

std::unique_ptr<UnifiedModel> UnifiedModel::load(const std::filesystem::path& pack, Device device)
{
    if (device == Device::Cuda && !cudaAvailable())
        throw UsageError("--device cuda: no CUDA device is visible to this build of libtorch; use --device cpu");
    auto loaded = model_io::loadModelPack(pack, torchDevice(device));
    auto impl = std::make_unique<Impl>();
    impl->info.name = loaded.manifest.name;
    impl->info.packSha256 = model_io::manifestSha256(pack);
    impl->info.imageSize = loaded.config.vision.imageSize;
    impl->info.outputSize = loaded.config.diffusion.outputSize();
    impl->info.draftSize = loaded.config.diffusion.autoencoder.imageSize;
    impl->info.embedDim = loaded.config.embedDim;
    impl->info.numQueries = loaded.config.qformer.queries;
    impl->info.phase = loaded.manifest.phase;
    impl->runner = std::make_unique<ModelRunner>(loaded.net, loaded.tokenizer, torchDevice(device));
    return std::unique_ptr<UnifiedModel>(new UnifiedModel(std::move(impl)));
}

const ModelInfo& UnifiedModel::info() const { return m_impl->info; }

namespace {

Embedding toEmbedding(const torch::Tensor& t) // [tokens, dim]
{
    auto c = t.to(torch::kFloat).contiguous();
    Embedding e;
    e.tokens = static_cast<int>(c.size(0));
    e.dim = static_cast<int>(c.size(1));
    e.data.assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    return e;
}

} // namespace

std::vector<Embedding> UnifiedModel::embedImages(const std::vector<imaging::Image>& images, const ProgressFn& progress)
{
    return guarded("embedding images", [&] {
        std::vector<Embedding> out;
        const std::size_t chunk = 128;
        const int side = m_impl->info.imageSize;
        for (std::size_t s = 0; s < images.size(); s += chunk) {
            const std::size_t e = std::min(images.size(), s + chunk);
            std::vector<imaging::Image> part(images.begin() + static_cast<std::ptrdiff_t>(s), images.begin() + static_cast<std::ptrdiff_t>(e));
            auto emb = m_impl->runner->embedImages(imagesToTensor(part, side), {}, static_cast<int>(chunk));
            for (int64_t i = 0; i < emb.size(0); ++i)
                out.push_back(toEmbedding(emb[i]));
            if (!reportProgress(progress, static_cast<std::int64_t>(e), static_cast<std::int64_t>(images.size())))
                break;
        }
        return out;
    });
}

Embedding UnifiedModel::embedText(const std::string& query)
{
    return guarded("embedding text", [&] { return toEmbedding(m_impl->runner->embedTexts({query})); });
}

Embedding UnifiedModel::embedComposed(const imaging::Image& reference, const std::string& modification)
{
    return guarded("embedding a composed query", [&] {
        auto ref = imageToTensor(reference, m_impl->info.imageSize).unsqueeze(0);
        return toEmbedding(m_impl->runner->embedComposed(ref, {modification}));
    });
}

std::string UnifiedModel::caption(const imaging::Image& image, const std::string& lang)
{
    if (lang != "ja" && lang != "en")
        throw BadInputError("caption language must be ja or en, not '" + lang + "'");
    return guarded("captioning", [&] {
        auto img = imageToTensor(image, m_impl->info.imageSize).unsqueeze(0);
        return m_impl->runner->caption(img, {lang}).at(0);
    });
}

std::vector<imaging::Image> UnifiedModel::generate(const GenerateRequest& request, const ProgressFn& progress)
{
    const auto solver = diffusion::parseSolver(request.sampler); // BadInputError naming the samplers
    if (request.count < 1)
        throw BadInputError("generate: count must be at least 1");
    if (request.steps < 1)
        throw BadInputError("generate: steps must be at least 1");
    if (!isValidEditStrength(request.strength))
        throw BadInputError("generate: the edit strength must be above 0 and at most 1");
    return guarded("generating", [&] {
        GenerateOptions o;
        o.count = request.count;
        o.seed = request.seed;
        o.steps = request.steps;
        o.guidance = request.guidance;
        o.strength = request.strength;
        o.upscale = !request.draft;
        o.solver = solver;
        std::optional<torch::Tensor> ref;
        if (request.reference)
            ref = imageToTensor(*request.reference, m_impl->info.imageSize);
        auto imgs = m_impl->runner->generate(request.prompt, ref, o, progress);
        std::vector<imaging::Image> out;
        if (!imgs.defined())
            return out;
        for (int64_t i = 0; i < imgs.size(0); ++i)
            out.push_back(tensorToImage(imgs[i]));
        return out;
    });
}

std::optional<std::filesystem::path> defaultPackPath()
{
    namespace fs = std::filesystem;
    std::vector<fs::path> candidates;
    if (const char* env = std::getenv("UNIFASHION_MODEL"); env && *env)
        candidates.emplace_back(env);
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        candidates.push_back(exe.parent_path() / ".." / "share" / "unifashion" / "models" / "default");
        candidates.push_back(exe.parent_path() / "resources" / "models" / "default");
    }
#ifdef UF_INSTALL_DATADIR
    candidates.push_back(fs::path(UF_INSTALL_DATADIR) / "models" / "default");
#endif
#ifdef UF_SOURCE_RESOURCES
    candidates.push_back(fs::path(UF_SOURCE_RESOURCES) / "models" / "default");
#endif
    for (const auto& c : candidates)
        if (fs::is_regular_file(c / "manifest.json", ec))
            return fs::weakly_canonical(c, ec);
    return std::nullopt;
}

} // namespace uf::model
