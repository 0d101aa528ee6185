// Contact sheet (OpenCV drawing, PNG with the run's metadata) and video (cv::VideoWriter, mp4v or MJPG) of a
// trajectory; the video is written under a temporary name in its folder and renamed when complete.
#include "core/session/trajectory_export.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "core/session/run_metadata.h"
#include "core/util/error.h"
#include "core/world/cv_image.h"

namespace milr {
namespace {

const cv::Scalar kTextColour(235, 235, 235);
const cv::Scalar kBestColour(kBestFrame[0], kBestFrame[1], kBestFrame[2]);
const cv::Scalar kBackground(kSheetBackground[0], kSheetBackground[1], kSheetBackground[2]);
constexpr int kFont = cv::FONT_HERSHEY_SIMPLEX;

std::vector<const StepRecord*> with_images(const std::vector<StepRecord>& records) {
    std::vector<const StepRecord*> out;
    for (const StepRecord& r : records)
        if (!r.image.empty()) out.push_back(&r);
    return out;
}

cv::Mat scaled(const RgbImage& image, int width, int height) {
    const cv::Mat source = world::to_mat(image);
    if (source.cols == width && source.rows == height) return source;
    cv::Mat out;
    // Area averaging when shrinking; nearest when enlarging, so the token cells stay crisp.
    cv::resize(source, out, cv::Size(width, height), 0, 0, width < source.cols ? cv::INTER_AREA : cv::INTER_NEAREST);
    return out;
}

std::string reward_text(double reward) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", reward);
    return text;
}

// "step N" on the left of the strip, the reward on the right, in the frame's colour for the best step.
void draw_caption(cv::Mat& canvas, const cv::Rect& strip, const StepRecord& record, bool best) {
    canvas(strip).setTo(kBackground);
    const double scale = strip.height / 60.0;
    const int thickness = scale >= 0.9 ? 2 : 1;
    const int pad = std::max(2, strip.height / 4);
    int baseline = 0;
    const std::string step = "step " + std::to_string(record.step), reward = reward_text(record.reward);
    const cv::Size step_size = cv::getTextSize(step, kFont, scale, thickness, &baseline);
    const cv::Size reward_size = cv::getTextSize(reward, kFont, scale, thickness, &baseline);
    const int y = strip.y + (strip.height + step_size.height) / 2;
    cv::putText(canvas, step, cv::Point(strip.x + pad, y), kFont, scale, kTextColour, thickness, cv::LINE_AA);
    cv::putText(canvas, reward, cv::Point(strip.x + strip.width - pad - reward_size.width, y), kFont, scale,
                best ? kBestColour : kTextColour, thickness, cv::LINE_AA);
}

cv::Rect rect_of(const ContactSheetLayout::Box& box) { return {box.x, box.y, box.width, box.height}; }

std::string lowercase_extension(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

// The folder a file is to be written in must exist and be writable.
void check_folder(const std::filesystem::path& path) {
    const std::filesystem::path folder = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
    std::error_code error;
    if (!std::filesystem::is_directory(folder, error))
        throw Error(path.string() + ": the folder " + folder.string() + " does not exist");
    if (::access(folder.c_str(), W_OK) != 0)
        throw Error(path.string() + ": cannot write in the folder " + folder.string() + " (" + std::strerror(errno) +
                    ")");
}

struct VideoAttempt {
    std::filesystem::path target;
    const char* codec;
    int api;
};

// Opens a writer on a temporary name beside `attempt.target`; false when this codec/back-end is unavailable.
bool open_writer(cv::VideoWriter& writer, const VideoAttempt& attempt, const std::filesystem::path& temporary,
                 double fps, cv::Size size) {
    const char* c = attempt.codec;
    try {
        return writer.open(temporary.string(), attempt.api, cv::VideoWriter::fourcc(c[0], c[1], c[2], c[3]), fps, size,
                           true);
    } catch (const cv::Exception&) {
        return false;
    }
}

void sync_file(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

// Each record as a BGR frame of one size (the first image's), with its caption strip, padded to even sides.
std::vector<cv::Mat> video_frames(const std::vector<const StepRecord*>& records, int best, bool captions) {
    const int width = records.front()->image.width, height = records.front()->image.height;
    const int caption = captions ? std::max(18, width / 10) : 0;
    const cv::Size size(width + (width & 1), height + caption + ((height + caption) & 1));
    std::vector<cv::Mat> frames;
    for (size_t i = 0; i < records.size(); ++i) {
        cv::Mat rgb(size, CV_8UC3, kBackground);
        scaled(records[i]->image, width, height).copyTo(rgb(cv::Rect(0, 0, width, height)));
        if (captions)
            draw_caption(rgb, cv::Rect(0, height, size.width, size.height - height), *records[i],
                         static_cast<int>(i) == best);
        cv::Mat bgr;
        cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
        frames.push_back(bgr);
    }
    return frames;
}

}  // namespace

int best_record_index(const std::vector<StepRecord>& records) {
    int best = -1;
    for (size_t i = 0; i < records.size(); ++i)
        if (!records[i].image.empty() && (best < 0 || records[i].reward > records[static_cast<size_t>(best)].reward))
            best = static_cast<int>(i);
    return best;
}

ContactSheetLayout::Box ContactSheetLayout::image_box(int index) const {
    const int cell_width = image_width + 2 * frame, cell_height = image_height + 2 * frame + caption_height;
    const int column = index % columns, row = index / columns;
    return {margin + column * (cell_width + margin) + frame, margin + row * (cell_height + margin) + frame, image_width,
            image_height};
}

ContactSheetLayout::Box ContactSheetLayout::caption_box(int index) const {
    const Box image = image_box(index);
    return {image.x - frame, image.y + image_height + frame, image_width + 2 * frame, caption_height};
}

ContactSheetLayout contact_sheet_layout(int count, int image_width, int image_height,
                                        const ContactSheetOptions& options) {
    if (count < 1) throw Error("contact sheet: no image to lay out");
    if (image_width < 1 || image_height < 1) throw Error("contact sheet: the images have no pixels");
    if (options.tile_size < 48 || options.tile_size > 2048)
        throw Error("contact sheet: the tile size must be within [48, 2048] pixels, not " +
                    std::to_string(options.tile_size));
    if (options.columns < 0) throw Error("contact sheet: the number of columns cannot be negative");
    ContactSheetLayout l;
    l.count = count;
    l.columns = options.columns > 0 ? std::min(options.columns, count)
                                    : static_cast<int>(std::ceil(std::sqrt(static_cast<double>(count))));
    l.rows = (count + l.columns - 1) / l.columns;
    const int tile = options.tile_size;
    if (image_width >= image_height) {
        l.image_width = tile;
        l.image_height =
            std::max(1, static_cast<int>(std::lround(static_cast<double>(tile) * image_height / image_width)));
    } else {
        l.image_height = tile;
        l.image_width =
            std::max(1, static_cast<int>(std::lround(static_cast<double>(tile) * image_width / image_height)));
    }
    l.margin = std::max(4, tile / 24);
    l.frame = std::max(2, tile / 48);
    l.caption_height = std::max(20, tile / 6);
    l.width = l.columns * (l.image_width + 2 * l.frame) + (l.columns + 1) * l.margin;
    l.height = l.rows * (l.image_height + 2 * l.frame + l.caption_height) + (l.rows + 1) * l.margin;
    return l;
}

RgbImage contact_sheet(const std::vector<StepRecord>& all, const ContactSheetOptions& options) {
    const std::vector<const StepRecord*> records = with_images(all);
    if (records.empty()) throw Error("contact sheet: no step has an image");
    const ContactSheetLayout layout = contact_sheet_layout(
        static_cast<int>(records.size()), records.front()->image.width, records.front()->image.height, options);
    const int best_in_all = best_record_index(all);
    cv::Mat sheet(layout.height, layout.width, CV_8UC3, kBackground);
    for (int i = 0; i < layout.count; ++i) {
        const StepRecord& record = *records[static_cast<size_t>(i)];
        const bool best = &record == &all[static_cast<size_t>(best_in_all)];
        const cv::Rect image = rect_of(layout.image_box(i));
        if (best) {
            const cv::Rect frame(image.x - layout.frame, image.y - layout.frame, image.width + 2 * layout.frame,
                                 image.height + 2 * layout.frame);
            sheet(frame).setTo(kBestColour);
        }
        scaled(record.image, image.width, image.height).copyTo(sheet(image));
        draw_caption(sheet, rect_of(layout.caption_box(i)), record, best);
    }
    return world::from_mat(sheet);
}

void write_contact_sheet(const std::filesystem::path& path, const Trajectory& trajectory,
                         const ContactSheetOptions& options) {
    RgbImage sheet;
    try {
        sheet = contact_sheet(trajectory.records, options);
    } catch (const Error& e) {
        throw Error(path.string() + ": " + e.what());
    }
    const StepRecord& best = trajectory.records[static_cast<size_t>(best_record_index(trajectory.records))];
    write_run_png(path, sheet, run_metadata_of(trajectory.options, trajectory.model, trajectory.reward, best));
}

int frames_per_step(const VideoOptions& options) {
    return std::max(1, static_cast<int>(std::lround(options.seconds_per_step * options.frames_per_second)));
}

VideoResult write_trajectory_video(const std::filesystem::path& path, const std::vector<StepRecord>& all,
                                   const VideoOptions& options) {
    if (!(options.seconds_per_step >= 0.05 && options.seconds_per_step <= 60))
        throw Error(path.string() + ": each step must stay on screen between 0.05 and 60 seconds");
    if (!(options.frames_per_second >= 1 && options.frames_per_second <= 60))
        throw Error(path.string() + ": the frame rate must be within [1, 60] frames a second");
    const std::vector<const StepRecord*> records = with_images(all);
    if (records.empty()) throw Error(path.string() + ": no step has an image to put in a video");
    const std::string ext = lowercase_extension(path);
    if (ext != ".mp4" && ext != ".avi") throw Error(path.string() + ": a video name must end in .mp4 or .avi");
    check_folder(path);

    int best = -1;
    for (size_t i = 0; i < records.size(); ++i)
        if (best < 0 || records[i]->reward > records[static_cast<size_t>(best)]->reward) best = static_cast<int>(i);
    const std::vector<cv::Mat> frames = video_frames(records, best, options.captions);
    const int repeat = frames_per_step(options);

    std::filesystem::path avi = path;
    avi.replace_extension(".avi");
    std::vector<VideoAttempt> attempts;
    if (ext == ".mp4") attempts.push_back({path, "mp4v", cv::CAP_FFMPEG});
    attempts.push_back({avi, "MJPG", cv::CAP_FFMPEG});
    attempts.push_back({avi, "MJPG", cv::CAP_OPENCV_MJPEG});
    for (const VideoAttempt& attempt : attempts) {
        const std::filesystem::path temporary = attempt.target.parent_path() /
            ("." + attempt.target.stem().string() + ".tmp-" + std::to_string(::getpid()) +
             attempt.target.extension().string());
        cv::VideoWriter writer;
        if (!open_writer(writer, attempt, temporary, options.frames_per_second, frames.front().size())) {
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            continue;
        }
        for (const cv::Mat& frame : frames)
            for (int k = 0; k < repeat; ++k) writer.write(frame);
        writer.release();
        std::error_code error;
        const auto size = std::filesystem::file_size(temporary, error);
        if (error || size == 0) {
            std::filesystem::remove(temporary, error);
            throw Error(attempt.target.string() + ": the " + attempt.codec +
                        " encoder wrote nothing (disk full?); the file is unchanged");
        }
        sync_file(temporary);
        std::filesystem::rename(temporary, attempt.target, error);
        if (error) {
            const std::string reason = error.message();
            std::filesystem::remove(temporary, error);
            throw Error(attempt.target.string() + ": cannot rename the temporary video over it (" + reason +
                        "); the file is unchanged");
        }
        return {attempt.target, attempt.codec, static_cast<int>(frames.size()) * repeat};
    }
    throw Error(path.string() +
                ": no video encoder available (OpenCV opened neither an MPEG-4 .mp4 nor a Motion JPEG .avi "
                "writer; is OpenCV built with FFmpeg?)");
}

}  // namespace milr
