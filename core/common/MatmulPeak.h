// The machine's float32 matrix-multiply peak: the reference every speed figure in
// docs/BENCHMARKS.md stands beside (the model bench and the index bench measure it the same way,
// and every training run at its start and end: a pack's minutes are read beside it).
#pragma once

#include <cstdint>

namespace uf {

// Sustained float32 GEMM rate in GFLOP/s: the best of a few n×n by n×n products on the current
// torch thread count (on this CPU 1024³ reaches about half the rate of 4096³: the model bench uses
// the size nearer its own shapes, the index bench the large one). Throws when cuda is asked for and
// there is no device.
double matmulPeakGflops(std::int64_t n, bool cuda = false);

} // namespace uf
