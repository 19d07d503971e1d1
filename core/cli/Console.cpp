#include "cli/Console.h"

#include <atomic>
#include <memory>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace uf::cli {

namespace {
std::atomic<int> g_interrupts{0};

void onSigint(int)
{
    if (g_interrupts.fetch_add(1) >= 1)
        _exit(130);
}
} // namespace

bool wantsHelp(const std::vector<std::string>& argv, const char* usage)
{
    for (const auto& a : argv) {
        if (a == "--help" || a == "-h") {
            std::fputs(usage, stdout);
            return true;
        }
    }
    return false;
}

void installInterruptHandler()
{
    struct sigaction sa {};
    sa.sa_handler = onSigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
}

bool interrupted() { return g_interrupts.load() > 0; }

ProgressFn stderrProgress(std::string label)
{
    using Clock = std::chrono::steady_clock;
    auto last = std::make_shared<Clock::time_point>(Clock::now() - std::chrono::seconds(10));
    const bool tty = ::isatty(STDERR_FILENO);
    return [label = std::move(label), last, tty](std::int64_t done, std::int64_t total) {
        const auto now = Clock::now();
        if (done == total || now - *last > std::chrono::milliseconds(tty ? 200 : 2000)) {
            *last = now;
            if (total > 0)
                std::fprintf(stderr, "%s: %lld/%lld (%.0f%%)%s", label.c_str(), static_cast<long long>(done),
                             static_cast<long long>(total), 100.0 * double(done) / double(total), tty ? "\r" : "\n");
            else
                std::fprintf(stderr, "%s: %lld%s", label.c_str(), static_cast<long long>(done), tty ? "\r" : "\n");
            if (done == total && tty)
                std::fputc('\n', stderr);
        }
        return !interrupted();
    };
}

} // namespace uf::cli
