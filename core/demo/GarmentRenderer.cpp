// Procedural garment drawing for the synthetic demo catalog. Each garment is drawn flat-lay (tops,
// dresses, bottoms, bags) or in side view (shoes) on a 320×320 local canvas: polygons give the
// silhouette, a full-canvas fabric texture carries the colour and pattern and is clipped to the
// garment, details (collars, cuffs, buttons, laces, soles, heels) make category and attributes
// visible, then soft shading, an outline, a small rotation/scale/flip, a tinted background with a
// drop shadow, a 2× downsample and sensor-like noise. All randomness comes from demo::detail::Rng
// and all OpenCV drawing is integer/fixed-point, so a seed always gives the same pixels.
#include "demo/GarmentRenderer.h"

#include "common/Error.h"
#include "demo/DemoRandom.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace uf::demo::detail {

namespace {

constexpr int kLocal = 320;   // local drawing canvas
constexpr double CX = 160.0;  // garment centre line on the local canvas
constexpr int kShift = 4;     // fixed-point bits for sub-pixel polygon vertices
constexpr double kPi = 3.14159265358979323846;

using P = cv::Point2d;
using Poly = std::vector<P>;
using Rgb = cv::Vec3d; // 0..255, RGB order (the Image's order; OpenCV does not care)

std::vector<cv::Point> fixedPoints(const Poly& poly, cv::Point origin = {0, 0})
{
    std::vector<cv::Point> out;
    out.reserve(poly.size());
    for (const P& p : poly)
        out.emplace_back(static_cast<int>(std::lround((p.x - origin.x) * (1 << kShift))), static_cast<int>(std::lround((p.y - origin.y) * (1 << kShift))));
    return out;
}

cv::Scalar scalar(const Rgb& c) { return cv::Scalar(c[0], c[1], c[2]); }

Rgb clampRgb(Rgb c)
{
    for (int i = 0; i < 3; ++i)
        c[i] = std::clamp(c[i], 0.0, 255.0);
    return c;
}
Rgb scaled(const Rgb& c, double f) { return clampRgb(c * f); }
Rgb mixRgb(const Rgb& a, const Rgb& b, double t) { return clampRgb(a * (1.0 - t) + b * t); }
double luma(const Rgb& c) { return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]; }

// A darker tone that stays visible on black fabric.
Rgb shadeOf(const Rgb& base, double f)
{
    if (luma(base) < 60)
        return clampRgb(base + Rgb(1, 1, 1) * (1.0 - f) * 110.0);
    return scaled(base, f);
}

const std::map<std::string, Rgb>& palette()
{
    static const std::map<std::string, Rgb> p = {
        {"black", {28, 28, 31}},    {"white", {246, 246, 243}}, {"grey", {132, 134, 138}}, {"navy", {30, 42, 92}},
        {"blue", {44, 116, 218}},   {"red", {206, 30, 36}},     {"pink", {244, 150, 192}}, {"purple", {126, 54, 162}},
        {"green", {38, 140, 64}},   {"yellow", {246, 210, 44}}, {"beige", {219, 196, 156}}, {"brown", {121, 72, 40}},
    };
    return p;
}

// Uniform draws taken up front in a fixed number, so that the pose and layout do not depend on
// which attribute values ask for which draws.
class Draws {
public:
    Draws(std::uint64_t seed, int count)
    {
        Rng rng(seed);
        m_u.reserve(static_cast<std::size_t>(count));
        for (int i = 0; i < count; ++i)
            m_u.push_back(rng.uniform());
    }
    double operator()(double lo, double hi) { return lo + (hi - lo) * next(); }
    double next() { return m_u[m_i++ % m_u.size()]; }
    bool chance(double p) { return next() < p; }
    int below(int n) { return std::min(n - 1, static_cast<int>(next() * n)); }

private:
    std::vector<double> m_u;
    std::size_t m_i = 0;
};

// Per-thread image buffers reused from garment to garment: fresh 100–400 KB matrices for every
// garment made page faults and zeroing the largest cost of the whole catalog.
struct Workspace {
    cv::Mat fabric, color, alpha, mask;
    cv::Mat coarse, field1, field2, field3;
    cv::Mat small, soft, folds, bin;
    cv::Mat gColor, gAlpha, shadow, composed;
};

Workspace& workspace()
{
    static thread_local Workspace ws;
    return ws;
}

// ---------------------------------------------------------------------------------------------
// Fabric: colour and pattern over the whole local canvas; shapes copy what they cover.

struct FabricStyle {
    Rgb base, ink, accent;
    bool horizontal = true;
    bool gingham = true;
};

