#include "ingest/ContentStore.h"

#include "common/Error.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace uf::ingest {

namespace {

[[noreturn]] void throwErrno(const std::string& what, const fs::path& path)
{
    throw StorageError(what + " '" + path.string() + "': " + std::strerror(errno));
}

std::atomic<std::uint64_t> g_tmpCounter{0};

} // namespace

ContentStore::ContentStore(fs::path catalogFolder)
    : m_folder(std::move(catalogFolder))
{
}

std::string ContentStore::imagePath(std::string_view sha256, std::string_view extension)
{
    return "images/" + std::string(sha256.substr(0, 2)) + "/" + std::string(sha256) + std::string(extension);
}

std::string ContentStore::thumbPath(std::string_view sha256)
{
    return "thumbs/" + std::string(sha256.substr(0, 2)) + "/" + std::string(sha256) + ".jpg";
}

void ContentStore::writeOnce(const fs::path& target, std::span<const std::uint8_t> bytes)
{
    std::error_code ec;
    if (fs::exists(target, ec))
        return; // content-addressed: same name, same bytes
    fs::create_directories(target.parent_path(), ec);
    if (ec)
        throw StorageError("Cannot create the folder '" + target.parent_path().string() + "': " + ec.message());
    const fs::path tmp = target.string() + ".tmp-" + std::to_string(::getpid()) + "-"
        + std::to_string(g_tmpCounter.fetch_add(1));
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throwErrno("Cannot create", tmp);
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int err = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            errno = err;
            throwErrno("Cannot write", tmp);
        }
        written += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) {
        ::unlink(tmp.c_str());
        throwErrno("Cannot write", tmp);
    }
    if (::rename(tmp.c_str(), target.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        errno = err;
        throwErrno("Cannot store", target);
    }
}

std::string ContentStore::putImage(std::string_view sha256, std::string_view extension,
                                   std::span<const std::uint8_t> bytes)
{
    std::string rel = imagePath(sha256, extension);
    writeOnce(m_folder / rel, bytes);
    return rel;
}

bool ContentStore::hasThumb(std::string_view sha256) const
{
    std::error_code ec;
    return fs::exists(m_folder / thumbPath(sha256), ec);
}

void ContentStore::putThumb(std::string_view sha256, std::span<const std::uint8_t> jpeg)
{
    writeOnce(m_folder / thumbPath(sha256), jpeg);
}

void ContentStore::sync()
{
    const int fd = ::open(m_folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        throwErrno("Cannot open", m_folder);
    const int rc = ::syncfs(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0) {
        errno = err;
        throwErrno("Cannot flush the images in", m_folder);
    }
}

} // namespace uf::ingest
