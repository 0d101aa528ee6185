// Contact sheet and video of a trajectory: every step's pixels in its tile with a caption, the best framed; the video
// read back by OpenCV with one frame per step and hold; atomic writes and failures that say why.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "../../widgets/step_fixture.h"
#include "../io/io_test_support.h"
#include "core/io/atomic_file.h"
#include "core/session/run_metadata.h"
#include "core/session/trajectory_export.h"

using namespace milr;
using namespace milr::test;

namespace {

// The pixels of a box of an image.
RgbImage crop(const RgbImage& image, const ContactSheetLayout::Box& box) {
    RgbImage out;
    out.width = box.width;
    out.height = box.height;
    for (int y = box.y; y < box.y + box.height; ++y)
        out.pixels.insert(out.pixels.end(), image.pixel(box.x, y), image.pixel(box.x + box.width, y));
    return out;
}

bool has_colour(const RgbImage& image, int x, int y, const uint8_t (&colour)[3]) {
    const uint8_t* p = image.pixel(x, y);
    return p[0] == colour[0] && p[1] == colour[1] && p[2] == colour[2];
}

// Pixels of a box brighter than the background in every channel (caption text).
int text_pixels(const RgbImage& image, const ContactSheetLayout::Box& box, bool gold_only) {
    int count = 0;
    for (int y = box.y; y < box.y + box.height; ++y)
        for (int x = box.x; x < box.x + box.width; ++x) {
            const uint8_t* p = image.pixel(x, y);
            if (gold_only ? (p[0] > 150 && p[2] < 90) : (p[0] > 150 && p[1] > 150 && p[2] > 150)) ++count;
        }
    return count;
}

Trajectory sample_trajectory() {
    Trajectory t;
    t.options.prompt = "a red circle left of two blue squares";
    t.options.steps = 2;
    t.model = "embedded-model";
    t.reward = "GenEval-Shapes judge (dense)";
    t.records = fixture::trajectory();
    t.returned_index = 1;
    return t;
}

// Mean colour of one 16 x 16 token cell of an RGB frame.
cv::Scalar cell_mean(const cv::Mat& rgb, int cell) {
    const int x = (cell % fixture::kGrid) * fixture::kCellPixels, y = (cell / fixture::kGrid) * fixture::kCellPixels;
    return cv::mean(rgb(cv::Rect(x + 2, y + 2, fixture::kCellPixels - 4, fixture::kCellPixels - 4)));
}

}  // namespace

TEST(ContactSheet, ShowsEveryStepWithItsCaptionAndFramesTheBest) {
    const auto records = fixture::trajectory();  // rewards 0.25, 0.8, 0.5: step 1 is the best
    ContactSheetOptions options;
    options.tile_size = fixture::kImageSize;  // no scaling: the tiles hold the exact pixels
    const RgbImage sheet = contact_sheet(records, options);
    const ContactSheetLayout layout = contact_sheet_layout(3, fixture::kImageSize, fixture::kImageSize, options);
    EXPECT_EQ(layout.columns, 2);
    EXPECT_EQ(layout.rows, 2);
    ASSERT_EQ(sheet.width, layout.width);
    ASSERT_EQ(sheet.height, layout.height);
    for (int i = 0; i < 3; ++i) {
        const auto box = layout.image_box(i);
        EXPECT_EQ(crop(sheet, box), records[static_cast<size_t>(i)].image) << "tile " << i;
        const bool best = i == 1;
        EXPECT_EQ(has_colour(sheet, box.x - 1, box.y - 1, kBestFrame), best) << "tile " << i;
        EXPECT_EQ(has_colour(sheet, box.x - 1, box.y - 1, kSheetBackground), !best) << "tile " << i;
        EXPECT_GT(text_pixels(sheet, layout.caption_box(i), false), 20) << "caption " << i;
        EXPECT_EQ(text_pixels(sheet, layout.caption_box(i), true) > 10, best) << "the best reward in gold, tile " << i;
    }
    // The captions differ (step number and reward), and the fourth cell is empty.
    EXPECT_FALSE(crop(sheet, layout.caption_box(0)) == crop(sheet, layout.caption_box(2)));
    const auto empty = layout.image_box(3);
    EXPECT_TRUE(has_colour(sheet, empty.x + empty.width / 2, empty.y + empty.height / 2, kSheetBackground));
}

