// A trajectory as one picture (a contact sheet: every step's image in a grid with its step number and reward,
// the best step framed) or as a video (each step held for a while), both written atomically.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/milr/step_record.h"
#include "core/session/trajectory.h"

namespace milr {

// Index of the highest reward (the earliest on a tie) among the records with an image, or -1.
int best_record_index(const std::vector<StepRecord>& records);

struct ContactSheetOptions {
    int columns = 0;      // 0: as square a grid as the count allows
    int tile_size = 192;  // each image is scaled to fit a square of this side (pixels, 16..2048)
};

// Where things are on a contact sheet (pixels).
struct ContactSheetLayout {
    struct Box {
        int x = 0, y = 0, width = 0, height = 0;
    };
    int count = 0, columns = 0, rows = 0;
    int image_width = 0, image_height = 0;  // a scaled image
    int caption_height = 0, margin = 0, frame = 0;
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

struct VideoOptions {
    double seconds_per_step = 0.5;  // how long each step stays on screen (0.05..60)
    double frames_per_second = 10;  // (1..60)
    bool captions = true;           // step number and reward in a strip under the image (the best's in kBestFrame)
};

struct VideoResult {
    std::filesystem::path path;  // the file written: `path`, or the same name with .avi when MP4 is unavailable
    std::string codec;           // "mp4v" or "MJPG"
    int frames = 0;
};

// Frames each step is held for.
int frames_per_step(const VideoOptions& options);

// Writes the trajectory as a video: an .mp4 (MPEG-4, fourcc mp4v) or an .avi (Motion JPEG); when the MP4 writer is
// unavailable, the same name with .avi. Written under a temporary name in the same folder, then renamed; a failure
// (folder missing or unwritable, no encoder, an empty trajectory) throws milr::Error saying why and leaves any
// previous file intact.
VideoResult write_trajectory_video(const std::filesystem::path& path, const std::vector<StepRecord>& records,
                                   const VideoOptions& options = {});

}  // namespace milr
