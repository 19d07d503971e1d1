#include "TestSupport.h"

#include <QProcess>
#include <atomic>
#include <random>
#include <unistd.h>

namespace uftest {

TempDir::TempDir()
{
    const char* base = std::getenv("UF_TEST_TMP");
    std::filesystem::path root = base ? base : std::filesystem::temp_directory_path();
    std::filesystem::create_directories(root);
    static std::atomic<int> counter{0};
    std::random_device rd;
    m_path = root / ("t-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + std::to_string(rd() % 100000));
    std::filesystem::create_directories(m_path);
}

TempDir::~TempDir()
{
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

CliResult runCli(const QStringList& args, int timeoutMs)
{
    QProcess p;
    p.start(QStringLiteral(UF_CLI_PATH), args);
    CliResult r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

std::filesystem::path testDataDir() { return UF_TEST_DATA_DIR; }
std::filesystem::path resourcesDir() { return UF_RESOURCES_DIR; }

} // namespace uftest
