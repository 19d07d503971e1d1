// torch-internal (training, eval only): a catalog split loaded for training or evaluation —
// product texts and attributes, and every image decoded once into a uint8 tensor at the sizes
// the model needs (decoding must not dominate a training step).
#pragma once

#include "training/TextSampler.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace uf::training {

struct CatalogItem {
    std::string sku;
    ItemTexts texts; // attributes include "category"
};

struct CatalogData {
    std::vector<CatalogItem> items;
    torch::Tensor visionImages; // uint8 [N,3,Sv,Sv] on the device
    torch::Tensor aeImages;     // uint8 [N,3,Sa,Sa] on the device (the same tensor when Sa == Sv)
    torch::Tensor latents;      // float [N,C,h,w], filled by the trainer once the autoencoder is ready
    // Training an upscaler (DiffusionConfig::upscaler) only, else undefined: the images at twice
    // the autoencoder's size, uint8 [N,3,2Sa,2Sa], and their latents, float [N,C,2h,2w].
    torch::Tensor upscaleImages;
    torch::Tensor upscaleLatents;
    std::vector<Triplet> triplets;
    std::vector<std::vector<int>> tripletsByTarget;
    nlohmann::json summary = nlohmann::json::object();
    std::string fingerprint; // SHA-256 over the items' SKUs and content hashes

    std::vector<Attributes> attributes() const;
};

// split "all" takes every product. Products without a readable image are left out (counted in
// summary["skipped"]). Throws BadInputError when fewer than two products remain. upscaleSide > 0
// also caches the images at that side (upscaleImages).
CatalogData loadCatalogData(const std::filesystem::path& catalogDir, const std::string& split, int visionSide, int aeSide,
                            const torch::Device& device, const std::function<void(const std::string&)>& log, int maxItems = -1,
                            int upscaleSide = 0);

} // namespace uf::training
