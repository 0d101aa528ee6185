// A trajectory as one picture (a contact sheet: every step's image in a grid with its step number and reward,
// the best step framed, the prompt and settings above) or as a video (each step held for a while, enlarged, H.264
// where the system's encoder has it), both written atomically; images enlarged for export.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/milr/milr_options.h"
#include "core/milr/step_record.h"
#include "core/session/trajectory.h"

namespace milr {

// Index of the highest reward (the earliest on a tie) among the records with an image, or -1.
int best_record_index(const std::vector<StepRecord>& records);

// How an image is enlarged for export: nearest keeps each token cell a crisp block of pixels; smooth (bicubic)
// softens the cell edges as a photo viewer would.
enum class Resampling { nearest, smooth };
std::string resampling_name(Resampling resampling);  // "nearest", "smooth"
constexpr int kMaxExportScale = 8;
// `image` enlarged `factor` times (1..kMaxExportScale); throws milr::Error for another factor or an empty image.
RgbImage upscaled(const RgbImage& image, int factor, Resampling resampling);

// The run's settings in one line for a caption: "both, lambda-t 0.2, lambda-v 0.02, lr 0.03, 16 steps, seed 42,
// authors' loss" (ASCII: the captions' font has no Greek).
std::string settings_caption(const MilrOptions& options);

struct ContactSheetOptions {
    int columns = 0;       // 0: as square a grid as the count allows
    int tile_size = 192;   // each image is scaled to fit a square of this side (pixels, 16..2048)
    std::string title;     // a header above the grid (the prompt); none when empty
    std::string subtitle;  // a second header line (the settings)
};

// Where things are on a contact sheet (pixels).
struct ContactSheetLayout {
    struct Box {
        int x = 0, y = 0, width = 0, height = 0;
    };
    int count = 0, columns = 0, rows = 0;
    int image_width = 0, image_height = 0;  // a scaled image
    int caption_height = 0, margin = 0, frame = 0;
    int header_height = 0;      // the title and subtitle above the grid (0 without a title)
    int width = 0, height = 0;  // the whole sheet

    Box image_box(int index) const;    // the scaled image of the index-th tile
    Box caption_box(int index) const;  // the caption strip under it
};

constexpr uint8_t kSheetBackground[3] = {30, 30, 34};
constexpr uint8_t kBestFrame[3] = {255, 196, 0};

// The layout for `count` images of `image_width` x `image_height`.
ContactSheetLayout contact_sheet_layout(int count, int image_width, int image_height,
                                        const ContactSheetOptions& options);

// The sheet of the records that have an image, in order: under each "step N" and its reward; the best one framed in
// kBestFrame, its reward written in that colour. Throws milr::Error when no record has an image or the options are out of range.
RgbImage contact_sheet(const std::vector<StepRecord>& records, const ContactSheetOptions& options = {});

// Writes the sheet as a PNG carrying the run's metadata (of the best step), atomically. Errors name the path.
void write_contact_sheet(const std::filesystem::path& path, const Trajectory& trajectory,
                         const ContactSheetOptions& options = {});

// The steps' numbers as CSV (one row per step, a header row first): step, reward, passed, the tokens changed at the
// optimised positions, the latents' distances, gradient norms and log-likelihoods, the loss weight, the top-2 margins
// and the phase timings; for a spreadsheet or a plotting script. Written atomically; errors name the path.
void write_steps_csv(const std::filesystem::path& path, const std::vector<StepRecord>& records);
std::string steps_csv(const std::vector<StepRecord>& records);

struct VideoOptions {
    double seconds_per_step = 0.5;  // how long each step stays on screen (0.05..60)
    double frames_per_second = 10;  // (1..60)
    bool captions = true;           // step number and reward in a strip under the image (the best's in kBestFrame)
    int scale = 1;                  // each image enlarged this many times (1..kMaxExportScale)
    Resampling resampling = Resampling::nearest;
    std::string title;     // with captions: a header strip above the image (the prompt); none when empty
    std::string subtitle;  // its second line (the settings)
};

struct VideoResult {
    std::filesystem::path path;  // the file written: `path`, or the same name with .avi when MP4 is unavailable
    std::string codec;           // "avc1" (H.264), "mp4v" (MPEG-4 Part 2) or "MJPG"
    int frames = 0;
    int width = 0, height = 0;
    std::string fallback;  // why the file is not what was asked for (no H.264 encoder, no MP4 writer); "" when it is
};

// Frames each step is held for.
int frames_per_step(const VideoOptions& options);

// Writes the trajectory as a video: an .mp4 in H.264 (fourcc avc1, what browsers play) or, where the system's FFmpeg
// has no H.264 encoder, MPEG-4 Part 2 (mp4v), or an .avi (Motion JPEG); when no MP4 writer works, the same name with
// .avi. `fallback` in the result says which fallback was taken. Written under a temporary name in the same folder, then renamed; a failure
// (folder missing or unwritable, no encoder, an empty trajectory) throws milr::Error saying why and leaves any
// previous file intact.
VideoResult write_trajectory_video(const std::filesystem::path& path, const std::vector<StepRecord>& records,
                                   const VideoOptions& options = {});

}  // namespace milr
