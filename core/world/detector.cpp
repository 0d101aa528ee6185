// The shapes detector: segmentation against the border's background colour, connected components split by
// colour, shape from contour features (solidity, extent), colour from the nearest palette blend line.
#include "core/world/detector.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/util/error.h"
#include "core/world/cv_image.h"

namespace milr::world {
namespace {

using Vec3 = std::array<double, 3>;

Vec3 to_vec(Rgb rgb) { return {double(rgb.r), double(rgb.g), double(rgb.b)}; }

// Median of the one-pixel border: the background even when the image went through a lossy codec.
Vec3 border_background(const cv::Mat& rgb) {
    std::array<std::vector<uint8_t>, 3> channels;
    auto take = [&](int x, int y) {
        const cv::Vec3b& p = rgb.at<cv::Vec3b>(y, x);
        for (int c = 0; c < 3; ++c) channels[c].push_back(p[c]);
    };
    for (int x = 0; x < rgb.cols; ++x) take(x, 0), take(x, rgb.rows - 1);
    for (int y = 1; y + 1 < rgb.rows; ++y) take(0, y), take(rgb.cols - 1, y);
    Vec3 median{};
    for (int c = 0; c < 3; ++c) {
        auto mid = channels[c].begin() + channels[c].size() / 2;
        std::nth_element(channels[c].begin(), mid, channels[c].end());
        median[c] = *mid;
    }
    return median;
}

// Distance from a pixel to the segment background -> palette colour (edges blend the two).
double blend_distance(const Vec3& p, const Vec3& bg, const Vec3& colour) {
    Vec3 d{}, q{};
    double dd = 0, dq = 0;
    for (int c = 0; c < 3; ++c) d[c] = colour[c] - bg[c], q[c] = p[c] - bg[c], dd += d[c] * d[c], dq += d[c] * q[c];
    const double t = std::clamp(dd > 0 ? dq / dd : 0.0, 0.0, 1.0);
    double dist = 0;
    for (int c = 0; c < 3; ++c) dist += (q[c] - t * d[c]) * (q[c] - t * d[c]);
    return std::sqrt(dist);
}

int nearest_colour(const Vec3& p, const Vec3& bg, double* distance = nullptr) {
    int best = 0;
    double best_d = 1e18;
    for (size_t i = 0; i < all_colours().size(); ++i) {
        const double d = blend_distance(p, bg, to_vec(colour_rgb(all_colours()[i])));
        if (d < best_d) best_d = d, best = int(i);
    }
    if (distance) *distance = best_d;
    return best;
}

// Shape prototypes in (solidity, extent, drop), measured on rendered shapes of 22 to 38 px; spread in feature
// units. The drop (how far the centre of mass sits below the box centre, in box heights) is what tells an upright
// triangle (about 1/6) from a blurred cross (0) when blur fills the cross's corners.
struct Prototype {
    Shape shape;
    float solidity, extent, drop;
};
constexpr float kSolidityScale = 0.05f, kExtentScale = 0.08f, kDropScale = 0.04f;
const std::array<Prototype, 4> kPrototypes{{{Shape::circle, 0.97f, 0.78f, 0.f},
                                            {Shape::square, 1.00f, 0.995f, 0.f},
                                            {Shape::triangle, 0.96f, 0.55f, 0.15f},
                                            {Shape::cross, 0.79f, 0.58f, 0.f}}};

std::string doubtful_reading(Shape read, Shape other) {
    std::string could_be = "a " + shape_name(other);
    if (other == Shape::square && read == Shape::circle) could_be = "a rounded square";
    if (other == Shape::circle && read == Shape::square) could_be = "a boxy circle";
    if (other == Shape::triangle) could_be = "a blunt triangle";
    if (other == Shape::cross) could_be = "a smeared cross";
    return could_be + " read as a " + shape_name(read);
}

struct Component {
    cv::Mat mask;  // CV_8U, the full image size, 255 inside
    cv::Rect rect;
    int area = 0;
};

std::vector<Component> components_of(const cv::Mat& mask, int min_area) {
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
    std::vector<Component> out;
    for (int i = 1; i < n; ++i) {
        const int area = stats.at<int>(i, cv::CC_STAT_AREA);
        if (area < min_area) continue;
        Component c;
        c.area = area;
        c.rect = {stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                  stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT)};
        c.mask = (labels == i);
        out.push_back(std::move(c));
    }
    return out;
}

void read_shape(const Component& component, DetectedObject& object, const DetectorOptions& options) {
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(component.mask(component.rect).clone(), contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_NONE);
    const auto largest = std::max_element(contours.begin(), contours.end(), [](const auto& a, const auto& b) {
        return cv::contourArea(a) < cv::contourArea(b);
    });
    std::vector<cv::Point> hull;
    cv::convexHull(*largest, hull);
    // Pixel areas (a contour through pixel centres misses half a pixel all round): the hull grown by the same.
    const double hull_area = cv::contourArea(hull) + cv::arcLength(hull, true) / 2 + 1;
    object.solidity = float(std::min(1.0, component.area / hull_area));
    object.extent = float(component.area) / float(component.rect.area());
    const cv::Moments moments = cv::moments(component.mask(component.rect), true);
    const float drop = moments.m00 > 0
        ? float((moments.m01 / moments.m00 - (component.rect.height - 1) / 2.0) / component.rect.height)
        : 0.f;
    const float aspect = float(component.rect.width) / float(component.rect.height);

    std::array<float, 4> distance{};
    for (size_t i = 0; i < kPrototypes.size(); ++i) {
        const float ds = (object.solidity - kPrototypes[i].solidity) / kSolidityScale;
        const float de = (object.extent - kPrototypes[i].extent) / kExtentScale;
        const float dd = (drop - kPrototypes[i].drop) / kDropScale;
        distance[i] = std::sqrt(ds * ds + de * de + dd * dd);
    }
    std::array<size_t, 4> order{0, 1, 2, 3};
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return distance[a] < distance[b]; });
    const float d1 = distance[order[0]], d2 = distance[order[1]];
    object.runner_up = kPrototypes[order[1]].shape;
    object.confidence = (d1 + d2) > 0 ? (d2 - d1) / (d2 + d1) : 0.f;
    if (aspect < 0.7f || aspect > 1.0f / 0.7f) {
        object.note = "a blob " + std::to_string(component.rect.width) + " x " + std::to_string(component.rect.height) +
            " px, too elongated for any shape (two objects run together?)";
        object.confidence = 0.f;
        return;
    }
    if (d1 > options.max_shape_distance) {
        char buffer[160];
        std::snprintf(buffer, sizeof buffer,
                      "a blob that is none of the shapes (solidity %.2f, extent %.2f, drop %.2f)", object.solidity,
                      object.extent, drop);
        object.note = buffer;
        object.confidence = 0.f;
        return;
    }
    object.shape = kPrototypes[order[0]].shape;
    if (object.confidence < options.ambiguity_margin) object.note = doubtful_reading(*object.shape, *object.runner_up);
}