TEST(ContactSheet, ScalesImagesToTheTileAndHonoursColumns) {
    const auto records = fixture::trajectory();
    ContactSheetOptions options;
    options.tile_size = 48;
    options.columns = 3;
    const RgbImage sheet = contact_sheet(records, options);
    const ContactSheetLayout layout = contact_sheet_layout(3, fixture::kImageSize, fixture::kImageSize, options);
    EXPECT_EQ(layout.rows, 1);
    EXPECT_EQ(layout.image_box(2).width, 48);
    EXPECT_EQ(sheet.width, layout.width);
    // Shrunk by area averaging: a token cell (8 x 8 pixels now) keeps its mean colour.
    const auto box = layout.image_box(0);
    const uint8_t* scaled = sheet.pixel(box.x + 4, box.y + 4);
    const uint8_t* light = records[0].image.pixel(1, 0);
    const uint8_t* dark = records[0].image.pixel(0, 0);
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(scaled[c], (light[c] + dark[c]) / 2.0, 3.0);
}

TEST(ContactSheet, WrittenPngCarriesTheRunOfTheBestStep) {
    TempFolder folder;
    const Trajectory t = sample_trajectory();
    write_contact_sheet(folder / "sheet.png", t);
    RgbImage image;
    const RunMetadata m = read_run_png(folder / "sheet.png", &image);
    EXPECT_EQ(image, contact_sheet(t.records));
    EXPECT_EQ(m.step, 1);
    EXPECT_EQ(m.reward_value, 0.8);
    EXPECT_EQ(m.run.milr.prompt, t.options.prompt);
}

TEST(ContactSheet, FailuresSayWhyAndKeepThePreviousFile) {
    TempFolder folder;
    const Trajectory t = sample_trajectory();
    Trajectory no_images = t;
    for (StepRecord& r : no_images.records) r.image = RgbImage{};
    EXPECT_CONTAINS(error_of([&] { write_contact_sheet(folder / "a.png", no_images); }), "no step has an image");
    ContactSheetOptions tiny;
    tiny.tile_size = 10;
    EXPECT_CONTAINS(error_of([&] { write_contact_sheet(folder / "a.png", t, tiny); }), "tile size");
    EXPECT_CONTAINS(error_of([&] { write_contact_sheet(folder / "missing" / "a.png", t); }), "missing/a.png");
    // A name so long that no temporary name fits beside it: the write fails and the previous file stays.
    const std::string long_name = std::string(250, 's') + ".png";
    write_bytes(folder / long_name, "previous");
    EXPECT_CONTAINS(error_of([&] { write_contact_sheet(folder / long_name, t); }), "File name too long");
    EXPECT_EQ(read_bytes(folder / long_name), "previous");
    EXPECT_EQ(folder.entries(), std::vector<std::string>{long_name});
}

