// A 3-step MILR trajectory built the way the engine builds its records: tokens per step, the changed positions
// from milr::changed_positions, an image drawn from the image tokens, rewards with a breakdown and reasons.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/milr/step_record.h"

namespace fixture {

constexpr int kGrid = 6;         // a 6x6 token grid
constexpr int kCellPixels = 16;  // over a 96x96 image
constexpr int kImageSize = kGrid * kCellPixels;
constexpr int kOptimisedCells = 3;  // m_v
constexpr int kOptimisedText = 2;   // m_t

// Each image pixel: the colour of its cell's token, darker on odd pixels (a 1-pixel checkerboard, so smoothing
// would show).
inline milr::RgbImage draw_tokens(const std::vector<int64_t>& tokens) {
    milr::RgbImage image;
    image.width = image.height = kImageSize;
    image.pixels.resize(static_cast<size_t>(kImageSize) * kImageSize * 3);
    for (int y = 0; y < kImageSize; ++y)
        for (int x = 0; x < kImageSize; ++x) {
            const int64_t token = tokens[static_cast<size_t>((y / kCellPixels) * kGrid + x / kCellPixels)];
            const double shade = ((x + y) & 1) ? 1.0 : 0.6;
            uint8_t* p = image.pixels.data() + 3 * (static_cast<size_t>(y) * kImageSize + x);
            p[0] = static_cast<uint8_t>(shade * (60 + (token * 37) % 160));
            p[1] = static_cast<uint8_t>(shade * (60 + (token * 91) % 160));
            p[2] = static_cast<uint8_t>(shade * (60 + (token * 53) % 160));
        }
    return image;
}

struct Text {
    std::vector<int64_t> tokens;
    std::vector<std::string> pieces;
};

inline std::vector<milr::StepRecord> trajectory() {
    const Text texts[3] = {
        {{11, 12, 13, 14, 15, 16, 17, 18}, {"A", " red", " circle", " left", " of", " two", " blue", " squares"}},
        {{11, 22, 13, 14, 15, 16, 17, 18}, {"A", " crimson", " circle", " left", " of", " two", " blue", " squares"}},
        {{11, 22, 13, 14, 15, 26, 17, 18, 19},
         {"A", " crimson", " circle", " left", " of", " three", " blue", " squares", "."}},
    };
    std::vector<int64_t> image_tokens(kGrid * kGrid);
    for (size_t i = 0; i < image_tokens.size(); ++i) image_tokens[i] = static_cast<int64_t>(i * 7 % 23);
    std::vector<std::vector<int64_t>> images = {image_tokens};
    image_tokens[1] = 100;  // step 1 edits a prefix cell and a cell of the third row
    image_tokens[14] = 101;
    images.push_back(image_tokens);
    image_tokens[14] = 102;  // step 2 edits cell 14 again and the last cell
    image_tokens[35] = 103;
    images.push_back(image_tokens);

    const double rewards[3] = {0.25, 0.8, 0.5};
    std::vector<milr::StepRecord> records;
    for (int step = 0; step < 3; ++step) {
        milr::StepRecord r;
        r.step = step;
        r.mode = "both";
        r.seed = 42;
        r.reward = rewards[step];
        r.passed = rewards[step] > 0.7;
        r.reward_breakdown = {{"count", step == 0 ? 0.0 : 1.0, 0.5}, {"colour", rewards[step], 0.5}};
        if (!r.passed) r.reward_reasons = {"expected 2 blue squares, found " + std::to_string(step + 1)};
        r.reasoning_tokens = texts[step].tokens;
        r.reasoning_pieces = texts[step].pieces;
        for (const std::string& piece : r.reasoning_pieces) r.reasoning += piece;
        r.optimised_text_tokens = kOptimisedText;
        r.image_tokens = images[static_cast<size_t>(step)];
        r.grid_width = r.grid_height = kGrid;
        r.optimised_image_tokens = kOptimisedCells;
        r.image = draw_tokens(r.image_tokens);
        if (step > 0) {
            r.reasoning_changed_since_previous = milr::changed_positions(texts[step - 1].tokens, texts[step].tokens);
            r.reasoning_changed_since_initial = milr::changed_positions(texts[0].tokens, texts[step].tokens);
            r.image_changed_since_previous =
                milr::changed_positions(images[static_cast<size_t>(step - 1)], r.image_tokens);
            r.image_changed_since_initial = milr::changed_positions(images[0], r.image_tokens);
        }
        r.text_latent_distance = 0.5 * step;
        r.image_latent_distance = 0.25 * step;
        r.text_grad_norm = 1.0 / (step + 1);
        r.image_grad_norm = 2.0 / (step + 1);
        r.text_logprob = -0.1 * step;
        r.image_logprob = -0.3 * step;
        r.timings = {100, 400, 20, 30, 10};
        records.push_back(r);
    }
    return records;
}

}  // namespace fixture
