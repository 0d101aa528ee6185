// Contact sheet (OpenCV drawing, PNG with the run's metadata) and video (cv::VideoWriter: H.264, MPEG-4 Part 2 or
// Motion JPEG) of a trajectory; the video is written under a temporary name in its folder and renamed when complete.
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

#include "core/io/atomic_file.h"
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

// `text` at the largest scale up to `scale` that fits `width` (down to a third of it), else cut with "...".
void put_fitted_text(cv::Mat& canvas, std::string text, cv::Point origin, int width, double scale, int thickness,
                     const cv::Scalar& colour) {
    int baseline = 0;
    const double smallest = scale / 3;
    while (scale > smallest && cv::getTextSize(text, kFont, scale, thickness, &baseline).width > width) scale *= 0.9;
    while (text.size() > 4 && cv::getTextSize(text, kFont, scale, thickness, &baseline).width > width)
        text = text.substr(0, text.size() - 4) + "...";
    cv::putText(canvas, text, origin, kFont, scale, colour, thickness, cv::LINE_AA);
}

// The title (the prompt, quoted) and the subtitle (the settings) in a strip, left-aligned.
void draw_header(cv::Mat& canvas, const cv::Rect& strip, const std::string& title, const std::string& subtitle) {
    canvas(strip).setTo(kBackground);
    const int pad = std::max(3, strip.height / 8);
    const int line = (strip.height - 2 * pad) / (subtitle.empty() ? 1 : 2);
    const double scale = line / 30.0;
    const int thickness = scale >= 0.8 ? 2 : 1;
    put_fitted_text(canvas, "\"" + title + "\"", cv::Point(strip.x + pad, strip.y + pad + line * 3 / 4),
                    strip.width - 2 * pad, scale, thickness, kTextColour);
    if (!subtitle.empty())
        put_fitted_text(canvas, subtitle, cv::Point(strip.x + pad, strip.y + pad + line + line * 3 / 4),
                        strip.width - 2 * pad, scale * 0.8, 1, kTextColour);
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

// Each record as a BGR frame of one size (the first image's, enlarged), with the header above and the caption strip
// under it, padded to even sides (H.264 needs them).
std::vector<cv::Mat> video_frames(const std::vector<const StepRecord*>& records, int best,
                                  const VideoOptions& options) {
    const int width = records.front()->image.width * options.scale;
    const int height = records.front()->image.height * options.scale;
    const int caption = options.captions ? std::max(18, width / 10) : 0;
    const int header = options.captions && !options.title.empty() ? std::max(28, width / 6) : 0;
    const int total = header + height + caption;
    const cv::Size size(width + (width & 1), total + (total & 1));
    std::vector<cv::Mat> frames;
    for (size_t i = 0; i < records.size(); ++i) {
        cv::Mat rgb(size, CV_8UC3, kBackground);
        const RgbImage image = upscaled(records[i]->image, options.scale, options.resampling);
        scaled(image, width, height).copyTo(rgb(cv::Rect(0, header, width, height)));
        if (header > 0) draw_header(rgb, cv::Rect(0, 0, size.width, header), options.title, options.subtitle);
        if (options.captions)
            draw_caption(rgb, cv::Rect(0, header + height, size.width, size.height - header - height), *records[i],
                         static_cast<int>(i) == best);
        cv::Mat bgr;
        cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
        frames.push_back(bgr);
    }
    return frames;
}

}  // namespace

std::string resampling_name(Resampling resampling) { return resampling == Resampling::smooth ? "smooth" : "nearest"; }

RgbImage upscaled(const RgbImage& image, int factor, Resampling resampling) {
    if (factor < 1 || factor > kMaxExportScale)
        throw Error("the export scale must be a whole number from 1 to " + std::to_string(kMaxExportScale) + ", not " +
                    std::to_string(factor));
    if (image.empty()) throw Error("there is no image to enlarge");
    if (factor == 1) return image;
    cv::Mat out;
    cv::resize(world::to_mat(image), out, cv::Size(image.width * factor, image.height * factor), 0, 0,
               resampling == Resampling::smooth ? cv::INTER_CUBIC : cv::INTER_NEAREST);
    return world::from_mat(out);
}

