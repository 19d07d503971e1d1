#include "common/MatmulPeak.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>

namespace uf {

double matmulPeakGflops(std::int64_t n, bool cuda)
{
    const torch::Device device = cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
    const auto sync = [cuda] {
        if (cuda)
            torch::cuda::synchronize();
    };
    // Its own generator: measuring (at a training run's start and end) draws nothing from the
    // global one, so what a seed gives does not depend on it.
    auto gen = at::make_generator<at::CPUGeneratorImpl>(1);
    const auto a = torch::randn({n, n}, gen, torch::TensorOptions()).to(device);
    const auto b = torch::randn({n, n}, gen, torch::TensorOptions()).to(device);
    auto c = torch::matmul(a, b); // warm-up
    sync();
    double best = 0;
    const int inner = cuda ? 10 : 2;
    for (int rep = 0; rep < 5; ++rep) {
        const auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < inner; ++i)
            c = torch::matmul(a, b);
        sync();
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        best = std::max(best, 2.0 * static_cast<double>(n) * n * n * inner / s / 1e9);
    }
    return best;
}

} // namespace uf
