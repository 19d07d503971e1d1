// Image checks at import, with fixtures written on the fly: good PNG/JPEG, zero-byte, truncated,
// corrupt, a text file named .png, a PNG header claiming 30000x30000 (refused before decoding),
// paths escaping the allowed folders by ../../ and by symlink, URLs, folders and GIFs.
#include "TestSupport.h"

#include "common/Files.h"
#include "imaging/ImageIO.h"
#include "ingest/ImageCheck.h"

#include <QtTest>
#include <fstream>

using namespace uf::ingest;
namespace fs = std::filesystem;

namespace {

std::vector<std::uint8_t> pngBytes(int w, int h, std::uint8_t seed)
{
    uf::imaging::Image img;
    img.width = w;
    img.height = h;
    img.rgb.resize(static_cast<std::size_t>(w) * h * 3);
    for (std::size_t i = 0; i < img.rgb.size(); ++i)
        img.rgb[i] = static_cast<std::uint8_t>(seed + i * 7);
    return uf::imaging::encodePng(img);
}

std::vector<std::uint8_t> jpegBytes(int w, int h)
{
    uf::imaging::Image img;
    img.width = w;
    img.height = h;
    img.rgb.resize(static_cast<std::size_t>(w) * h * 3);
    for (std::size_t i = 0; i < img.rgb.size(); ++i)
        img.rgb[i] = static_cast<std::uint8_t>(i * 13);
    return uf::imaging::encodeJpeg(img);
}

void writeBytes(const fs::path& p, const std::vector<std::uint8_t>& b)
{
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
}

void writeText(const fs::path& p, const std::string& s) { writeBytes(p, std::vector<std::uint8_t>(s.begin(), s.end())); }

std::uint32_t crc32(const std::uint8_t* p, std::size_t n)
{
    std::uint32_t c = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < n; ++i) {
        c ^= p[i];
        for (int k = 0; k < 8; ++k)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
}

// A well-formed PNG whose IHDR (with a correct CRC) claims width x height.
std::vector<std::uint8_t> pngClaiming(std::uint32_t width, std::uint32_t height)
{
    auto b = pngBytes(8, 8, 1);
    auto put32 = [&](std::size_t at, std::uint32_t v) {
        b[at] = static_cast<std::uint8_t>(v >> 24);
        b[at + 1] = static_cast<std::uint8_t>(v >> 16);
        b[at + 2] = static_cast<std::uint8_t>(v >> 8);
        b[at + 3] = static_cast<std::uint8_t>(v);
    };
    put32(16, width);
    put32(20, height);
    put32(29, crc32(b.data() + 12, 17));
    return b;
}

// The layout every case works in:  T/shop/feed/ (the import folder, with img/), T/outside/x.png.
struct Fixture {
    uftest::TempDir tmp;
    fs::path base = tmp / "shop/feed";
    fs::path outside = tmp / "outside";
    Fixture()
    {
        fs::create_directories(base / "img");
        fs::create_directories(outside);
        writeBytes(base / "img/good.png", pngBytes(28, 20, 3));
        writeBytes(outside / "x.png", pngBytes(16, 16, 9));
    }
};

} // namespace

class ImageCheckTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void checks_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expectedCode"); // empty: accepted
        QTest::newRow("good png") << "good png" << "";
        QTest::newRow("good jpeg") << "good jpeg" << "";
        QTest::newRow("windows separators") << "backslash" << "";
        QTest::newRow("absolute path inside") << "absolute inside" << "";
        QTest::newRow("symlink inside the folder") << "symlink inside" << "";
        QTest::newRow("extra allowed root") << "allowed root" << "";
        QTest::newRow("missing file") << "missing" << "missing_file";
        QTest::newRow("zero-byte") << "zero-byte" << "empty_file";
        QTest::newRow("truncated png") << "truncated png" << "truncated";
        QTest::newRow("truncated jpeg") << "truncated jpeg" << "truncated";
        QTest::newRow("corrupt png") << "corrupt png" << "corrupt_image";
        QTest::newRow("text file named .png") << "text as png" << "not_image";
        QTest::newRow("header claims 30000x30000") << "bomb" << "too_large";
        QTest::newRow("../../ escape") << "dotdot" << "path_escape";
        QTest::newRow("absolute path outside") << "absolute outside" << "path_escape";
        QTest::newRow("symlink escape") << "symlink escape" << "path_escape";
        QTest::newRow("symlinked folder escape") << "symlink folder escape" << "path_escape";
        QTest::newRow("url") << "url" << "unsupported";
        QTest::newRow("gif") << "gif" << "unsupported";
        QTest::newRow("folder") << "folder" << "unreadable";
    }

    void checks()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expectedCode);
        Fixture f;
        ImageCheckOptions options;
        std::vector<fs::path> roots{f.base};
        std::string written;
        const std::string k = kind.toStdString();
        if (k == "good png") {
            written = "img/good.png";
        } else if (k == "good jpeg") {
            writeBytes(f.base / "img/good.jpg", jpegBytes(40, 30));
            written = "img/good.jpg";
        } else if (k == "backslash") {
            written = "img\\good.png";
        } else if (k == "absolute inside") {
            written = (f.base / "img/good.png").string();
        } else if (k == "symlink inside") {
            fs::create_symlink(f.base / "img/good.png", f.base / "img/alias.png");
            written = "img/alias.png";
        } else if (k == "allowed root") {
            roots.push_back(f.outside);
            written = "../../outside/x.png";
        } else if (k == "missing") {
            written = "img/nope.png";
        } else if (k == "zero-byte") {
            writeBytes(f.base / "img/empty.png", {});
            written = "img/empty.png";
        } else if (k == "truncated png") {
            auto b = pngBytes(64, 64, 5);
            b.resize(b.size() * 6 / 10);
            writeBytes(f.base / "img/cut.png", b);
            written = "img/cut.png";
        } else if (k == "truncated jpeg") {
            auto b = jpegBytes(64, 64);
            b.resize(b.size() * 6 / 10);
            writeBytes(f.base / "img/cut.jpg", b);
            written = "img/cut.jpg";
        } else if (k == "corrupt png") {
            auto b = pngBytes(64, 64, 5);
            for (std::size_t i = 45; i < b.size() - 20; i += 3) // damage IDAT, keep IEND
                b[i] ^= 0x5a;
            writeBytes(f.base / "img/bad.png", b);
            written = "img/bad.png";
        } else if (k == "text as png") {
            writeText(f.base / "img/notes.png", "this is not an image\n");
            written = "img/notes.png";
        } else if (k == "bomb") {
            writeBytes(f.base / "img/bomb.png", pngClaiming(30000, 30000));
            written = "img/bomb.png";
        } else if (k == "dotdot") {
            written = "../../outside/x.png";
        } else if (k == "absolute outside") {
            written = (f.outside / "x.png").string();
        } else if (k == "symlink escape") {
            fs::create_symlink(f.outside / "x.png", f.base / "img/link.png");
            written = "img/link.png";
        } else if (k == "symlink folder escape") {
            fs::create_directory_symlink(f.outside, f.base / "img/more");
            written = "img/more/x.png";
        } else if (k == "url") {
            written = "https://example.com/a.png";
        } else if (k == "gif") {
            writeText(f.base / "img/a.gif", std::string("GIF89a\x10\x00\x10\x00\x00\x00\x00", 13));
            written = "img/a.gif";
        } else if (k == "folder") {
            written = "img";
        } else {
            QFAIL("unknown case");
        }
        options.allowedRoots = canonicalRoots(roots);

        try {
            const CheckedImage img = checkImage(written, f.base, options);
            QVERIFY2(expectedCode.isEmpty(), qPrintable("accepted, expected " + expectedCode));
            QVERIFY(img.width > 0 && img.height > 0);
            QCOMPARE(img.pixels.width, img.width);
            QCOMPARE(QString::fromStdString(img.sha256), QString::fromStdString(uf::sha256File(img.path)));
            QVERIFY(img.path.is_absolute());
            if (k == "good png" || k == "backslash" || k == "symlink inside") {
                QCOMPARE(img.width, 28);
                QCOMPARE(img.height, 20);
                QCOMPARE(img.format, uf::imaging::ImageFormat::Png);
            }
        } catch (const ImageCheckError& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(!expectedCode.isEmpty(), qPrintable("refused: " + message));
            QCOMPARE(QString::fromLatin1(problemCode(e.problem())), expectedCode);
            // Every message names the file as the row wrote it.
            QVERIFY2(message.contains(QString::fromStdString(written)), qPrintable(message));
            if (k == "bomb") {
                QVERIFY2(message.contains("30000x30000"), qPrintable(message));
                QVERIFY2(message.contains("not decoded"), qPrintable(message));
            }
        }
    }

    void bombIsRefusedBeforeDecoding()
    {
        // A header-only check must not depend on the pixel data at all: the same verdict for a file
        // cut right after IHDR, which no decoder could read.
        Fixture f;
        auto b = pngClaiming(30000, 30000);
        b.resize(33);
        writeBytes(f.base / "img/bomb.png", b);
        ImageCheckOptions options;
        options.allowedRoots = canonicalRoots({f.base});
        try {
            checkImage("img/bomb.png", f.base, options);
            QFAIL("accepted a 30000x30000 header");
        } catch (const ImageCheckError& e) {
            QCOMPARE(e.problem(), ImageProblem::TooLarge);
        }
        // Within the limits a wide but small image is fine.
        options.limits.maxSide = 40000;
        options.limits.maxPixels = 2'000'000'000;
        writeBytes(f.base / "img/wide.png", pngBytes(300, 2, 1));
        QCOMPARE(checkImage("img/wide.png", f.base, options).width, 300);
    }

    void rootsMustExist()
    {
        Fixture f;
        QVERIFY_THROWS_EXCEPTION(uf::BadInputError, canonicalRoots({f.tmp / "no-such-folder"}));
        QVERIFY(isUnderRoots(fs::canonical(f.base) / "img/a.png", canonicalRoots({f.base})));
        QVERIFY(!isUnderRoots(fs::canonical(f.tmp.path()) / "shop/feedback/a.png", canonicalRoots({f.base}))); // not a prefix match
    }
};

QTEST_GUILESS_MAIN(ImageCheckTest)
#include "ImageCheckTest.moc"
