// Shared helpers for the Qt Test classes: temporary catalogs, running the CLI, small fixtures.
#pragma once

#include <QString>
#include <QStringList>
#include <filesystem>
#include <string>

namespace uftest {

// A fresh folder under the build tree, removed when the object dies.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& rel) const { return m_path / rel; }

private:
    std::filesystem::path m_path;
};

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs the built `unifashion` CLI with args and waits (timeout in ms).
CliResult runCli(const QStringList& args, int timeoutMs = 300000);

std::filesystem::path testDataDir();
std::filesystem::path resourcesDir();

} // namespace uftest