std::string settings_caption(const MilrOptions& o) {
    char text[256];
    if (o.mode == MilrMode::best_of_n) {
        std::snprintf(text, sizeof text, "best-of-n, %d samples, seed %llu", o.steps + 1,
                      static_cast<unsigned long long>(o.seed));
        return text;
    }
    std::snprintf(text, sizeof text, "%s, lambda-t %g, lambda-v %g, lr %g, %d steps, seed %llu, %s%s",
                  mode_name(o.mode).c_str(), o.lambda_text, o.lambda_image, o.learning_rate, o.steps,
                  static_cast<unsigned long long>(o.seed),
                  o.estimator == Estimator::reinforce ? "REINFORCE" : "authors' loss",
                  o.update_direction == UpdateDirection::random ? ", random direction" : "");
    return text;
}

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
    return {margin + column * (cell_width + margin) + frame,
            header_height + margin + row * (cell_height + margin) + frame, image_width, image_height};
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
    l.header_height = options.title.empty() ? 0 : std::max(36, tile / 3);
    l.height = l.header_height + l.rows * (l.image_height + 2 * l.frame + l.caption_height) + (l.rows + 1) * l.margin;
    return l;
}

RgbImage contact_sheet(const std::vector<StepRecord>& all, const ContactSheetOptions& options) {
    const std::vector<const StepRecord*> records = with_images(all);
    if (records.empty()) throw Error("contact sheet: no step has an image");
    const ContactSheetLayout layout = contact_sheet_layout(
        static_cast<int>(records.size()), records.front()->image.width, records.front()->image.height, options);
    const int best_in_all = best_record_index(all);
    cv::Mat sheet(layout.height, layout.width, CV_8UC3, kBackground);
    if (layout.header_height > 0)
        draw_header(sheet,
                    cv::Rect(layout.margin, layout.margin / 2, layout.width - 2 * layout.margin, layout.header_height),
                    options.title, options.subtitle);
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
    // Captioned with the run's prompt and settings unless the options say otherwise.
    ContactSheetOptions captioned = options;
    if (captioned.title.empty()) {
        captioned.title = trajectory.options.prompt;
        captioned.subtitle = settings_caption(trajectory.options);
    }
    RgbImage sheet;
    try {
        sheet = contact_sheet(trajectory.records, captioned);
    } catch (const Error& e) {
        throw Error(path.string() + ": " + e.what());
    }
    const StepRecord& best = trajectory.records[static_cast<size_t>(best_record_index(trajectory.records))];
    write_run_png(path, sheet, run_metadata_of(trajectory.options, trajectory.model, trajectory.reward, best));
}