void read_colour(const cv::Mat& rgb, const Component& component, const Vec3& bg, DetectedObject& object) {
    // The object's core (one pixel in from its edge where it is big enough) carries its colour.
    cv::Mat core;
    cv::erode(component.mask, core, cv::getStructuringElement(cv::MORPH_RECT, {3, 3}));
    if (cv::countNonZero(core) < component.area / 4) core = component.mask;
    std::array<std::vector<uint8_t>, 3> channels;
    for (int y = component.rect.y; y < component.rect.y + component.rect.height; ++y)
        for (int x = component.rect.x; x < component.rect.x + component.rect.width; ++x)
            if (core.at<uint8_t>(y, x)) {
                const cv::Vec3b& p = rgb.at<cv::Vec3b>(y, x);
                for (int c = 0; c < 3; ++c) channels[c].push_back(p[c]);
            }
    Vec3 median{};
    for (int c = 0; c < 3; ++c) {
        auto mid = channels[c].begin() + channels[c].size() / 2;
        std::nth_element(channels[c].begin(), mid, channels[c].end());
        median[c] = *mid;
    }
    double distance = 0;
    object.colour = all_colours()[nearest_colour(median, bg, &distance)];
    object.colour_distance = float(distance);
    if (distance > 80) {
        const std::string far = "its colour (" + std::to_string(int(median[0])) + ", " +
            std::to_string(int(median[1])) + ", " + std::to_string(int(median[2])) +
            ") is far from every palette colour, read as " + colour_name(object.colour);
        object.note = object.note.empty() ? far : object.note + "; " + far;
    }
}

