// Noise schedules as small strategy objects (each kind only says how its betas are made; the base
// holds the alphas_cumprod table) and the DDIM timestep selection. No torch: plain doubles, so
// the tables can be checked against numbers computed by hand.
//
// Interface note:
//   auto schedule = makeSchedule(config.schedule);        // std::unique_ptr<NoiseSchedule>
//   schedule->alphaCumprod(t)  (t in [0, T)), schedule->alphasCumprod() (the whole table)
//   ddimTimesteps(T, steps, spacing)  -> descending timesteps the sampler visits
#pragma once

#include "diffusion/DiffusionConfig.h"

#include <memory>
#include <string>
#include <vector>

namespace uf::diffusion {

class NoiseSchedule {
public:
    virtual ~NoiseSchedule() = default;
    virtual std::string name() const = 0;

    int numTrainSteps() const { return static_cast<int>(m_betas.size()); }
    double beta(int t) const { return m_betas.at(static_cast<std::size_t>(t)); }
    double alphaCumprod(int t) const { return m_alphasCumprod.at(static_cast<std::size_t>(t)); }
    const std::vector<double>& betas() const { return m_betas; }
    const std::vector<double>& alphasCumprod() const { return m_alphasCumprod; }

protected:
    explicit NoiseSchedule(std::vector<double> betas); // alphas_cumprod = cumprod(1 - beta)

private:
    std::vector<double> m_betas;
    std::vector<double> m_alphasCumprod;
};

// Nichol & Dhariwal (improved DDPM), as improved-diffusion / diffusers "squaredcos_cap_v2":
//   abar(u) = cos((u + s) / (1 + s) * pi / 2)^2,  beta_i = min(1 - abar((i+1)/T) / abar(i/T), maxBeta)
class CosineSchedule final : public NoiseSchedule {
public:
    explicit CosineSchedule(int numTrainSteps = 1000, double offset = 0.008, double maxBeta = 0.999);
    std::string name() const override { return "cosine"; }
};

// DDPM (Ho et al.): betas evenly spaced from betaStart to betaEnd.
class LinearSchedule final : public NoiseSchedule {
public:
    explicit LinearSchedule(int numTrainSteps = 1000, double betaStart = 1e-4, double betaEnd = 0.02);
    std::string name() const override { return "linear"; }
};

std::unique_ptr<NoiseSchedule> makeSchedule(const ScheduleConfig& config);

// The timesteps a DDIM sampler visits, in descending order (diffusers' conventions):
//   Leading:  (T / steps) * i, i = steps-1 .. 0                 (25 of 1000: 960, 920, ..., 0)
//   Trailing: round(T - i * T / steps) - 1, i = 0 .. steps-1    (999, 959, ..., 39)
//   Linspace: round(linspace(0, T-1, steps)) reversed           (999, 957, ..., 0)
// steps is clamped to [1, T]. Throws BadInputError for steps < 1.
std::vector<int> ddimTimesteps(int numTrainSteps, int steps, TimestepSpacing spacing);

} // namespace uf::diffusion
