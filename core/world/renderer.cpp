// Draws a GenEval-Shapes scene with OpenCV at sub-pixel precision, flat colours without anti-aliasing.
#include "core/world/renderer.h"

#include <opencv2/imgproc.hpp>

#include "core/util/error.h"
#include "core/world/cv_image.h"

namespace milr::world {
namespace {

constexpr int kShift = 4;  // fractional bits of the drawing coordinates
constexpr float kScale = 1 << kShift;

cv::Point fixed(float x, float y) { return {cvRound(x * kScale), cvRound(y * kScale)}; }

cv::Scalar scalar(Rgb rgb) { return {double(rgb.r), double(rgb.g), double(rgb.b)}; }

void fill_polygon(cv::Mat& canvas, const std::vector<cv::Point>& points, const cv::Scalar& colour) {
    std::vector<std::vector<cv::Point>> polygons{points};
    cv::fillPoly(canvas, polygons, colour, cv::LINE_8, kShift);
}

void draw_object(cv::Mat& canvas, const SceneObject& object, int image_size) {
    const float cx = object.cx * image_size, cy = object.cy * image_size;
    const float h = object.size * image_size / 2;  // half side of the bounding box
    const cv::Scalar colour = scalar(colour_rgb(object.colour));
    switch (object.shape) {
        case Shape::circle:
            cv::circle(canvas, fixed(cx, cy), cvRound(h * kScale), colour, cv::FILLED, cv::LINE_8, kShift);
            break;
        case Shape::square:
            fill_polygon(canvas,
                         {fixed(cx - h, cy - h), fixed(cx + h, cy - h), fixed(cx + h, cy + h), fixed(cx - h, cy + h)},
                         colour);
            break;
        case Shape::triangle:  // upright isosceles, base and height equal to the box side
            fill_polygon(canvas, {fixed(cx, cy - h), fixed(cx + h, cy + h), fixed(cx - h, cy + h)}, colour);
            break;
        case Shape::cross: {  // a plus sign whose arms are a third of the box side wide
            const float a = h / 3;
            fill_polygon(canvas,
                         {fixed(cx - a, cy - h), fixed(cx + a, cy - h), fixed(cx + a, cy - a), fixed(cx + h, cy - a),
                          fixed(cx + h, cy + a), fixed(cx + a, cy + a), fixed(cx + a, cy + h), fixed(cx - a, cy + h),
                          fixed(cx - a, cy + a), fixed(cx - h, cy + a), fixed(cx - h, cy - a), fixed(cx - a, cy - a)},
                         colour);
            break;
        }
    }
}

}  // namespace

milr::RgbImage render_scene(const Scene& scene, int image_size) {
    if (image_size < 16 || image_size > 4096)
        throw Error("render_scene: image size " + std::to_string(image_size) + " is outside 16..4096 pixels");
    cv::Mat canvas(image_size, image_size, CV_8UC3, scalar(background_rgb()));
    for (const SceneObject& object : scene.objects) draw_object(canvas, object, image_size);
    return from_mat(canvas);
}

}  // namespace milr::world
