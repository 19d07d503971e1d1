// What indexing and searching need from a model: embeddings of product images, descriptions,
// text queries and composed queries, and the hash that identifies the pack. The product uses the
// unified model (makeModelEmbedder); tests plug in deterministic vectors of their own.
// Implementations must be safe to call from several threads (the model one is serialised inside).
#pragma once

#include "common/Progress.h"
#include "imaging/Image.h"
#include "model/UnifiedModel.h"

#include <memory>
#include <string>
#include <vector>

namespace uf::search {

class Embedder {
public:
    virtual ~Embedder() = default;
    virtual std::string modelHash() const = 0;
    virtual int dim() const = 0;
    // One L2-normalised row per query token per image.
    virtual std::vector<model::Embedding> embedImages(const std::vector<imaging::Image>& images,
                                                      const ProgressFn& progress = {}) = 0;
    // Text is already folded by text::normalize.
    virtual model::Embedding embedText(const std::string& text) = 0;
    virtual model::Embedding embedComposed(const imaging::Image& reference, const std::string& modification) = 0;
};

// Wraps a loaded pack; calls are serialised (one UnifiedModel serves one thread at a time).
std::unique_ptr<Embedder> makeModelEmbedder(std::shared_ptr<model::UnifiedModel> model);

} // namespace uf::search