void makeFabric(cv::Mat& f, const std::string& pattern, const FabricStyle& st, Draws& s, std::uint64_t fieldSeed)
{
    f.create(kLocal, kLocal, CV_8UC3);
    f.setTo(scalar(st.base));
    // Fixed draws for every pattern, whichever is used.
    const double period = s(20, 30), widthFrac = s(0.24, 0.36), offset = s(0, 40);
    const double dotSpacing = s(22, 30), dotRadius = s(0.21, 0.29), dotStagger = s(0, 1);
    const double checkPeriod = s(24, 36), checkBand = s(0.22, 0.32);
    const double flowerSpacing = s(30, 40), petal = s(7, 10), petals = s(0, 1), leaves = s(0, 1);
    const double camoCell = s(26, 40), camoT1 = s(0.45, 0.55), camoT2 = s(0.55, 0.65);

    if (pattern == "stripes") {
        const double w = period * widthFrac;
        for (double p = -offset; p < kLocal; p += period) {
            const int a = static_cast<int>(std::lround(p)), b = static_cast<int>(std::lround(p + w));
            if (st.horizontal)
                cv::rectangle(f, cv::Point(0, a), cv::Point(kLocal - 1, b - 1), scalar(st.ink), cv::FILLED);
            else
                cv::rectangle(f, cv::Point(a, 0), cv::Point(b - 1, kLocal - 1), scalar(st.ink), cv::FILLED);
        }
    } else if (pattern == "dots") {
        const double r = dotSpacing * dotRadius;
        int row = 0;
        for (double y = -offset * 0.5; y < kLocal + dotSpacing; y += dotSpacing * 0.866, ++row) {
            const double shift = (row % 2) ? dotSpacing * 0.5 : 0.0;
            for (double x = -dotSpacing + shift + dotStagger * 6; x < kLocal + dotSpacing; x += dotSpacing)
                cv::circle(f, cv::Point(static_cast<int>(std::lround(x * 16)), static_cast<int>(std::lround(y * 16))),
                           static_cast<int>(std::lround(r * 16)), scalar(st.ink), cv::FILLED, cv::LINE_AA, kShift);
        }
    } else if (pattern == "checks") {
        // Gingham: half-strength bands that add up where they cross; tartan adds thin lines.
        std::vector<double> band(kLocal, 0.0);
        for (int i = 0; i < kLocal; ++i) {
            const double ph = std::fmod(i + offset, checkPeriod) / checkPeriod;
            band[static_cast<std::size_t>(i)] = ph < checkBand ? 1.0 : 0.0;
            if (!st.gingham && std::fabs(ph - (checkBand + 1.0) * 0.5) < 0.05)
                band[static_cast<std::size_t>(i)] = 0.75;
        }
        for (int y = 0; y < kLocal; ++y) {
            auto* row = f.ptr<cv::Vec3b>(y);
            for (int x = 0; x < kLocal; ++x) {
                const double a = 0.5 * (band[static_cast<std::size_t>(x)] + band[static_cast<std::size_t>(y)]);
                const Rgb c = mixRgb(st.base, st.ink, a * 0.85);
                row[x] = cv::Vec3b(static_cast<uchar>(std::lround(c[0])), static_cast<uchar>(std::lround(c[1])),
                                   static_cast<uchar>(std::lround(c[2])));
            }
        }
    } else if (pattern == "floral") {
        Rng rng(fieldSeed);
        const int nPetals = 5 + static_cast<int>(petals * 2.0);
        int row = 0;
        for (double y = -flowerSpacing * 0.5; y < kLocal + flowerSpacing; y += flowerSpacing * 0.87, ++row) {
            for (double x = (row % 2) * flowerSpacing * 0.5 - flowerSpacing * 0.5; x < kLocal + flowerSpacing; x += flowerSpacing) {
                const double jx = rng.uniform(-0.22, 0.22) * flowerSpacing, jy = rng.uniform(-0.22, 0.22) * flowerSpacing;
                const double rot = rng.uniform(0, 2 * kPi), size = petal * rng.uniform(0.8, 1.15);
                const P c(x + jx, y + jy);
                if (leaves > 0.4) {
                    const double la = rot + 0.6;
                    const P lc = c + P(std::cos(la), std::sin(la)) * size * 1.5;
                    cv::ellipse(f, cv::Point(static_cast<int>(lc.x * 16), static_cast<int>(lc.y * 16)),
                                cv::Size(static_cast<int>(size * 0.9 * 16), static_cast<int>(size * 0.4 * 16)), la * 180 / kPi, 0, 360,
                                scalar(shadeOf(st.base, 0.62)), cv::FILLED, cv::LINE_AA, kShift);
                }
                for (int k = 0; k < nPetals; ++k) {
                    const double a = rot + k * 2 * kPi / nPetals;
                    const P pc = c + P(std::cos(a), std::sin(a)) * size * 0.62;
                    cv::ellipse(f, cv::Point(static_cast<int>(pc.x * 16), static_cast<int>(pc.y * 16)),
                                cv::Size(static_cast<int>(size * 0.62 * 16), static_cast<int>(size * 0.4 * 16)), a * 180 / kPi, 0, 360,
                                scalar(st.ink), cv::FILLED, cv::LINE_AA, kShift);
                }
                cv::circle(f, cv::Point(static_cast<int>(c.x * 16), static_cast<int>(c.y * 16)), static_cast<int>(size * 0.3 * 16),
                           scalar(st.accent), cv::FILLED, cv::LINE_AA, kShift);
            }
        }
    } else if (pattern == "camouflage") {
        // Blobs from a coarse random field, smoothly upsampled and cut at levels.
        Rng rng(fieldSeed);
        const int cells = std::max(4, static_cast<int>(kLocal / camoCell)) + 3;
        Workspace& ws = workspace();
        auto field = [&](cv::Mat& fine) -> const cv::Mat& {
            ws.coarse.create(cells, cells, CV_32F);
            for (int y = 0; y < cells; ++y)
                for (int x = 0; x < cells; ++x)
                    ws.coarse.at<float>(y, x) = static_cast<float>(rng.uniform());
            cv::resize(ws.coarse, fine, cv::Size(kLocal, kLocal), 0, 0, cv::INTER_CUBIC);
            return fine;
        };
        const cv::Mat& f1 = field(ws.field1);
        const cv::Mat& f2 = field(ws.field2);
        const cv::Mat& f3 = field(ws.field3);
        const bool dark = luma(st.base) < 60;
        // Tones of the garment's own colour, the base tone covering most of it, so that "blue
        // camouflage" still reads as blue.
        const Rgb t1 = dark ? clampRgb(st.base + Rgb(34, 34, 34)) : scaled(st.base, 0.74);
        const Rgb t2 = dark ? clampRgb(st.base + Rgb(62, 62, 62)) : mixRgb(st.base, Rgb(255, 255, 255), 0.3);
        const Rgb t3 = dark ? clampRgb(st.base + Rgb(16, 16, 16)) : scaled(st.base, 0.55);
        for (int y = 0; y < kLocal; ++y) {
            auto* row = f.ptr<cv::Vec3b>(y);
            for (int x = 0; x < kLocal; ++x) {
                const Rgb* c = nullptr;
                if (f3.at<float>(y, x) > camoT2 + 0.18)
                    c = &t3;
                else if (f1.at<float>(y, x) > camoT1 + 0.14)
                    c = &t1;
                else if (f2.at<float>(y, x) > camoT2 + 0.06)
                    c = &t2;
                if (c)
                    row[x] = cv::Vec3b(static_cast<uchar>((*c)[0]), static_cast<uchar>((*c)[1]), static_cast<uchar>((*c)[2]));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The local canvas and its drawing helpers.

class Canvas {
public:
    // Draws over the workspace's fabric; clears its colour and alpha buffers.
    Canvas(Workspace& ws, const Rgb& base) : m_fabric(ws.fabric), m_base(base)
    {
        ws.color.create(kLocal, kLocal, CV_8UC3);
        ws.alpha.create(kLocal, kLocal, CV_8U);
        ws.mask.create(kLocal, kLocal, CV_8U);
        ws.color.setTo(cv::Scalar(0, 0, 0));
        ws.alpha.setTo(cv::Scalar(0));
        m_color = ws.color;
        m_alpha = ws.alpha;
        m_mask = ws.mask;
    }

    const Rgb& base() const { return m_base; }
    cv::Mat& color() { return m_color; }
    cv::Mat& alpha() { return m_alpha; }
    cv::Mat& fabric() { return m_fabric; }

    // Fabric (colour and pattern) inside a polygon; shade < 1 for inner or shadowed parts.
    // Masks are drawn only over the shape's bounding box: full-canvas passes per shape were
    // most of the drawing time.
    void fabricPoly(const Poly& poly, double shade = 1.0)
    {
        const cv::Rect r = beginMask(poly, 1.0);
        if (r.empty())
            return;
        const std::vector<std::vector<cv::Point>> pts{fixedPoints(poly, r.tl())};
        cv::fillPoly(m_mask(r), pts, cv::Scalar(255), cv::LINE_8, kShift);
        copyFabric(r, shade);
    }
    void fabricEllipse(const P& c, const P& axes, double angleDeg, double from, double to, double shade = 1.0)
    {
        const double ext = std::max(axes.x, axes.y);
        const cv::Rect r = beginMask({c - P(ext, ext), c + P(ext, ext)}, 1.0);
        if (r.empty())
            return;
        cv::ellipse(m_mask(r), cv::Point(static_cast<int>(std::lround((c.x - r.x) * 16)), static_cast<int>(std::lround((c.y - r.y) * 16))),
                    cv::Size(static_cast<int>(axes.x * 16), static_cast<int>(axes.y * 16)), angleDeg, from, to, cv::Scalar(255),
                    cv::FILLED, cv::LINE_8, kShift);
        copyFabric(r, shade);
    }
    // A thick fabric band along a polyline (straps, handles, drawn with round joins).
    void fabricBand(const Poly& line, double thickness, double shade = 1.0)
    {
        const cv::Rect r = beginMask(line, thickness);
        if (r.empty())
            return;
        const std::vector<std::vector<cv::Point>> pts{fixedPoints(line, r.tl())};
        cv::polylines(m_mask(r), pts, false, cv::Scalar(255), std::max(1, static_cast<int>(std::lround(thickness))), cv::LINE_8, kShift);
        copyFabric(r, shade);
    }
    void solidPoly(const Poly& poly, const Rgb& c, bool withAlpha = true)
    {
        const std::vector<std::vector<cv::Point>> pts{fixedPoints(poly)};
        cv::fillPoly(m_color, pts, scalar(c), cv::LINE_AA, kShift);
        if (withAlpha)
            cv::fillPoly(m_alpha, pts, cv::Scalar(255), cv::LINE_AA, kShift);
    }
    void solidLine(const Poly& line, const Rgb& c, double thickness, bool withAlpha = false, bool closed = false)
    {
        const std::vector<std::vector<cv::Point>> pts{fixedPoints(line)};
        const int t = std::max(1, static_cast<int>(std::lround(thickness)));
        cv::polylines(m_color, pts, closed, scalar(c), t, cv::LINE_AA, kShift);
        if (withAlpha)
            cv::polylines(m_alpha, pts, closed, cv::Scalar(255), t, cv::LINE_AA, kShift);
    }
    void solidCircle(const P& c, double r, const Rgb& col, bool withAlpha = false)
    {
        const cv::Point cc(static_cast<int>(std::lround(c.x * 16)), static_cast<int>(std::lround(c.y * 16)));
        cv::circle(m_color, cc, static_cast<int>(std::lround(r * 16)), scalar(col), cv::FILLED, cv::LINE_AA, kShift);
        if (withAlpha)
            cv::circle(m_alpha, cc, static_cast<int>(std::lround(r * 16)), cv::Scalar(255), cv::FILLED, cv::LINE_AA, kShift);
    }
    // A stitched seam or fold: a darker line of the garment's own colour, colour only.
    void seam(const Poly& line, double thickness = 2.5, double shade = 0.62, bool closed = false)
    {
        solidLine(line, shadeOf(m_base, shade), thickness, false, closed);
    }
    void dashed(const P& a, const P& b, double dash, double thickness, double shade)
    {
        const double len = cv::norm(b - a);
        const P d = (b - a) * (1.0 / std::max(1e-6, len));
        for (double t = 0; t + dash * 0.6 < len; t += dash * 2)
            seam({a + d * t, a + d * std::min(len, t + dash)}, thickness, shade);
    }
    void button(const P& c, double r, const Rgb& col)
    {
        solidCircle(c, r, col);
        solidCircle(c, std::max(0.8, r * 0.3), shadeOf(col, 0.6));
    }

private:
    // Clears and returns the mask region covering `pts` grown by `pad` pixels.
    cv::Rect beginMask(const Poly& pts, double pad)
    {
        double x0 = kLocal, y0 = kLocal, x1 = 0, y1 = 0;
        for (const P& p : pts) {
            x0 = std::min(x0, p.x);
            y0 = std::min(y0, p.y);
            x1 = std::max(x1, p.x);
            y1 = std::max(y1, p.y);
        }
        const int g = static_cast<int>(std::ceil(pad)) + 2;
        const cv::Rect r = cv::Rect(cv::Point(static_cast<int>(std::floor(x0)) - g, static_cast<int>(std::floor(y0)) - g),
                                    cv::Point(static_cast<int>(std::ceil(x1)) + g + 1, static_cast<int>(std::ceil(y1)) + g + 1)) &
                           cv::Rect(0, 0, kLocal, kLocal);
        if (!r.empty())
            m_mask(r).setTo(0);
        return r;
    }

    void copyFabric(const cv::Rect& r, double shade)
    {
        const double offset = luma(m_base) < 60 && shade < 1.0 ? (1.0 - shade) * 60.0 : 0.0;
        for (int y = r.y; y < r.y + r.height; ++y) {
            const uchar* m = m_mask.ptr<uchar>(y);
            const auto* f = m_fabric.ptr<cv::Vec3b>(y);
            auto* c = m_color.ptr<cv::Vec3b>(y);
            uchar* a = m_alpha.ptr<uchar>(y);
            for (int x = r.x; x < r.x + r.width; ++x) {
                if (!m[x])
                    continue;
                if (shade == 1.0)
                    c[x] = f[x];
                else
                    for (int k = 0; k < 3; ++k)
                        c[x][k] = cv::saturate_cast<uchar>(f[x][k] * shade + offset);
                a[x] = 255;
            }
        }
    }

    cv::Mat m_fabric;
    Rgb m_base;
    cv::Mat m_color, m_alpha, m_mask;
};

struct Sleeve {
    Poly poly;
    P endC, dir, across; // end centre, direction along the sleeve, unit vector across it
    double endHalf = 0;
};

// A sleeve from the shoulder/armpit seam outwards at angleDeg from vertical (side -1 left, +1 right).
Sleeve makeSleeve(const P& shoulder, const P& armpit, int side, double angleDeg, double len, double endHalf, double bulge = 0.0)
{
    const double a = angleDeg * kPi / 180.0;
    Sleeve s;
    s.dir = P(side * std::sin(a), std::cos(a));
    const P acrossRaw = shoulder - armpit;
    P n = acrossRaw - s.dir * acrossRaw.dot(s.dir);
    n *= 1.0 / std::max(1e-6, cv::norm(n));
    s.across = n;
    s.endHalf = endHalf;
    const P mid = (shoulder + armpit) * 0.5;
    s.endC = mid + s.dir * len;
    const double startHalf = cv::norm(acrossRaw) * 0.5;
    s.poly.push_back(shoulder);
    if (bulge > 0)
        s.poly.push_back(mid + s.dir * (len * 0.5) + n * ((startHalf + endHalf) * 0.5 + bulge));
    s.poly.push_back(s.endC + n * endHalf);
    s.poly.push_back(s.endC - n * endHalf);
    if (bulge > 0)
        s.poly.push_back(mid + s.dir * (len * 0.5) - n * ((startHalf + endHalf) * 0.5 + bulge));
    s.poly.push_back(armpit);
    return s;
}

// A band across the sleeve end (cuff or rib), with rib lines when ribbed.
void cuff(Canvas& c, const Sleeve& s, double len, double shade, bool ribbed)
{
    const P a = s.endC - s.dir * len;
    const double h = s.endHalf * 0.95;
    c.fabricPoly({a + s.across * h, s.endC + s.across * h, s.endC - s.across * h, a - s.across * h}, shade);
    c.seam({a + s.across * h, a - s.across * h}, 2.0, 0.55);
    if (ribbed)
        for (double t = -h + 3; t < h - 1; t += 4.5)
            c.seam({a + s.across * t + s.dir * 2.0, s.endC + s.across * t - s.dir * 1.0}, 1.0, 0.78);
}

struct TopBody {
    double top, neckHalf, shoulderHalf, shoulderDrop, chestHalf, armpitY, waistHalf, waistY, hemHalf, hemY;
    P shoulder(int side) const { return P(CX + side * shoulderHalf, top + shoulderDrop); }
    P armpit(int side) const { return P(CX + side * chestHalf, armpitY); }
};

enum class Hem { Straight, Shirttail, Ruffle, Curved };

Poly topBodyPoly(const TopBody& b, Hem hem, bool armhole = false, double sway = 0.0)
{
    Poly p;
    p.push_back({CX - b.neckHalf, b.top});
    p.push_back(b.shoulder(-1));
    if (armhole)
        p.push_back({CX - b.chestHalf + 9, b.armpitY - 18});
    p.push_back(b.armpit(-1));
    p.push_back({CX - b.waistHalf, b.waistY});
    const int n = 16;
    for (int i = 0; i <= n; ++i) {
        const double t = -1.0 + 2.0 * i / n; // -1..1 across the hem
        double y = b.hemY;
        switch (hem) {
        case Hem::Straight: break;
        case Hem::Shirttail: y += -14.0 + 18.0 * (1.0 - t * t); break;
        case Hem::Ruffle: y += 4.0 * std::sin(t * kPi * 5.0); break;
        case Hem::Curved: y += 8.0 * (1.0 - t * t); break;
        }
        p.push_back({CX + t * b.hemHalf + sway * (1.0 - t * t), y});
    }
    p.push_back({CX + b.waistHalf, b.waistY});
    p.push_back(b.armpit(1));
    if (armhole)
        p.push_back({CX + b.chestHalf - 9, b.armpitY - 18});
    p.push_back(b.shoulder(1));
    p.push_back({CX + b.neckHalf, b.top});
    return p;
}

Rgb contrastTrim(const Rgb& base) { return luma(base) > 150 ? Rgb(52, 52, 58) : Rgb(238, 236, 228); }

void backNeck(Canvas& c, double top, double neckHalf)
{
    c.fabricEllipse({CX, top}, {neckHalf, 7}, 0, 180, 360, 0.82);
}

void roundNeck(Canvas& c, double top, double neckHalf, double depth, double rib)
{
    backNeck(c, top, neckHalf);
    c.fabricEllipse({CX, top}, {neckHalf, depth}, 0, 0, 180, 0.42);
    c.fabricEllipse({CX, top + 1}, {neckHalf - rib, depth - rib}, 0, 0, 180, 0.42);
    // Rib band: the ring between the two ellipses, drawn as a thick arc.
    Poly arc;
    for (int i = 0; i <= 24; ++i) {
        const double a = kPi * i / 24.0;
        arc.push_back({CX + std::cos(a) * (neckHalf - rib * 0.5), top + std::sin(a) * (depth - rib * 0.5)});
    }
    c.solidLine(arc, shadeOf(c.base(), 0.86), rib);
    c.seam(arc, 1.0, 0.6);
}

void vNeck(Canvas& c, double top, double neckHalf, double depth, double rib)
{
    backNeck(c, top, neckHalf);
    c.fabricPoly({{CX - neckHalf, top}, {CX + neckHalf, top}, {CX, top + depth}}, 0.42);
    c.solidLine({{CX - neckHalf + rib * 0.4, top}, {CX, top + depth - rib * 0.6}, {CX + neckHalf - rib * 0.4, top}}, shadeOf(c.base(), 0.86), rib);
    c.seam({{CX - neckHalf, top}, {CX, top + depth}, {CX + neckHalf, top}}, 1.5, 0.55);
}

// A pointed shirt collar with a small opening between the points.
void pointedCollar(Canvas& c, double top, double neckHalf, double spread)
{
    c.fabricEllipse({CX, top}, {neckHalf + 3, 9}, 0, 180, 360, 0.9);
    c.fabricPoly({{CX - neckHalf + 3, top}, {CX + neckHalf - 3, top}, {CX, top + 18}}, 0.4);
    for (int side = -1; side <= 1; side += 2) {
        const Poly flap = {{CX + side * (neckHalf + 5), top - 5}, {CX + side * (neckHalf + 2), top + 6}, {CX + side * spread, top + 34},
                           {CX + side * 1.0, top + 18}, {CX + side * 4.0, top + 4}};
        c.fabricPoly(flap, 1.0);
        c.seam(flap, 2.0, 0.5, true);
    }
}

void roundCollar(Canvas& c, double top, double neckHalf)
{
    c.fabricEllipse({CX, top}, {neckHalf, 14}, 0, 0, 180, 0.42);
    for (int side = -1; side <= 1; side += 2) {
        const P ctr(CX + side * (neckHalf * 0.55), top + 10);
        c.fabricEllipse(ctr, {neckHalf * 0.62, 12}, side * 18.0, 0, 360, 1.05);
        Poly ring;
        for (int i = 0; i <= 24; ++i) {
            const double a = 2 * kPi * i / 24.0, ca = std::cos(side * 18.0 * kPi / 180), sa = std::sin(side * 18.0 * kPi / 180);
            const P e(std::cos(a) * neckHalf * 0.62, std::sin(a) * 12);
            ring.push_back(ctr + P(e.x * ca - e.y * sa, e.x * sa + e.y * ca));
        }
        c.seam(ring, 2.0, 0.5);
    }
}

void placket(Canvas& c, double fromY, double toY, int buttons, const Rgb& buttonColour, double x = CX)
{
    c.seam({{x - 4, fromY}, {x - 4, toY}}, 1.5, 0.6);
    c.seam({{x + 4, fromY}, {x + 4, toY}}, 1.5, 0.6);
    for (int i = 0; i < buttons; ++i)
        c.button({x, fromY + 10 + (toY - fromY - 20) * i / std::max(1, buttons - 1)}, 3.2, buttonColour);
}

void ribHem(Canvas& c, const TopBody& b, double height)
{
    const double y0 = b.hemY - height;
    const double half0 = b.hemHalf + (b.waistHalf - b.hemHalf) * 0.0;
    c.fabricPoly({{CX - half0, y0}, {CX + half0, y0}, {CX + half0 - 2, b.hemY}, {CX - half0 + 2, b.hemY}}, 0.86);
    c.seam({{CX - half0, y0}, {CX + half0, y0}}, 2.0, 0.55);
    for (double x = -half0 + 4; x < half0 - 2; x += 5)
        c.seam({{CX + x, y0 + 2}, {CX + x, b.hemY - 1}}, 1.0, 0.76);
}

// ---------------------------------------------------------------------------------------------
// Categories. Each reads its shape values from `g` in a fixed order.

void drawTshirt(Canvas& c, Draws& g, const GarmentSpec& s)
{
    TopBody b{};
    b.top = g(54, 62);
    b.neckHalf = g(20, 25);
    b.shoulderHalf = g(60, 66);
    b.shoulderDrop = g(8, 12);
    b.chestHalf = g(54, 60);
    b.armpitY = b.top + g(46, 54);
    b.waistHalf = b.chestHalf - g(0, 4);
    b.waistY = b.top + 100;
    b.hemHalf = b.chestHalf + g(-3, 3);
    b.hemY = b.top + g(150, 166);
    const double shortAngle = g(48, 64), longAngle = g(16, 28), sway = g(-5, 5), neckDepth = g(16, 22), vDepth = g(40, 54);
    for (int side = -1; side <= 1; side += 2) {
        const Sleeve sl = s.sleeve == "long" ? makeSleeve(b.shoulder(side), b.armpit(side), side, longAngle, 138, 15)
                                             : makeSleeve(b.shoulder(side), b.armpit(side), side, shortAngle, 50, 24);
        c.fabricPoly(sl.poly);
        c.seam(sl.poly, 2.0, 0.6, true);
        if (s.sleeve == "long")
            cuff(c, sl, 12, 0.9, true);
        else
            c.seam({sl.endC + sl.across * sl.endHalf - sl.dir * 6, sl.endC - sl.across * sl.endHalf - sl.dir * 6}, 1.5, 0.7);
    }
    const Poly body = topBodyPoly(b, Hem::Straight, false, sway);
    c.fabricPoly(body);
    c.seam({{CX - b.hemHalf + 2, b.hemY - 7}, {CX + b.hemHalf - 2, b.hemY - 7}}, 1.5, 0.72);
    if (s.neckline == "v")
        vNeck(c, b.top, b.neckHalf, vDepth, 6);
    else
        roundNeck(c, b.top, b.neckHalf, neckDepth, 6);
}

void drawShirt(Canvas& c, Draws& g, const GarmentSpec& s)
{
    TopBody b{};
    b.top = g(46, 54);
    b.neckHalf = g(19, 22);
    b.shoulderHalf = g(58, 64);
    b.shoulderDrop = g(8, 12);
    b.chestHalf = g(52, 58);
    b.armpitY = b.top + g(48, 56);
    b.waistHalf = b.chestHalf - g(2, 6);
    b.waistY = b.top + 110;
    b.hemHalf = b.chestHalf + g(-2, 3);
    b.hemY = b.top + g(178, 192);
    const double shortAngle = g(44, 58), longAngle = g(12, 22), sway = g(-4, 4), pocket = g(0, 1), collarSpread = g(14, 20);
    const Rgb buttons = contrastTrim(c.base());
    for (int side = -1; side <= 1; side += 2) {
        const bool lng = s.sleeve == "long";
        const Sleeve sl = lng ? makeSleeve(b.shoulder(side), b.armpit(side), side, longAngle, 148, 14)
                              : makeSleeve(b.shoulder(side), b.armpit(side), side, shortAngle, 48, 22);
        c.fabricPoly(sl.poly);
        c.seam(sl.poly, 2.0, 0.6, true);
        if (lng) {
            cuff(c, sl, 18, 0.95, false);
            c.button(sl.endC - sl.dir * 9 + sl.across * (sl.endHalf * 0.5), 2.5, buttons);
        } else {
            c.seam({sl.endC + sl.across * sl.endHalf - sl.dir * 7, sl.endC - sl.across * sl.endHalf - sl.dir * 7}, 1.5, 0.7);
        }
    }
    c.fabricPoly(topBodyPoly(b, Hem::Shirttail, false, sway));
    placket(c, b.top + 16, b.hemY - 2, 6, buttons);
    if (pocket > 0.4) {
        const Poly pk = {{CX + 18, b.armpitY - 8}, {CX + 42, b.armpitY - 8}, {CX + 42, b.armpitY + 16}, {CX + 30, b.armpitY + 21}, {CX + 18, b.armpitY + 16}};
        c.seam(pk, 1.8, 0.55, true);
    }
    pointedCollar(c, b.top, b.neckHalf, collarSpread);
}

void drawBlouse(Canvas& c, Draws& g, const GarmentSpec& s)
{
    TopBody b{};
    b.top = g(52, 60);
    b.neckHalf = g(18, 22);
    const bool sleeveless = s.sleeve == "sleeveless";
    b.shoulderHalf = sleeveless ? g(36, 40) : g(50, 56);
    b.shoulderDrop = g(7, 10);
    b.chestHalf = g(46, 50);
    b.armpitY = b.top + g(44, 50);
    b.waistHalf = g(36, 40);
    b.waistY = b.top + g(96, 104);
    b.hemHalf = g(64, 74);
    b.hemY = b.waistY + g(44, 56);
    const double shortAngle = g(42, 56), longAngle = g(12, 20), sway = g(-4, 4), bow = g(0, 1), vDepth = g(38, 50);
    for (int side = -1; side <= 1 && !sleeveless; side += 2) {
        if (s.sleeve == "long") {
            const Sleeve sl = makeSleeve(b.shoulder(side), b.armpit(side), side, longAngle, 126, 12, 12);
            c.fabricPoly(sl.poly);
            c.seam(sl.poly, 2.0, 0.6, true);
            // Gathered cuff with a small frill below it.
            const P e = sl.endC;
            c.fabricPoly({e + sl.across * 12, e + sl.across * 18 + sl.dir * 12, e - sl.across * 18 + sl.dir * 12, e - sl.across * 12}, 0.95);
            cuff(c, sl, 9, 0.85, false);
        } else {
            const Sleeve sl = makeSleeve(b.shoulder(side), b.armpit(side), side, shortAngle, 42, 17, 10);
            c.fabricPoly(sl.poly);
            c.seam(sl.poly, 2.0, 0.6, true);
            cuff(c, sl, 7, 0.85, false);
            for (double t = -0.6; t <= 0.61; t += 0.3) // gathers at the sleeve head
                c.seam({sl.poly.front() * (0.5 - t * 0.5) + sl.poly.back() * (0.5 + t * 0.5) + sl.dir * 4,
                        sl.poly.front() * (0.5 - t * 0.5) + sl.poly.back() * (0.5 + t * 0.5) + sl.dir * 14},
                       1.0, 0.75);
        }
    }
    c.fabricPoly(topBodyPoly(b, Hem::Ruffle, sleeveless, sway));
    // Peplum: seam at the waist and folds flaring out to the hem.
    c.seam({{CX - b.waistHalf, b.waistY}, {CX + b.waistHalf, b.waistY}}, 2.0, 0.6);
    for (int i = -3; i <= 3; ++i)
        c.seam({{CX + i * b.waistHalf / 3.6, b.waistY + 3}, {CX + i * b.hemHalf / 3.6, b.hemY - 3}}, 1.5, 0.8);
    if (sleeveless)
        for (int side = -1; side <= 1; side += 2)
            c.seam({b.shoulder(side), P(CX + side * (b.chestHalf - 9), b.armpitY - 18), b.armpit(side)}, 2.5, 0.6);
    if (s.neckline == "v") {
        vNeck(c, b.top, b.neckHalf, vDepth, 4);
    } else if (s.neckline == "collar") {
        roundCollar(c, b.top, b.neckHalf);
    } else {
        roundNeck(c, b.top, b.neckHalf, 16, 4);
        if (bow > 0.4) { // a small bow at the neck
            const P k(CX, b.top + 18);
            c.fabricPoly({k, k + P(-16, -8), k + P(-16, 8)}, 0.9);
            c.fabricPoly({k, k + P(16, -8), k + P(16, 8)}, 0.9);
            c.fabricPoly({k + P(-3, 0), k + P(-9, 20), k + P(-4, 21)}, 0.85);
            c.fabricPoly({k + P(3, 0), k + P(9, 20), k + P(4, 21)}, 0.85);
            c.solidCircle(k, 4, shadeOf(c.base(), 0.7));
        }
    }
}

void drawPullover(Canvas& c, Draws& g, const GarmentSpec& s)
{
    TopBody b{};
    b.top = g(52, 58);
    b.neckHalf = g(20, 24);
    b.shoulderHalf = g(66, 72);
    b.shoulderDrop = g(14, 20);
    b.chestHalf = g(58, 64);
    b.armpitY = b.top + g(56, 64);
    b.waistHalf = b.chestHalf - g(0, 3);
    b.waistY = b.top + 110;
    b.hemHalf = b.chestHalf - g(2, 6);
    b.hemY = b.top + g(160, 172);
    const double angle = g(12, 24), sway = g(-4, 4), depth = g(18, 22), vDepth = g(42, 56);
    // Knit texture: faint vertical wales over the fabric.
    {
        cv::Mat& f = c.fabric();
        for (int y = 0; y < f.rows; ++y) {
            auto* row = f.ptr<cv::Vec3b>(y);
            for (int x = 0; x < f.cols; x += 5)
                row[x] = row[x] * 0.88;
        }
    }
    for (int side = -1; side <= 1; side += 2) {
        const Sleeve sl = makeSleeve(b.shoulder(side), b.armpit(side), side, angle, 132, 16, 4);
        c.fabricPoly(sl.poly);
        c.seam(sl.poly, 2.0, 0.6, true);
        cuff(c, sl, 16, 0.86, true);
    }
    c.fabricPoly(topBodyPoly(b, Hem::Straight, false, sway));
    ribHem(c, b, 18);
    if (s.neckline == "v")
        vNeck(c, b.top, b.neckHalf, vDepth, 8);
    else
        roundNeck(c, b.top, b.neckHalf, depth, 8);
}

void drawHoodie(Canvas& c, Draws& g, const GarmentSpec& /*s*/)
{
    TopBody b{};
    b.top = g(70, 78);
    b.neckHalf = g(22, 26);
    b.shoulderHalf = g(64, 70);
    b.shoulderDrop = g(12, 18);
    b.chestHalf = g(58, 64);
    b.armpitY = b.top + g(52, 60);
    b.waistHalf = b.chestHalf - g(0, 3);
    b.waistY = b.top + 100;
    b.hemHalf = b.chestHalf - g(3, 6);
    b.hemY = b.top + g(150, 162);
    const double angle = g(12, 24), sway = g(-4, 4), hoodH = g(48, 58), strings = g(-4, 4);
    const Rgb stringColour = contrastTrim(c.base());
    // The hood lies behind the neck, its opening facing us.
    Poly hood;
    for (int i = 0; i <= 20; ++i) {
        const double a = kPi + kPi * i / 20.0;
        hood.push_back({CX + std::cos(a) * 44, b.top + 10 + std::sin(a) * hoodH});
    }
    c.fabricPoly(hood, 0.92);
    c.fabricEllipse({CX, b.top - 4}, {28, hoodH * 0.62}, 0, 0, 360, 0.38);
    c.seam(hood, 2.0, 0.55, false);
    for (int side = -1; side <= 1; side += 2) {
        const Sleeve sl = makeSleeve(b.shoulder(side), b.armpit(side), side, angle, 128, 15, 3);
        c.fabricPoly(sl.poly);
        c.seam(sl.poly, 2.0, 0.6, true);
        cuff(c, sl, 14, 0.86, true);
    }
    c.fabricPoly(topBodyPoly(b, Hem::Straight, false, sway));
    // Crossed neck opening below the hood.
    c.fabricPoly({{CX - b.neckHalf, b.top}, {CX + b.neckHalf, b.top}, {CX, b.top + 22}}, 0.45);
    c.seam({{CX - b.neckHalf - 4, b.top - 2}, {CX + 4, b.top + 24}}, 3.0, 0.7);
    c.seam({{CX + b.neckHalf + 4, b.top - 2}, {CX - 2, b.top + 20}}, 2.0, 0.7);
    ribHem(c, b, 18);
    // Kangaroo pocket.
    const double py = b.hemY - 18;
    c.seam({{CX - 48, py}, {CX - 34, py - 50}, {CX + 34, py - 50}, {CX + 48, py}}, 2.0, 0.55);
    c.seam({{CX - 38, py - 44}, {CX - 48, py}}, 1.0, 0.7);
    // Drawstrings with aglets.
    for (int side = -1; side <= 1; side += 2) {
        const P top(CX + side * 11, b.top + 8), end(CX + side * (12 + strings), b.top + 70);
        c.solidLine({top, (top + end) * 0.5 + P(side * 2.0, 0), end}, stringColour, 3.0);
        c.solidLine({end, end + P(0, 8)}, shadeOf(stringColour, 0.7), 4.0);
    }
}

void drawCoat(Canvas& c, Draws& g, const GarmentSpec& /*s*/, RenderHints& h)
{
    TopBody b{};
    b.top = g(22, 28);
    b.neckHalf = g(20, 24);
    b.shoulderHalf = g(60, 66);
    b.shoulderDrop = g(10, 14);
    b.chestHalf = g(56, 60);
    b.armpitY = b.top + g(52, 58);
    b.waistHalf = g(52, 56);
    b.waistY = b.top + g(120, 130);
    b.hemHalf = g(68, 78);
    b.hemY = b.top + g(250, 268);
    const double angle = g(10, 18), sway = g(-4, 4), belt = g(0, 1), lapelDepth = g(78, 96), doubleBreasted = g(0, 1);
    h.belted = belt > 0.5;
    const Rgb buttons = shadeOf(c.base(), 0.45);
    for (int side = -1; side <= 1; side += 2) {
        const Sleeve sl = makeSleeve(b.shoulder(side), b.armpit(side), side, angle, 150, 17, 2);
        c.fabricPoly(sl.poly);
        c.seam(sl.poly, 2.0, 0.6, true);
        cuff(c, sl, 20, 0.93, false);
    }
    c.fabricPoly(topBodyPoly(b, Hem::Straight, false, sway));
    // Front opening: a V showing the dark inside, lapels over it.
    c.fabricPoly({{CX - b.neckHalf, b.top}, {CX + b.neckHalf, b.top}, {CX, b.top + lapelDepth}}, 0.35);
    for (int side = -1; side <= 1; side += 2) {
        const Poly lapel = {{CX + side * b.neckHalf, b.top - 4}, {CX + side * (b.neckHalf + 16), b.top + 10}, {CX + side * (b.neckHalf + 8), b.top + 26},
                            {CX + side * 30, b.top + 42}, {CX + side * 4.0, b.top + lapelDepth}, {CX + side * (b.neckHalf - 6), b.top + 12}};
        c.fabricPoly(lapel, 1.05);
        c.seam(lapel, 2.0, 0.5, true);
    }
    c.seam({{CX + 6, b.top + lapelDepth}, {CX + 6, b.hemY}}, 2.0, 0.5);
    const double bx = doubleBreasted > 0.5 ? 22 : 0;
    for (int i = 0; i < 3; ++i) {
        const double y = b.top + lapelDepth + 14 + i * 34;
        c.button({CX + 6 - 14 + (bx > 0 ? -8 : 14), y}, 4.2, buttons);
        if (bx > 0)
            c.button({CX + 6 + bx, y}, 4.2, buttons);
    }
    for (int side = -1; side <= 1; side += 2)
        c.seam({{CX + side * 26, b.waistY + 40}, {CX + side * 52, b.waistY + 40}}, 3.0, 0.55);
    if (h.belted) {
        const double y0 = b.waistY - 8, y1 = b.waistY + 8;
        c.fabricPoly({{CX - b.waistHalf - 1, y0}, {CX + b.waistHalf + 1, y0}, {CX + b.waistHalf + 1, y1}, {CX - b.waistHalf - 1, y1}}, 0.9);
        c.seam({{CX - b.waistHalf, y0}, {CX + b.waistHalf, y0}}, 1.5, 0.55);
        c.seam({{CX - b.waistHalf, y1}, {CX + b.waistHalf, y1}}, 1.5, 0.55);
        c.solidLine({{CX - 10, y0 - 3}, {CX + 10, y0 - 3}, {CX + 10, y1 + 3}, {CX - 10, y1 + 3}}, shadeOf(c.base(), 0.4), 3, false, true);
    }
}

void drawDress(Canvas& c, Draws& g, const GarmentSpec& s, RenderHints& h)
{
    const bool sleeveless = s.sleeve == "sleeveless";
    TopBody b{};
    b.top = g(22, 28);
    b.neckHalf = g(17, 21);
    b.shoulderHalf = sleeveless ? g(32, 36) : g(46, 50);
    b.shoulderDrop = g(6, 9);
    b.chestHalf = g(42, 46);
    b.armpitY = b.top + g(42, 48);
    b.waistHalf = g(32, 36);
    b.waistY = b.top + g(92, 100);
    const double miniHem = g(64, 72), kneeHem = g(120, 136), maxiHem = g(184, 200);
    const double miniHalf = g(62, 72), kneeHalf = g(72, 84), maxiHalf = g(84, 98);
    const double shortAngle = g(40, 54), longAngle = g(10, 18), sway = g(-8, 8), neckDepth = g(14, 18), vDepth = g(36, 48), belt = g(0, 1);
    h.belted = belt > 0.7;
    if (s.length == "mini") {
        b.hemY = b.waistY + miniHem;
        b.hemHalf = miniHalf;
    } else if (s.length == "maxi") {
        b.hemY = b.waistY + maxiHem;
        b.hemHalf = maxiHalf;
    } else {
        b.hemY = b.waistY + kneeHem;
        b.hemHalf = kneeHalf;
    }
    for (int side = -1; side <= 1 && !sleeveless; side += 2) {
        const Sleeve sl = s.sleeve == "long" ? makeSleeve(b.shoulder(side), b.armpit(side), side, longAngle, 122, 11)
                                             : makeSleeve(b.shoulder(side), b.armpit(side), side, shortAngle, 38, 17);
        c.fabricPoly(sl.poly);
        c.seam(sl.poly, 2.0, 0.6, true);
        if (s.sleeve == "long")
            cuff(c, sl, 10, 0.9, false);
    }
    c.fabricPoly(topBodyPoly(b, Hem::Curved, sleeveless, sway));
    if (sleeveless)
        for (int side = -1; side <= 1; side += 2)
            c.seam({b.shoulder(side), P(CX + side * (b.chestHalf - 9), b.armpitY - 18), b.armpit(side)}, 2.5, 0.6);
    c.seam({{CX - b.waistHalf, b.waistY}, {CX + b.waistHalf, b.waistY}}, 2.0, 0.58);
    for (int i = -2; i <= 2; ++i) // folds of the skirt
        if (i != 0)
            c.seam({{CX + i * b.waistHalf / 3.0, b.waistY + 6}, {CX + i * b.hemHalf / 2.6 + sway * 0.5, b.hemY - 4}}, 1.5, 0.8);
    if (h.belted) {
        c.fabricPoly({{CX - b.waistHalf - 1, b.waistY - 5}, {CX + b.waistHalf + 1, b.waistY - 5}, {CX + b.waistHalf + 1, b.waistY + 5}, {CX - b.waistHalf - 1, b.waistY + 5}}, 0.8);
    }
    if (s.neckline == "v") {
        vNeck(c, b.top, b.neckHalf, vDepth, 4);
    } else if (s.neckline == "collar") {
        placket(c, b.top + 14, b.waistY - 4, 3, contrastTrim(c.base()));
        pointedCollar(c, b.top, b.neckHalf, 16);
    } else {
        roundNeck(c, b.top, b.neckHalf, neckDepth, 4);
    }
}

void drawSkirt(Canvas& c, Draws& g, const GarmentSpec& s, RenderHints& h)
{
    const double top = g(40, 48), waistHalf = g(46, 52), bandH = g(13, 16);
    const double miniLen = g(62, 74), kneeLen = g(124, 140), maxiLen = g(196, 214);
    const double miniHalf = g(62, 72), kneeHalf = g(68, 80), maxiHalf = g(78, 92);
    const double pleats = g(0, 1), sway = g(-8, 8);
    h.pleated = pleats > 0.6;
    double len = kneeLen, hemHalf = kneeHalf;
    if (s.length == "mini") {
        len = miniLen;
        hemHalf = miniHalf;
    } else if (s.length == "maxi") {
        len = maxiLen;
        hemHalf = maxiHalf;
    }
    const double y0 = top + bandH, hemY = y0 + len;
    Poly body{{CX - waistHalf, y0}, {CX + waistHalf, y0}};
    const int n = 16;
    for (int i = 0; i <= n; ++i) {
        const double t = 1.0 - 2.0 * i / n;
        double y = hemY + 7.0 * (1.0 - t * t);
        if (h.pleated)
            y += (i % 2) ? 5.0 : 0.0;
        body.push_back({CX + t * hemHalf + sway * (1.0 - t * t), y});
    }
    c.fabricPoly(body);
    c.fabricPoly({{CX - waistHalf, top}, {CX + waistHalf, top}, {CX + waistHalf, y0}, {CX - waistHalf, y0}}, 0.9);
    c.seam({{CX - waistHalf, y0}, {CX + waistHalf, y0}}, 2.0, 0.55);
    c.button({CX + waistHalf - 10, top + bandH * 0.5}, 3.0, contrastTrim(c.base()));
    const int folds = h.pleated ? 8 : 3;
    for (int i = 1; i < folds; ++i) {
        const double t = -1.0 + 2.0 * i / folds;
        c.seam({{CX + t * waistHalf, y0 + 2}, {CX + t * hemHalf + sway * (1.0 - t * t), hemY + 6.0 * (1.0 - t * t)}}, h.pleated ? 1.6 : 1.4,
               h.pleated ? 0.7 : 0.82);
    }
}

void drawTrousers(Canvas& c, Draws& g, const GarmentSpec& /*s*/)
{
    const double top = g(14, 20), waistHalf = g(46, 52), bandH = g(12, 15), crotch = g(96, 110), hemY = g(292, 304);
    const double outerHem = g(44, 58), innerHem = g(4, 14), spread = g(0, 8), pockets = g(0, 1);
    const double y0 = top + bandH;
    const Poly legs = {{CX - waistHalf, y0},
                       {CX + waistHalf, y0},
                       {CX + waistHalf + 3, y0 + crotch * 0.7},
                       {CX + outerHem + spread, hemY},
                       {CX + innerHem + spread, hemY},
                       {CX + 1, y0 + crotch},
                       {CX - 1, y0 + crotch},
                       {CX - innerHem - spread, hemY},
                       {CX - outerHem - spread, hemY},
                       {CX - waistHalf - 3, y0 + crotch * 0.7}};
    c.fabricPoly(legs);
    c.fabricPoly({{CX - waistHalf, top}, {CX + waistHalf, top}, {CX + waistHalf, y0}, {CX - waistHalf, y0}}, 0.9);
    c.seam({{CX - waistHalf, y0}, {CX + waistHalf, y0}}, 2.0, 0.55);
    for (double x : {-0.75, -0.3, 0.3, 0.75}) // belt loops
        c.seam({{CX + x * waistHalf, top}, {CX + x * waistHalf, y0 + 3}}, 2.5, 0.6);
    c.seam({{CX, y0}, {CX, y0 + crotch * 0.55}, {CX + 10, y0 + crotch * 0.7}}, 1.5, 0.6); // fly
    c.seam({{CX + 10, y0}, {CX + 10, y0 + crotch * 0.5}, {CX, y0 + crotch * 0.75}}, 1.2, 0.68);
    if (pockets > 0.3)
        for (int side = -1; side <= 1; side += 2)
            c.seam({{CX + side * (waistHalf - 16), y0}, {CX + side * (waistHalf + 1), y0 + 34}}, 1.8, 0.58);
    for (int side = -1; side <= 1; side += 2) { // creases
        const double xTop = CX + side * waistHalf * 0.5, xHem = CX + side * ((outerHem + innerHem) * 0.5 + spread);
        c.seam({{xTop, y0 + crotch * 0.5}, {xHem, hemY - 3}}, 1.2, 0.84);
        c.seam({{CX + side * (outerHem + spread - 1), hemY - 10}, {CX + side * (innerHem + spread + 1), hemY - 10}}, 1.2, 0.72);
    }
}

void drawShorts(Canvas& c, Draws& g, const GarmentSpec& /*s*/)
{
    const double top = g(86, 94), waistHalf = g(52, 58), bandH = g(13, 16), crotch = g(56, 64), legLen = g(84, 98);
    const double flare = g(10, 20), innerHem = g(2, 8), cuffed = g(0, 1), pockets = g(0, 1);
    const double y0 = top + bandH, hemY = y0 + legLen;
    const double outer = waistHalf + flare;
    const Poly legs = {{CX - waistHalf, y0},  {CX + waistHalf, y0},  {CX + outer, hemY},        {CX + innerHem, hemY + 4},
                       {CX + 1, y0 + crotch}, {CX - 1, y0 + crotch}, {CX - innerHem, hemY + 4}, {CX - outer, hemY}};
    c.fabricPoly(legs);
    c.fabricPoly({{CX - waistHalf, top}, {CX + waistHalf, top}, {CX + waistHalf, y0}, {CX - waistHalf, y0}}, 0.9);
    c.seam({{CX - waistHalf, y0}, {CX + waistHalf, y0}}, 2.0, 0.55);
    for (double x : {-0.75, -0.3, 0.3, 0.75})
        c.seam({{CX + x * waistHalf, top}, {CX + x * waistHalf, y0 + 3}}, 2.5, 0.6);
    c.seam({{CX, y0}, {CX, y0 + crotch * 0.6}, {CX + 9, y0 + crotch * 0.75}}, 1.5, 0.6);
    if (pockets > 0.3)
        for (int side = -1; side <= 1; side += 2)
            c.seam({{CX + side * (waistHalf - 16), y0}, {CX + side * (waistHalf + 3), y0 + 30}}, 1.8, 0.58);
    if (cuffed > 0.5)
        for (int side = -1; side <= 1; side += 2) {
            const Poly band = {{CX + side * (outer - 2.0), hemY - 14}, {CX + side * (innerHem + 2), hemY - 10}, {CX + side * innerHem, hemY + 4}, {CX + side * outer, hemY}};
            c.fabricPoly(band, 0.88);
            c.seam({band[0], band[1]}, 1.8, 0.55);
        }
}

// Side-view shoes, toe to the right. `groundY` is the floor line.
void drawSneakers(Canvas& c, Draws& g, const GarmentSpec& /*s*/)
{
    const double ground = g(212, 222), collar = g(112, 126), soleH = g(20, 26), toeH = g(36, 44), logo = g(0, 1), soleChoice = g(0, 1);
    const double x0 = CX - 112, x1 = CX + 112;
    const Rgb base = c.base();
    Rgb sole = luma(base) > 200 ? (soleChoice < 0.5 ? Rgb(60, 60, 64) : Rgb(250, 250, 248)) : (soleChoice < 0.75 ? Rgb(246, 245, 240) : Rgb(44, 44, 48));
    const double soleTop = ground - soleH;
    const Poly upper = {{x0 + 6, soleTop + 2},      {x0 + 2, collar + 30},      {x0 + 10, collar + 2},   {x0 + 40, collar},
                        {x0 + 62, collar + 14},      {x0 + 82, collar - 4},      {x0 + 100, collar - 14}, {x0 + 118, collar - 2},
                        {x0 + 150, collar + 22},     {x0 + 186, soleTop - toeH}, {x1 - 10, soleTop - toeH * 0.55},
                        {x1, soleTop - 6},           {x1 - 4, soleTop + 2}};
    c.fabricPoly(upper);
    // Collar opening and heel tab.
    c.fabricEllipse({x0 + 48, collar + 6}, {26, 7}, 6, 0, 360, 0.3);
    c.fabricPoly({{x0 + 2, collar + 28}, {x0 + 10, collar + 2}, {x0 + 20, collar + 2}, {x0 + 16, collar + 32}}, 0.82);
    // Tongue.
    c.fabricPoly({{x0 + 82, collar - 4}, {x0 + 100, collar - 16}, {x0 + 112, collar - 8}, {x0 + 100, collar + 8}}, 0.9);
    // Toe cap and eyestay.
    c.seam({{x1 - 56, soleTop}, {x1 - 52, soleTop - toeH * 0.7}, {x1 - 30, soleTop - toeH * 0.8}}, 2.0, 0.6);
    c.seam({{x0 + 70, collar + 14}, {x0 + 92, collar + 10}, {x0 + 148, collar + 30}, {x0 + 160, collar + 44}}, 2.0, 0.6);
    // Laces crossing the instep.
    const Rgb lace = contrastTrim(base);
    for (int i = 0; i < 5; ++i) {
        const double t = i / 4.0;
        const P a = P(x0 + 92, collar + 4) * (1 - t) + P(x0 + 150, collar + 30) * t;
        c.solidLine({a + P(-6, -6), a + P(7, 6)}, lace, 3.0);
        c.solidCircle(a + P(-2, 10), 1.8, shadeOf(base, 0.4));
    }
    if (logo > 0.35) { // a side stripe in a lighter tone of the upper
        const Rgb tone = luma(base) > 180 ? shadeOf(base, 0.7) : mixRgb(base, Rgb(255, 255, 255), 0.55);
        c.solidLine({{x0 + 36, soleTop - 10}, {x0 + 90, soleTop - 20}, {x0 + 150, soleTop - 42}}, tone, 6.0);
    }
    // Sole with a midsole line and tread.
    const Poly solePoly = {{x0 + 4, soleTop}, {x1 - 2, soleTop}, {x1 + 4, soleTop + soleH * 0.45}, {x1 - 6, ground}, {x0 + 8, ground}, {x0, soleTop + soleH * 0.5}};
    c.solidPoly(solePoly, sole);
    c.solidLine({{x0 + 4, soleTop + soleH * 0.55}, {x1, soleTop + soleH * 0.55}}, shadeOf(sole, 0.7), 2.0);
    for (double x = x0 + 14; x < x1 - 8; x += 12)
        c.solidLine({{x, ground - 4}, {x + 5, ground - 4}}, shadeOf(sole, 0.55), 2.0);
}

struct ShoeFoot {
    double ground, heelTopY, heelBack, heelFront, ballX, toeX;
    Poly solePoly;
    Poly heelPoly;
};

// The foot part shared by boots and sandals: flat (level sole, low block heel) or high (sole
// sloping from a raised heel down to the ball, with a tall slim heel).
ShoeFoot makeFoot(bool high, Draws& g)
{
    ShoeFoot f{};
    f.ground = g(250, 258);
    const double heelH = g(46, 58), heelW = g(12, 18), block = g(0, 1);
    f.toeX = CX + 104;
    f.heelBack = CX - 96;
    if (!high) {
        f.heelTopY = f.ground - 16;
        f.ballX = CX + 40;
        f.solePoly = {{f.heelBack, f.ground - 12}, {f.toeX - 4, f.ground - 12}, {f.toeX + 2, f.ground - 6}, {f.toeX - 6, f.ground}, {f.heelBack + 30, f.ground}};
        f.heelPoly = {{f.heelBack, f.ground - 14}, {f.heelBack + 30, f.ground - 14}, {f.heelBack + 31, f.ground}, {f.heelBack + 1, f.ground}};
        f.heelFront = f.heelBack + 30;
    } else {
        f.heelTopY = f.ground - heelH;
        f.ballX = CX + 44;
        const double w = block > 0.5 ? heelW + 8 : heelW;
        f.solePoly = {{f.heelBack, f.heelTopY - 8}, {f.heelBack + 40, f.heelTopY - 6}, {f.ballX - 30, f.ground - 22}, {f.ballX, f.ground - 10},
                      {f.toeX, f.ground - 8},       {f.toeX - 6, f.ground},           {f.ballX - 6, f.ground},       {f.ballX - 34, f.ground - 12},
                      {f.heelBack + 40, f.heelTopY + 2}, {f.heelBack, f.heelTopY + 2}};
        f.heelPoly = {{f.heelBack + 2, f.heelTopY}, {f.heelBack + 4 + w + 10, f.heelTopY}, {f.heelBack + 6 + w, f.ground}, {f.heelBack + 6, f.ground}};
        f.heelFront = f.heelBack + 4 + w + 10;
    }
    return f;
}

void drawBoots(Canvas& c, Draws& g, const GarmentSpec& s, RenderHints& h)
{
    const bool high = s.heel == "high";
    const double tall = g(0, 1), shaftW = g(62, 72), toeH = g(34, 42), zip = g(0, 1);
    h.tallShaft = tall > 0.5;
    const ShoeFoot f = makeFoot(high, g);
    const double shaftTop = h.tallShaft ? g(34, 48) : g(104, 120);
    const double backX = f.heelBack + 2, frontX = backX + shaftW;
    const Rgb sole = luma(c.base()) < 60 ? Rgb(70, 66, 62) : Rgb(34, 32, 32);
    Poly upper;
    if (!high) {
        upper = {{backX, f.ground - 10}, {backX - 2, shaftTop + 20}, {backX + 2, shaftTop}, {frontX, shaftTop}, {frontX - 2, f.ground - 96},
                 {frontX + 22, f.ground - 58}, {f.toeX - 30, f.ground - 12 - toeH}, {f.toeX, f.ground - 26}, {f.toeX + 2, f.ground - 10}};
    } else {
        upper = {{backX, f.heelTopY - 4},       {backX - 4, shaftTop + 20},        {backX, shaftTop},
                 {frontX, shaftTop},            {frontX - 2, f.heelTopY - 34},     {frontX + 34, f.ground - 74},
                 {f.ballX + 14, f.ground - 8 - toeH}, {f.toeX - 8, f.ground - 8 - toeH * 0.75}, {f.toeX + 4, f.ground - 16},
                 {f.toeX - 4, f.ground - 8},    {f.ballX - 10, f.ground - 14},     {f.heelBack + 40, f.heelTopY}};
    }
    c.fabricPoly(upper);
    c.fabricEllipse({(backX + frontX) * 0.5, shaftTop + 1}, {(frontX - backX) * 0.5 - 2, 5}, 0, 0, 360, 0.3);
    c.seam({{backX + 4, shaftTop + 8}, {frontX - 4, shaftTop + 8}}, 1.5, 0.7);
    if (zip > 0.4) {
        const double zx = backX + 14;
        c.solidLine({{zx, shaftTop + 12}, {zx + 2, f.heelTopY - 14}}, Rgb(150, 150, 156), 3.0);
        c.solidLine({{zx - 2, shaftTop + 12}, {zx + 6, shaftTop + 12}, {zx + 6, shaftTop + 24}, {zx - 2, shaftTop + 24}}, Rgb(180, 180, 186), 2.0, false, true);
    } else { // pull tab
        c.fabricBand({{backX + 6, shaftTop + 2}, {backX - 6, shaftTop - 10}, {backX - 10, shaftTop + 8}, {backX + 2, shaftTop + 14}}, 4.0, 0.8);
    }
    c.seam({{f.toeX - 40, f.ground - 12}, {f.toeX - 36, f.ground - 12 - toeH * 0.6}}, 1.5, 0.7);
    c.solidPoly(f.solePoly, sole);
    c.solidPoly(f.heelPoly, sole);
    c.solidLine({f.heelPoly[0], f.heelPoly[1]}, shadeOf(sole, 1.6), 1.5);
}

void drawSandals(Canvas& c, Draws& g, const GarmentSpec& s)
{
    const bool high = s.heel == "high";
    const double strapW = g(17, 22), vampW = g(34, 46), instep = g(0, 1), ankleH = g(56, 66);
    const ShoeFoot f = makeFoot(high, g);
    // The (invisible) foot: its top line runs from the ankle down to the toes; straps are bands
    // from the sole up to that line, so the sandal reads as straps wrapped round a foot.
    const double bedHeel = high ? f.heelTopY - 8 : f.ground - 14;
    const double bedToe = f.ground - (high ? 10 : 14);
    auto bedAt = [&](double x) {
        if (!high)
            return f.ground - 14.0;
        if (x <= f.heelBack + 40)
            return bedHeel;
        if (x >= f.ballX)
            return bedToe;
        const double t = (x - (f.heelBack + 40)) / (f.ballX - (f.heelBack + 40));
        return bedHeel + (bedToe - bedHeel) * (t * t * (3 - 2 * t));
    };
    const P ankle(f.heelBack + 34, bedHeel - ankleH);
    const P toe(f.toeX - 6, bedToe - 18);
    auto footTop = [&](double x) {
        const double t = std::clamp((x - ankle.x) / (toe.x - ankle.x), 0.0, 1.0);
        return ankle.y + (toe.y - ankle.y) * std::sqrt(t); // convex instep
    };
    c.fabricPoly(f.solePoly, 0.9);
    c.solidLine({f.solePoly.front(), f.solePoly[1]}, shadeOf(c.base(), 0.55), 2.0);
    c.fabricPoly(f.heelPoly, 0.7);
    // Heel strap up the back and the ankle strap round the ankle.
    c.fabricPoly({{f.heelBack + 2, bedAt(f.heelBack) + 2}, {f.heelBack, ankle.y + 4}, {f.heelBack + strapW, ankle.y + 4}, {f.heelBack + strapW + 4, bedAt(f.heelBack) + 2}});
    c.fabricPoly({{f.heelBack - 2, ankle.y - 4}, {ankle.x + 22, ankle.y}, {ankle.x + 24, ankle.y + strapW}, {f.heelBack - 2, ankle.y + strapW - 4}});
    c.solidCircle({ankle.x + 14, ankle.y + strapW * 0.5}, 4.0, Rgb(205, 178, 80));
    // Instep strap (one, or two crossing).
    const double ix = ankle.x + (f.ballX - ankle.x) * 0.45;
    c.fabricPoly({{ix - strapW * 0.5 - 6, bedAt(ix - 6) + 2}, {ix - strapW * 0.5 + 6, footTop(ix) - 2}, {ix + strapW * 0.5 + 6, footTop(ix + strapW) - 2}, {ix + strapW * 0.5 - 6, bedAt(ix + 6) + 2}});
    if (instep > 0.5) {
        const double jx = ix + 26;
        c.fabricPoly({{jx - strapW * 0.5 + 6, bedAt(jx) + 2}, {jx - strapW * 0.5 - 6, footTop(jx) - 2}, {jx + strapW * 0.5 - 6, footTop(jx) - 2}, {jx + strapW * 0.5 + 6, bedAt(jx) + 2}});
    }
    // Wide vamp over the toes.
    const double v0 = f.ballX - vampW * 0.5, v1 = std::min(f.toeX - 12, f.ballX + vampW * 0.8);
    Poly vamp{{v0, bedAt(v0) + 2}};
    for (int i = 0; i <= 8; ++i) {
        const double x = v0 + (v1 - v0) * i / 8.0;
        vamp.push_back({x, footTop(x) - 2});
    }
    vamp.push_back({v1 + 6, bedAt(v1) + 2});
    c.fabricPoly(vamp);
    c.seam({vamp[1], vamp[vamp.size() - 2]}, 1.5, 0.7);
}

void drawBag(Canvas& c, Draws& g, const GarmentSpec& /*s*/, RenderHints& h)
{
    const double style = g(0, 1), w = g(84, 100), hgt = g(112, 134), taper = g(6, 16), handleH = g(50, 66), flapDepth = g(36, 48);
    h.bagStyle = style < 0.4 ? 0 : (style < 0.75 ? 1 : 2);
    const double bottom = 272, topY = bottom - hgt;
    const Rgb metal(212, 182, 84);
    Poly body;
    if (h.bagStyle == 0) // tote: wider at the top
        body = {{CX - w, topY}, {CX + w, topY}, {CX + w - taper, bottom - 6}, {CX + w - taper - 6, bottom}, {CX - w + taper + 6, bottom}, {CX - w + taper, bottom - 6}};
    else if (h.bagStyle == 1) // handbag: narrower at the top
        body = {{CX - w + taper * 2, topY}, {CX + w - taper * 2, topY}, {CX + w, bottom - 8}, {CX + w - 8, bottom}, {CX - w + 8, bottom}, {CX - w, bottom - 8}};
    else // shoulder bag: rounded box
        body = {{CX - w + 10, topY}, {CX + w - 10, topY}, {CX + w, topY + 10}, {CX + w, bottom - 10}, {CX + w - 10, bottom}, {CX - w + 10, bottom}, {CX - w, bottom - 10}, {CX - w, topY + 10}};
    // Handles or strap first, so the body covers their ends.
    if (h.bagStyle == 0) {
        for (int side = -1; side <= 1; side += 2) {
            Poly arc;
            for (int i = 0; i <= 16; ++i) {
                const double a = kPi + kPi * i / 16.0;
                arc.push_back({CX + side * 40 + std::cos(a) * 26, topY + 4 + std::sin(a) * handleH});
            }
            c.fabricBand(arc, 9, 0.85);
        }
    } else if (h.bagStyle == 1) {
        Poly arc;
        for (int i = 0; i <= 20; ++i) {
            const double a = kPi + kPi * i / 20.0;
            arc.push_back({CX + std::cos(a) * (w * 0.55), topY + 4 + std::sin(a) * handleH});
        }
        c.fabricBand(arc, 12, 0.85);
    } else {
        Poly arc;
        for (int i = 0; i <= 24; ++i) {
            const double a = kPi + kPi * i / 24.0;
            arc.push_back({CX + std::cos(a) * (w - 6), topY + 14 + std::sin(a) * (topY - 22)});
        }
        c.fabricBand(arc, 5, 0.8);
    }
    c.fabricPoly(body);
    c.seam(body, 2.0, 0.55, true);
    // Stitching along the top edge.
    const P tl = body[0] + P(6, 8), tr = body[1] + P(-6, 8);
    c.dashed(tl, tr, 5, 1.2, 0.7);
    if (h.bagStyle >= 1) { // flap with a clasp
        const double fw = h.bagStyle == 1 ? w - taper * 2 : w;
        const Poly flap = {{CX - fw, topY}, {CX + fw, topY}, {CX + fw - 4, topY + flapDepth * 0.7}, {CX, topY + flapDepth}, {CX - fw + 4, topY + flapDepth * 0.7}};
        c.fabricPoly(flap, 0.94);
        c.seam(flap, 2.0, 0.5, true);
        c.solidPoly({{CX - 7, topY + flapDepth - 6}, {CX + 7, topY + flapDepth - 6}, {CX + 7, topY + flapDepth + 6}, {CX - 7, topY + flapDepth + 6}}, metal);
    } else {
        for (int side = -1; side <= 1; side += 2)
            c.solidCircle({CX + side * 40 + side * 26, topY + 8}, 3.0, metal);
    }
}

// ---------------------------------------------------------------------------------------------
// Shading, outline, placement, background, noise.

void shadeGarment(Canvas& c, Draws& g, int outlineWidth)
{
    // Soft edge darkening from a blurred silhouette; blurred at quarter size (a wide kernel at
    // full size cost more than all the drawing).
    Workspace& ws = workspace();
    cv::Mat& small = ws.small;
    cv::Mat& soft = ws.soft;
    cv::resize(c.alpha(), small, cv::Size(kLocal / 4, kLocal / 4), 0, 0, cv::INTER_AREA);
    small.convertTo(small, CV_32F, 1.0 / 255.0);
    cv::GaussianBlur(small, small, cv::Size(0, 0), 9.0 / 4.0);
    // Folds: a few soft dark and light strokes over the garment, also drawn at quarter size.
    cv::Mat& folds = ws.folds;
    folds.create(kLocal / 4, kLocal / 4, CV_32F);
    folds.setTo(cv::Scalar(0));
    const int nFolds = 2 + g.below(4);
    for (int i = 0; i < 6; ++i) {
        const double x0 = g(70, 250), y0 = g(40, 280), ang = g(-0.5, 0.5) + kPi / 2, len = g(30, 90), sign = g(0, 1) < 0.65 ? -1.0 : 1.0;
        if (i >= nFolds)
            continue;
        const P a0(x0, y0), a1 = a0 + P(std::cos(ang), std::sin(ang)) * len;
        cv::line(folds, cv::Point(static_cast<int>(std::lround(a0.x * 4)), static_cast<int>(std::lround(a0.y * 4))),
                 cv::Point(static_cast<int>(std::lround(a1.x * 4)), static_cast<int>(std::lround(a1.y * 4))), cv::Scalar(sign), 1, cv::LINE_AA, 4);
    }
    cv::GaussianBlur(folds, folds, cv::Size(0, 0), 0.9);
    for (int y = 0; y < small.rows; ++y) {
        float* sr = small.ptr<float>(y);
        const float* fr = folds.ptr<float>(y);
        for (int x = 0; x < small.cols; ++x)
            sr[x] = static_cast<float>((0.74 + 0.26 * std::min(1.0, sr[x] * 1.35)) * (1.0 + 0.3 * fr[x]));
    }
    cv::resize(small, soft, cv::Size(kLocal, kLocal), 0, 0, cv::INTER_LINEAR);
    const double lightAngle = g(0, 2 * kPi), lightAmount = g(0.03, 0.1);
    const double lx = std::cos(lightAngle) * lightAmount / 160.0, ly = std::sin(lightAngle) * lightAmount / 160.0;
    cv::Mat& col = c.color();
    for (int y = 0; y < kLocal; ++y) {
        auto* row = col.ptr<cv::Vec3b>(y);
        const float* sr = soft.ptr<float>(y);
        const uchar* ar = c.alpha().ptr<uchar>(y);
        for (int x = 0; x < kLocal; ++x) {
            if (!ar[x])
                continue;
            const double shade = sr[x] * (1.0 + (x - CX) * lx + (y - 160) * ly);
            for (int k = 0; k < 3; ++k)
                row[x][k] = cv::saturate_cast<uchar>(row[x][k] * shade);
        }
    }
    // Outline: the garment's silhouette in a dark tone of its colour.
    cv::Mat& bin = ws.bin;
    cv::threshold(c.alpha(), bin, 127, 255, cv::THRESH_BINARY);
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(bin, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_NONE);
    // Not too dark: on thin garments (sandal straps) the outline is a fair share of the pixels
    // and must not shift the colour a viewer reads.
    const Rgb outline = luma(c.base()) < 60 ? Rgb(12, 12, 14) : scaled(c.base(), 0.55);
    cv::drawContours(col, contours, -1, scalar(outline), outlineWidth, cv::LINE_AA);
    cv::drawContours(c.alpha(), contours, -1, cv::Scalar(255), outlineWidth, cv::LINE_AA);
}

struct Placement {
    double scaleFit;  // fit the longer side to this many pixels (of the composed canvas)...
    double fixedScale; // ...or use this scale (keeps lengths comparable), 0 for fit
    double maxRotation;
};

Placement placementFor(const std::string& category)
{
    if (category == "dress")
        return {0, 0.92, 5};
    if (category == "skirt")
        return {0, 1.2, 6};
    if (category == "sneakers" || category == "boots" || category == "sandals")
        return {228, 0, 5};
    if (category == "bag")
        return {220, 0, 6};
    return {232, 0, 6};
}

} // namespace

imaging::Image renderGarment(const GarmentSpec& spec, std::uint64_t variationSeed, int side, RenderHints* hintsOut)
{
    const auto pit = palette().find(spec.color);
    if (pit == palette().end())
        throw BadInputError("synthetic garment: unknown colour '" + spec.color + "'");
    if (side < 16 || side > 1024)
        throw UsageError("synthetic garment: image side must be 16..1024");

    Draws geo(mixSeed(variationSeed, 11), 96);
    Draws style(mixSeed(variationSeed, 12), 48);
    Draws scene(mixSeed(variationSeed, 13), 32);
    RenderHints hints;

    try {
        // Colour with a little per-item variation; white stays white.
        const double bright = style(0.9, 1.06), j0 = style(-7, 7), j1 = style(-7, 7), j2 = style(-7, 7);
        const double inkPick = style(0, 1), accentPick = style(0, 1);
        Rgb base = pit->second;
        if (spec.color == "white")
            base = clampRgb(base * (0.98 + (bright - 0.98) * 0.2) + Rgb(j0, j1, j2) * 0.3);
        else
            base = clampRgb(base * bright + Rgb(j0, j1, j2));

        FabricStyle fs;
        fs.base = base;
        fs.horizontal = style(0, 1) < 0.6;
        fs.gingham = style(0, 1) < 0.7;
        hints.horizontalStripes = fs.horizontal;
        hints.gingham = fs.gingham;
        // Pattern ink: dark on light fabric, light on dark, sometimes a tone of the fabric colour.
        if (luma(base) > 165)
            fs.ink = inkPick < 0.5 ? Rgb(44, 44, 52) : scaled(base, 0.42);
        else
            fs.ink = inkPick < 0.6 ? Rgb(242, 240, 232) : mixRgb(base, Rgb(255, 255, 255), 0.62);
        if (spec.color == "white")
            fs.ink = inkPick < 0.5 ? Rgb(52, 56, 70) : Rgb(150, 150, 156);
        // Checks blend ink into the fabric where bands cross: a dark ink would turn a light
        // colour grey, so light fabrics take white or a deeper tone of their own colour.
        if (spec.pattern == "checks" && luma(base) > 165)
            fs.ink = spec.color == "white" ? Rgb(150, 150, 156) : (inkPick < 0.5 ? Rgb(250, 250, 248) : scaled(base, 0.6));
        static const std::array<Rgb, 4> accents = {Rgb(250, 214, 70), Rgb(250, 250, 245), Rgb(238, 120, 60), Rgb(60, 60, 66)};
        fs.accent = accents[static_cast<std::size_t>(std::min(3.0, accentPick * 4))];
        const std::string pattern = spec.pattern.empty() ? std::string("plain") : spec.pattern;
        Workspace& ws = workspace();
        makeFabric(ws.fabric, pattern, fs, style, mixSeed(variationSeed, 14));

        Canvas canvas(ws, base);
        const std::string& cat = spec.category;
        if (cat == "tshirt")
            drawTshirt(canvas, geo, spec);
        else if (cat == "shirt")
            drawShirt(canvas, geo, spec);
        else if (cat == "blouse")
            drawBlouse(canvas, geo, spec);
        else if (cat == "pullover")
            drawPullover(canvas, geo, spec);
        else if (cat == "hoodie")
            drawHoodie(canvas, geo, spec);
        else if (cat == "coat")
            drawCoat(canvas, geo, spec, hints);
        else if (cat == "dress")
            drawDress(canvas, geo, spec, hints);
        else if (cat == "skirt")
            drawSkirt(canvas, geo, spec, hints);
        else if (cat == "trousers")
            drawTrousers(canvas, geo, spec);
        else if (cat == "shorts")
            drawShorts(canvas, geo, spec);
        else if (cat == "sneakers")
            drawSneakers(canvas, geo, spec);
        else if (cat == "boots")
            drawBoots(canvas, geo, spec, hints);
        else if (cat == "sandals")
            drawSandals(canvas, geo, spec);
        else if (cat == "bag")
            drawBag(canvas, geo, spec, hints);
        else
            throw BadInputError("synthetic garment: unknown category '" + cat + "'");

        Draws shading(mixSeed(variationSeed, 15), 48);
        shadeGarment(canvas, shading, cat == "sandals" ? 2 : 3);

        // Place on the composed canvas (twice the output side, downsampled at the end).
        const int W = side * 2;
        const cv::Rect box = cv::boundingRect(canvas.alpha());
        const Placement pl = placementFor(cat);
        const double unit = W / 256.0;
        const double longer = std::max(box.width, box.height);
        double scale = pl.fixedScale > 0 ? pl.fixedScale * scene(0.94, 1.04) * unit : pl.scaleFit * scene(0.88, 1.0) * unit / longer;
        scale = std::min(scale, 0.94 * W / longer);
        const double rot = scene(-pl.maxRotation, pl.maxRotation) * kPi / 180.0;
        const bool flip = scene(0, 1) < 0.5;
        const double tx = scene(-8, 8) * unit, ty = scene(-8, 8) * unit;
        const double cx = box.x + box.width * 0.5, cy = box.y + box.height * 0.5;
        const double sx = flip ? -scale : scale;
        const double ca = std::cos(rot), sa = std::sin(rot);
        // x' = R * S * (x - c) + centre + t
        cv::Mat M = (cv::Mat_<double>(2, 3) << ca * sx, -sa * scale, 0, sa * sx, ca * scale, 0);
        M.at<double>(0, 2) = W * 0.5 + tx - (M.at<double>(0, 0) * cx + M.at<double>(0, 1) * cy);
        M.at<double>(1, 2) = W * 0.5 + ty - (M.at<double>(1, 0) * cx + M.at<double>(1, 1) * cy);
        cv::Mat& gColor = ws.gColor;
        cv::Mat& gAlpha = ws.gAlpha;
        cv::warpAffine(canvas.color(), gColor, M, cv::Size(W, W), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0, 0, 0));
        cv::warpAffine(canvas.alpha(), gAlpha, M, cv::Size(W, W), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));

        // Background: a light, slightly tinted studio backdrop with a gradient and a soft shadow,
        // kept below white fabric so that white garments stay visible.
        const double bgLevel = scene(214, 236), t0 = scene(-7, 5), t1 = scene(-7, 5), t2 = scene(-7, 5), grad = scene(-14, 6);
        const double shDx = scene(3, 9) * unit, shDy = scene(5, 12) * unit, shStrength = scene(0.16, 0.3);
        cv::Mat& shadow = ws.shadow;
        const cv::Mat shift = (cv::Mat_<double>(2, 3) << 4, 0, shDx, 0, 4, shDy); // also scales back up
        // The soft shadow is blurred at quarter size, like the shading.
        cv::Mat& shadowSmall = ws.small;
        cv::resize(gAlpha, shadowSmall, cv::Size(W / 4, W / 4), 0, 0, cv::INTER_AREA);
        cv::GaussianBlur(shadowSmall, shadowSmall, cv::Size(0, 0), 5.0 * unit / 4.0);
        cv::warpAffine(shadowSmall, shadow, shift, cv::Size(W, W), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));

        cv::Mat& composed = ws.composed;
        composed.create(W, W, CV_8UC3);
        for (int y = 0; y < W; ++y) {
            const double gy = grad * (double(y) / W - 0.5);
            const auto* cr = gColor.ptr<cv::Vec3b>(y);
            const auto* ar = gAlpha.ptr<uchar>(y);
            const auto* sr = shadow.ptr<uchar>(y);
            auto* out = composed.ptr<cv::Vec3b>(y);
            for (int x = 0; x < W; ++x) {
                const double sh = 1.0 - shStrength * sr[x] / 255.0;
                const double a = ar[x] / 255.0;
                const double bg[3] = {(bgLevel + t0 + gy) * sh, (bgLevel + t1 + gy) * sh, (bgLevel + t2 + gy) * sh};
                for (int k = 0; k < 3; ++k)
                    out[x][k] = cv::saturate_cast<uchar>(bg[k] * (1.0 - a) + cr[x][k] * a);
            }
        }

        // 2× box downsample (exact integer arithmetic) and mild sensor noise.
        // Some items are clean studio shots, others carry mild sensor noise (noise makes PNGs
        // larger and slower to write, so not every item gets it).
        const double noisePick = scene(0, 1), noiseLevel = scene(0.4, 1.4);
        const double noiseSigma = noisePick < 0.45 ? 0.0 : noiseLevel;
        Rng noise(mixSeed(variationSeed, 16));
        imaging::Image img;
        img.width = img.height = side;
        img.rgb.resize(static_cast<std::size_t>(side) * side * 3);
        for (int y = 0; y < side; ++y) {
            const auto* r0 = composed.ptr<cv::Vec3b>(2 * y);
            const auto* r1 = composed.ptr<cv::Vec3b>(2 * y + 1);
            std::uint8_t* out = img.row(y);
            for (int x = 0; x < side; ++x)
                for (int k = 0; k < 3; ++k) {
                    const int sum = r0[2 * x][k] + r0[2 * x + 1][k] + r1[2 * x][k] + r1[2 * x + 1][k];
                    // Sum of four 16-bit uniforms: close enough to a normal, one draw per value.
                    int v = (sum + 2) / 4;
                    if (noiseSigma > 0) {
                        const std::uint64_t r = noise.next();
                        const double u = static_cast<double>((r & 0xFFFF) + ((r >> 16) & 0xFFFF) + ((r >> 32) & 0xFFFF) + (r >> 48)) - 131070.0;
                        v = static_cast<int>(std::lround(v + noiseSigma * u / 37837.0));
                    }
                    out[3 * x + k] = static_cast<std::uint8_t>(std::clamp(v, 0, 255));
                }
        }
        if (hintsOut)
            *hintsOut = hints;
        return img;
    } catch (const cv::Exception& e) {
        throw Error(std::string("synthetic garment: drawing failed: ") + e.what());
    }
}

} // namespace uf::demo::detail
