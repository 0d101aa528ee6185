// Contact sheet and video of a trajectory: every step's pixels in its tile with a caption, the best framed; the video
// read back by OpenCV with one frame per step and hold; atomic writes and failures that say why.
#include <gtest/gtest.h>

#include <algorithm>

#include <fstream>

#include <sstream>

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
    // Captioned with the run's prompt and settings.
    ContactSheetOptions captioned;
    captioned.title = t.options.prompt;
    captioned.subtitle = settings_caption(t.options);
    EXPECT_EQ(image, contact_sheet(t.records, captioned));
    const ContactSheetLayout layout = contact_sheet_layout(3, fixture::kImageSize, fixture::kImageSize, captioned);
    EXPECT_GT(layout.header_height, 0);
    EXPECT_EQ(image.height, layout.height);
    EXPECT_GT(text_pixels(image, {layout.margin, 0, layout.width - 2 * layout.margin, layout.header_height}, false),
              100)
        << "the prompt and the settings above the grid";
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
    EXPECT_EQ(result.codec, "avc1") << "H.264, which browsers play (Debian's FFmpeg has an H.264 encoder)";
    EXPECT_TRUE(result.fallback.empty()) << result.fallback;
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

TEST(TrajectoryVideo, EnlargedWithTheTitleAboveAndTheCaptionBelow) {
    TempFolder folder;
    VideoOptions options;
    options.seconds_per_step = 0.1;
    options.scale = 4;
    options.title = "a red circle left of two blue squares";
    options.subtitle = "both, lambda-t 0.2, lambda-v 0.02, lr 0.03, 2 steps, seed 42, authors' loss";
    const VideoResult result = write_trajectory_video(folder / "big.mp4", fixture::trajectory(), options);
    EXPECT_EQ(result.width, 4 * fixture::kImageSize);
    cv::VideoCapture capture((folder / "big.mp4").string());
    ASSERT_TRUE(capture.isOpened());
    cv::Mat frame;
    ASSERT_TRUE(capture.read(frame));
    EXPECT_EQ(frame.cols, 4 * fixture::kImageSize);
    const int header = frame.rows - 4 * fixture::kImageSize - std::max(18, frame.cols / 10);
    EXPECT_GE(header, 28) << "a header strip above the image";
    // The header holds light text on the dark background; the image starts under it, cell 0 a 4x larger block.
    cv::Mat gray;
    cv::cvtColor(frame(cv::Rect(0, 0, frame.cols, header)), gray, cv::COLOR_BGR2GRAY);
    EXPECT_GT(cv::countNonZero(gray > 150), 50);
    cv::Mat rgb;
    cv::cvtColor(frame, rgb, cv::COLOR_BGR2RGB);
    const cv::Scalar top_left =
        cv::mean(rgb(cv::Rect(8, header + 8, 4 * fixture::kCellPixels - 16, 4 * fixture::kCellPixels - 16)));
    const uint8_t* expected = fixture::trajectory()[0].image.pixel(fixture::kCellPixels / 2, fixture::kCellPixels / 2);
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(top_left[c], expected[c], 20.0);
    EXPECT_THROW(
        [&] {
            VideoOptions too_large = options;
            too_large.scale = 9;
            write_trajectory_video(folder / "huge.mp4", fixture::trajectory(), too_large);
        }(),
        Error);
}

TEST(ExportScale, NearestRepeatsEachPixelAndSmoothKeepsTheSize) {
    const RgbImage image = fixture::trajectory()[0].image;
    const RgbImage twice = upscaled(image, 2, Resampling::nearest);
    ASSERT_EQ(twice.width, 2 * image.width);
    ASSERT_EQ(twice.height, 2 * image.height);
    for (int y = 0; y < twice.height; y += 7)
        for (int x = 0; x < twice.width; x += 5)
            for (int c = 0; c < 3; ++c) ASSERT_EQ(twice.pixel(x, y)[c], image.pixel(x / 2, y / 2)[c]);
    const RgbImage smooth = upscaled(image, 4, Resampling::smooth);
    EXPECT_EQ(smooth.width, 4 * image.width);
    EXPECT_FALSE(smooth == upscaled(image, 4, Resampling::nearest)) << "bicubic softens the cell edges";
    EXPECT_EQ(upscaled(image, 1, Resampling::smooth), image);
    EXPECT_THROW(upscaled(image, 0, Resampling::nearest), Error);
    EXPECT_THROW(upscaled(RgbImage{}, 2, Resampling::nearest), Error);
}

TEST(ExportScale, SettingsCaptionNamesTheRunsParameters) {
    MilrOptions options;
    options.steps = 16;
    options.estimator = Estimator::reinforce;
    EXPECT_EQ(settings_caption(options), "both, lambda-t 0.2, lambda-v 0.02, lr 0.03, 16 steps, seed 42, REINFORCE");
    options.mode = MilrMode::best_of_n;
    EXPECT_EQ(settings_caption(options), "best-of-n, 17 samples, seed 42");
}

TEST(StepsCsv, OneRowPerStepWithTheSameColumnsAsTheHeader) {
    const auto records = fixture::trajectory();
    const std::string csv = steps_csv(records);
    std::vector<std::vector<std::string>> rows;
    std::string line;
    std::istringstream in(csv);
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::string cell;
        std::istringstream fields(line);
        while (std::getline(fields, cell, ',')) cells.push_back(cell);
        if (!line.empty() && line.back() == ',') cells.push_back("");
        rows.push_back(cells);
    }
    ASSERT_EQ(rows.size(), 4u);
    const auto column = [&](const std::string& name) {
        return static_cast<size_t>(std::find(rows[0].begin(), rows[0].end(), name) - rows[0].begin());
    };
    for (const auto& row : rows) EXPECT_EQ(row.size(), rows[0].size());
    EXPECT_EQ(rows[2][column("step")], "1");
    EXPECT_EQ(rows[2][column("reward")], "0.8");
    EXPECT_EQ(rows[2][column("passed")], "1");
    // Step 1 changed one token inside each optimised prefix; step 2 none; step 0 has no previous step.
    EXPECT_EQ(rows[2][column("text_tokens_changed")], "1");
    EXPECT_EQ(rows[2][column("image_tokens_changed")], "1");
    EXPECT_EQ(rows[3][column("text_tokens_changed")], "0");
    EXPECT_EQ(rows[1][column("text_tokens_changed")], "");
    EXPECT_EQ(rows[1][column("text_grad_norm")], "") << "no gradient before the first update";
    EXPECT_EQ(rows[2][column("text_margin")], "") << "not measured in this fixture";
    TempFolder folder;
    write_steps_csv(folder / "steps.csv", records);
    std::ifstream file(folder / "steps.csv");
    EXPECT_EQ(std::string((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>()), csv);
    EXPECT_THROW(write_steps_csv(folder / "empty.csv", {}), Error);
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