std::string steps_csv(const std::vector<StepRecord>& records) {
    std::string csv =
        "step,mode,reward,passed,text_tokens_changed,image_tokens_changed,optimised_text_tokens,"
        "optimised_image_tokens,text_latent_distance,image_latent_distance,text_grad_norm,image_grad_norm,"
        "text_logprob,image_logprob,loss_weight,text_margin,image_margin,think_ms,draw_ms,decode_ms,judge_ms,"
        "optimise_ms\n";
    char row[1024];
    for (const StepRecord& r : records) {
        // Quantities a step does not have (no optimised positions, no margin measured) are left empty.
        const auto optional = [](double value, bool has) {
            char text[40] = "";
            if (has) std::snprintf(text, sizeof text, "%.9g", value);
            return std::string(text);
        };
        const bool text = r.optimised_text_tokens > 0, image = r.optimised_image_tokens > 0;
        std::snprintf(
            row, sizeof row, "%d,%s,%.9g,%d,%s,%s,%d,%d,%s,%s,%s,%s,%s,%s,%.9g,%s,%s,%.3f,%.3f,%.3f,%.3f,%.3f\n",
            r.step, r.mode.c_str(), r.reward, r.passed ? 1 : 0,
            optional(changed_within(r.reasoning_changed_since_previous, r.optimised_text_tokens), text && r.step > 0)
                .c_str(),
            optional(changed_within(r.image_changed_since_previous, r.optimised_image_tokens), image && r.step > 0)
                .c_str(),
            r.optimised_text_tokens, r.optimised_image_tokens, optional(r.text_latent_distance, text).c_str(),
            optional(r.image_latent_distance, image).c_str(), optional(r.text_grad_norm, text && r.step > 0).c_str(),
            optional(r.image_grad_norm, image && r.step > 0).c_str(),
            optional(r.text_logprob, text && r.step > 0).c_str(),
            optional(r.image_logprob, image && r.step > 0).c_str(), r.loss_weight,
            optional(r.text_margin, r.text_margin >= 0).c_str(), optional(r.image_margin, r.image_margin >= 0).c_str(),
            r.timings.think_ms, r.timings.draw_ms, r.timings.decode_ms, r.timings.judge_ms, r.timings.optimise_ms);
        csv += row;
    }
    return csv;
}

void write_steps_csv(const std::filesystem::path& path, const std::vector<StepRecord>& records) {
    if (records.empty()) throw Error(path.string() + ": there are no steps to write");
    for (const StepRecord& r : records)
        if (r.mode.find_first_of(",\"\n") != std::string::npos)
            throw Error(path.string() + ": a step's mode holds a comma or a quote: '" + r.mode + "'");
    write_file_atomic(path, steps_csv(records));
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
    if (options.scale < 1 || options.scale > kMaxExportScale)
        throw Error(path.string() + ": the scale must be a whole number from 1 to " + std::to_string(kMaxExportScale));
    const std::vector<const StepRecord*> records = with_images(all);
    if (records.empty()) throw Error(path.string() + ": no step has an image to put in a video");
    const std::string ext = lowercase_extension(path);
    if (ext != ".mp4" && ext != ".avi") throw Error(path.string() + ": a video name must end in .mp4 or .avi");
    check_folder(path);

    int best = -1;
    for (size_t i = 0; i < records.size(); ++i)
        if (best < 0 || records[i]->reward > records[static_cast<size_t>(best)]->reward) best = static_cast<int>(i);
    const std::vector<cv::Mat> frames = video_frames(records, best, options);
    const int repeat = frames_per_step(options);

    std::filesystem::path avi = path;
    avi.replace_extension(".avi");
    std::vector<VideoAttempt> attempts;
    if (ext == ".mp4") {
        attempts.push_back({path, "avc1", cv::CAP_FFMPEG});  // H.264: what browsers and presentation software play
        attempts.push_back({path, "mp4v", cv::CAP_FFMPEG});
    }
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
        VideoResult result{attempt.target,      attempt.codec,       static_cast<int>(frames.size()) * repeat,
                           frames.front().cols, frames.front().rows, ""};
        if (ext == ".mp4" && std::string(attempt.codec) == "mp4v")
            result.fallback =
                "this system's FFmpeg has no H.264 encoder, so the video is MPEG-4 Part 2 (mp4v): it "
                "plays in VLC and most players, not in every browser";
        else if (ext == ".mp4" && attempt.target != path)
            result.fallback = "this system's OpenCV writes no MP4, so the video is Motion JPEG in " +
                attempt.target.filename().string();
        return result;
    }
    throw Error(path.string() +
                ": no video encoder available (OpenCV opened neither an MPEG-4 .mp4 nor a Motion JPEG .avi "
                "writer; is OpenCV built with FFmpeg?)");
}

}  // namespace milr