TEST(TrajectoryVideo, Mp4ReadsBackWithOneFramePerStepAndHold) {
    TempFolder folder;
    const auto records = fixture::trajectory();
    VideoOptions options;
    options.seconds_per_step = 0.3;
    options.frames_per_second = 10;
    ASSERT_EQ(frames_per_step(options), 3);
    const VideoResult result = write_trajectory_video(folder / "run.mp4", records, options);
    EXPECT_EQ(result.path, folder / "run.mp4");
    EXPECT_EQ(result.codec, "mp4v");
    EXPECT_EQ(result.frames, 9);
    EXPECT_EQ(folder.entries(), std::vector<std::string>{"run.mp4"});

    cv::VideoCapture capture((folder / "run.mp4").string());
    ASSERT_TRUE(capture.isOpened());
    std::vector<cv::Mat> frames;
    for (cv::Mat frame; capture.read(frame);) frames.push_back(frame.clone());
    ASSERT_EQ(frames.size(), 9u);
    EXPECT_EQ(frames[0].cols, fixture::kImageSize);
    EXPECT_GT(frames[0].rows, fixture::kImageSize);  // the caption strip under the image
    EXPECT_EQ(frames[0].rows % 2, 0);
    // Each step's cells (lossy codec: their mean colours) in its three frames; cell 14 changes at every step.
    for (int i = 0; i < 9; ++i) {
        cv::Mat rgb;
        cv::cvtColor(frames[static_cast<size_t>(i)], rgb, cv::COLOR_BGR2RGB);
        const cv::Mat expected = cv::Mat(fixture::kImageSize, fixture::kImageSize, CV_8UC3,
                                         const_cast<uint8_t*>(records[static_cast<size_t>(i / 3)].image.pixels.data()));
        for (int cell : {0, 14, 35}) {
            const cv::Scalar got = cell_mean(rgb, cell), want = cell_mean(expected, cell);
            for (int c = 0; c < 3; ++c) EXPECT_NEAR(got[c], want[c], 20.0) << "frame " << i << " cell " << cell;
        }
    }
}

TEST(TrajectoryVideo, AviIsMotionJpeg) {
    TempFolder folder;
    VideoOptions options;
    options.seconds_per_step = 0.1;
    options.captions = false;
    const VideoResult result = write_trajectory_video(folder / "run.avi", fixture::trajectory(), options);
    EXPECT_EQ(result.codec, "MJPG");
    cv::VideoCapture capture((folder / "run.avi").string());
    ASSERT_TRUE(capture.isOpened());
    int count = 0;
    cv::Mat frame;
    while (capture.read(frame)) {
        ++count;
        EXPECT_EQ(frame.rows, fixture::kImageSize);  // no caption strip
    }
    EXPECT_EQ(count, 3);
}

TEST(TrajectoryVideo, FailuresSayWhyAndKeepThePreviousFile) {
    TempFolder folder;
    const auto records = fixture::trajectory();
    write_file_atomic(folder / "run.mp4", "previous");
    EXPECT_CONTAINS(error_of([&] { write_trajectory_video(folder / "run.gif", records); }), "must end in .mp4 or .avi");
    EXPECT_CONTAINS(error_of([&] { write_trajectory_video(folder / "none" / "run.mp4", records); }), "does not exist");
    EXPECT_CONTAINS(error_of([&] { write_trajectory_video(folder / "run.mp4", std::vector<StepRecord>{}); }),
                    "no step has an image");
    VideoOptions slow;
    slow.seconds_per_step = 0;
    EXPECT_CONTAINS(error_of([&] { write_trajectory_video(folder / "run.mp4", records, slow); }),
                    "between 0.05 and 60");
    EXPECT_EQ(read_bytes(folder / "run.mp4"), "previous");
    EXPECT_EQ(folder.entries(), std::vector<std::string>{"run.mp4"});
}

TEST(TrajectoryVideo, ReadOnlyFolderIsAClearError) {
    if (::geteuid() == 0) GTEST_SKIP() << "root ignores folder permissions";
    TempFolder folder;
    write_file_atomic(folder / "run.mp4", "previous");
    ::chmod(folder.path().c_str(), 0555);
    const std::string message = error_of([&] { write_trajectory_video(folder / "run.mp4", fixture::trajectory()); });
    ::chmod(folder.path().c_str(), 0755);
    EXPECT_CONTAINS(message, "Permission denied");
    EXPECT_EQ(read_bytes(folder / "run.mp4"), "previous");
}
