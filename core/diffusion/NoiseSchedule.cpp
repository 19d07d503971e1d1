// Schedule tables in double precision (the UNet sees them as float later; the table itself is the
// reference the tests compare against).
#include "diffusion/NoiseSchedule.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace uf::diffusion {

NoiseSchedule::NoiseSchedule(std::vector<double> betas) : m_betas(std::move(betas))
{
    m_alphasCumprod.reserve(m_betas.size());
    double prod = 1.0;
    for (double b : m_betas) {
        prod *= 1.0 - b;
        m_alphasCumprod.push_back(prod);
    }
}

namespace {

std::vector<double> cosineBetas(int steps, double offset, double maxBeta)
{
    if (steps < 2)
        throw BadInputError("cosine schedule: needs at least 2 steps");
    auto abar = [offset](double u) {
        const double c = std::cos((u + offset) / (1.0 + offset) * std::numbers::pi / 2.0);
        return c * c;
    };
    std::vector<double> betas(static_cast<std::size_t>(steps));
    for (int i = 0; i < steps; ++i) {
        const double t1 = static_cast<double>(i) / steps;
        const double t2 = static_cast<double>(i + 1) / steps;
        betas[static_cast<std::size_t>(i)] = std::min(1.0 - abar(t2) / abar(t1), maxBeta);
    }
    return betas;
}

std::vector<double> linearBetas(int steps, double start, double end)
{
    if (steps < 2)
        throw BadInputError("linear schedule: needs at least 2 steps");
    std::vector<double> betas(static_cast<std::size_t>(steps));
    for (int i = 0; i < steps; ++i)
        betas[static_cast<std::size_t>(i)] = start + (end - start) * i / (steps - 1);
    return betas;
}

} // namespace

CosineSchedule::CosineSchedule(int numTrainSteps, double offset, double maxBeta)
    : NoiseSchedule(cosineBetas(numTrainSteps, offset, maxBeta))
{
}

LinearSchedule::LinearSchedule(int numTrainSteps, double betaStart, double betaEnd)
    : NoiseSchedule(linearBetas(numTrainSteps, betaStart, betaEnd))
{
}

std::unique_ptr<NoiseSchedule> makeSchedule(const ScheduleConfig& config)
{
    config.validate();
    if (config.kind == "linear")
        return std::make_unique<LinearSchedule>(config.numTrainSteps, config.betaStart, config.betaEnd);
    return std::make_unique<CosineSchedule>(config.numTrainSteps, config.cosineOffset, config.maxBeta);
}

std::vector<int> ddimTimesteps(int numTrainSteps, int steps, TimestepSpacing spacing)
{
    if (steps < 1 || numTrainSteps < 1)
        throw BadInputError("DDIM: the number of steps must be >= 1 (got " + std::to_string(steps) + ")");
    steps = std::min(steps, numTrainSteps);
    std::vector<int> ts;
    ts.reserve(static_cast<std::size_t>(steps));
    switch (spacing) {
    case TimestepSpacing::Leading: {
        const int ratio = numTrainSteps / steps;
        for (int i = steps - 1; i >= 0; --i)
            ts.push_back(i * ratio);
        break;
    }
    case TimestepSpacing::Trailing: {
        const double ratio = static_cast<double>(numTrainSteps) / steps;
        for (int i = 0; i < steps; ++i)
            ts.push_back(static_cast<int>(std::nearbyint(numTrainSteps - i * ratio)) - 1);
        break;
    }
    case TimestepSpacing::Linspace: {
        for (int i = steps - 1; i >= 0; --i) {
            const double u = steps == 1 ? 0.0 : static_cast<double>(i) * (numTrainSteps - 1) / (steps - 1);
            ts.push_back(static_cast<int>(std::nearbyint(u)));
        }
        break;
    }
    }
    return ts;
}

} // namespace uf::diffusion