// Splits a component whose pixels carry two palette colours in sizeable regions (touching objects).
std::vector<Component> split_by_colour(const Component& component, const cv::Mat& colour_labels, int min_area) {
    std::vector<int> votes(all_colours().size(), 0);
    for (int y = component.rect.y; y < component.rect.y + component.rect.height; ++y)
        for (int x = component.rect.x; x < component.rect.x + component.rect.width; ++x)
            if (component.mask.at<uint8_t>(y, x)) ++votes[colour_labels.at<uint8_t>(y, x)];
    std::vector<Component> parts;
    const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_ELLIPSE, {3, 3});
    for (size_t c = 0; c < votes.size(); ++c) {
        if (votes[c] < std::max(min_area, component.area / 4)) continue;
        cv::Mat part = component.mask & (colour_labels == int(c));
        cv::morphologyEx(part, part, cv::MORPH_OPEN, kernel);
        for (Component& piece : components_of(part, min_area)) parts.push_back(std::move(piece));
    }
    if (parts.size() < 2) return {component};
    return parts;
}

}  // namespace

std::vector<DetectedObject> detect_objects(const milr::RgbImage& image, const DetectorOptions& options) {
    if (image.empty()) throw Error("detect_objects: the image is empty");
    const cv::Mat rgb = to_mat(image);
    const Vec3 bg = border_background(rgb);

    cv::Mat foreground(rgb.size(), CV_8U), colour_labels(rgb.size(), CV_8U);
    const double threshold2 = options.foreground_threshold * options.foreground_threshold;
    for (int y = 0; y < rgb.rows; ++y)
        for (int x = 0; x < rgb.cols; ++x) {
            const cv::Vec3b& p = rgb.at<cv::Vec3b>(y, x);
            const Vec3 v{double(p[0]), double(p[1]), double(p[2])};
            double d2 = 0;
            for (int c = 0; c < 3; ++c) d2 += (v[c] - bg[c]) * (v[c] - bg[c]);
            foreground.at<uint8_t>(y, x) = d2 > threshold2 ? 255 : 0;
            colour_labels.at<uint8_t>(y, x) = d2 > threshold2 ? uint8_t(nearest_colour(v, bg)) : 0;
        }
    if (std::min(rgb.rows, rgb.cols) >= 64)
        cv::morphologyEx(foreground, foreground, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_ELLIPSE, {3, 3}));

    const int min_area = std::max(4, int(options.min_area_fraction * rgb.rows * rgb.cols));
    std::vector<DetectedObject> objects;
    for (const Component& blob : components_of(foreground, min_area))
        for (const Component& component : split_by_colour(blob, colour_labels, min_area)) {
            DetectedObject object;
            object.area = component.area;
            object.box = {float(component.rect.x), float(component.rect.y),
                          float(component.rect.x + component.rect.width),
                          float(component.rect.y + component.rect.height)};
            read_shape(component, object, options);
            read_colour(rgb, component, bg, object);
            objects.push_back(std::move(object));
        }
    std::stable_sort(objects.begin(), objects.end(),
                     [](const DetectedObject& a, const DetectedObject& b) { return a.confidence > b.confidence; });
    return objects;
}

std::string describe_detection(const DetectedObject& object) {
    const std::string what = colour_name(object.colour) + " " + (object.shape ? shape_name(*object.shape) : "blob");
    return what + " at (" + std::to_string(int(std::lround(object.box.cx()))) + ", " +
        std::to_string(int(std::lround(object.box.cy()))) + ")";
}

}  // namespace milr::world
