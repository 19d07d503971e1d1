// The unified model behind the Embedder interface, serialised with a mutex.
#include "search/Embedder.h"

#include "common/Error.h"

#include <mutex>

namespace uf::search {

namespace {

class ModelEmbedder final : public Embedder {
public:
    explicit ModelEmbedder(std::shared_ptr<model::UnifiedModel> model) : m_model(std::move(model))
    {
        if (!m_model)
            throw Error("makeModelEmbedder: no model");
    }
    std::string modelHash() const override { return m_model->info().packSha256; }
    int dim() const override { return m_model->info().embedDim; }
    std::vector<model::Embedding> embedImages(const std::vector<imaging::Image>& images, const ProgressFn& progress) override
    {
        std::lock_guard lock(m_mutex);
        return m_model->embedImages(images, progress);
    }
    model::Embedding embedText(const std::string& text) override
    {
        std::lock_guard lock(m_mutex);
        return m_model->embedText(text);
    }
    model::Embedding embedComposed(const imaging::Image& reference, const std::string& modification) override
    {
        std::lock_guard lock(m_mutex);
        return m_model->embedComposed(reference, modification);
    }

private:
    std::shared_ptr<model::UnifiedModel> m_model;
    std::mutex m_mutex; // the model serves one thread at a time
};

} // namespace

std::unique_ptr<Embedder> makeModelEmbedder(std::shared_ptr<model::UnifiedModel> model)
{
    return std::make_unique<ModelEmbedder>(std::move(model));
}

} // namespace uf::search
