// torch-internal (core/eval only; callers use AttributeJudge.h): the judge's network, a small
// BatchNorm CNN with one linear head per attribute. Stride-2 stages, global average pooling, a
// feature layer (the "penultimate layer" used for Frechet distance and diversity), heads.
#pragma once

#include <torch/torch.h>

#include <vector>

namespace uf::eval {

struct JudgeNetOutput {
    torch::Tensor features;            // [B, featureDim], after ReLU
    std::vector<torch::Tensor> logits; // per head [B, labels]
};

struct JudgeNetImpl : torch::nn::Module {
    JudgeNetImpl(int imageChannels, const std::vector<int>& channels, int featureDim, const std::vector<int>& headSizes);
    JudgeNetOutput forward(const torch::Tensor& x);

    torch::nn::Sequential body{nullptr};
    torch::nn::Linear feature{nullptr};
    torch::nn::ModuleList heads{nullptr};
};
TORCH_MODULE(JudgeNet);

} // namespace uf::eval
