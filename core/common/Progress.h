// Progress and cancellation, passed per call (as llama.cpp's abort callback): a long job calls
// the callback with (done, total); the callback returns false to ask the job to stop. A job that
// stops early reports JobStatus::Cancelled; it is not an error and it leaves no half-written state.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace uf {

using ProgressFn = std::function<bool(std::int64_t done, std::int64_t total)>;

enum class JobStatus { Completed, Cancelled };

// Calls fn if set; returns true when the job should go on.
inline bool reportProgress(const ProgressFn& fn, std::int64_t done, std::int64_t total)
{
    return !fn || fn(done, total);
}

// A flag another thread can raise; combine with a ProgressFn for UI jobs.
class CancelToken {
public:
    void cancel() noexcept { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const noexcept { return m_cancelled.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> m_cancelled{false};
};

} // namespace uf
