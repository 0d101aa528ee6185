// A reward computed by an external program speaking JSON lines over stdin/stdout (started without a shell).
//
// Protocol (one JSON object a line, UTF-8):
//   request  {"id": 7, "image": "/abs/path/step-0007.png", "prompt": "a photo of ...", "metadata": {...}|null,
//             "step": 7}
//   reply    {"id": 7, "reward": 0.75, "passed": false,                       (reward in [0, 1]; passed optional)
//             "components": [{"name": "count", "value": 1.0}], "reasons": ["..."]}   (both optional)
// The program may print anything to stderr (kept for error messages). A crash is answered by one restart
// and one retry of the same request; a second failure, a timeout, a reply that is not such a JSON object,
// a missing/NaN/out-of-range reward or a wrong id stop the run with a RewardError naming the program.
// The timeout covers writing the request (a program that does not read it cannot block) and reading the
// reply; the request's cancel token is seen within 0.1 s and ends the call with milr::Cancelled. After a
// timeout, an error or a cancel the program and every process it started (its process group) are stopped
// (SIGTERM, SIGKILL 0.5 s later), as on destruction; the next request starts it again, on the calling
// thread, whose end kills it (see Subprocess): score() from a thread that outlives the reward.
#pragma once
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/reward/reward.h"

namespace milr {

class Subprocess;

// The longest per-request timeout: a day. Longer ones are typing errors (and overflow the clock's deadline).
constexpr std::chrono::hours kMaxExternalRewardTimeout{24};

// Throws milr::Error naming `what` (an option or field) unless 0 < timeout <= kMaxExternalRewardTimeout.
void check_external_reward_timeout(std::chrono::milliseconds timeout, const std::string& what);
// A timeout given in seconds (--reward-timeout) as milliseconds; throws milr::Error naming `what` when it
// is not a number in (0, 86400].
std::chrono::milliseconds external_reward_timeout_from_seconds(double seconds, const std::string& what);

struct ExternalRewardOptions {
    std::vector<std::string> argv;             // program and arguments
    std::chrono::milliseconds timeout{30000};  // per request, in (0, 24 h]
    std::filesystem::path image_folder;        // where request images are written (default: temp)
    // Writes the image as a PNG (the CLI and the app pass the PNG writer of core/world).
    std::function<void(const RgbImage&, const std::filesystem::path&)> write_image;
};

class ExternalReward : public Reward {
public:
    explicit ExternalReward(ExternalRewardOptions options);
    ~ExternalReward() override;
    std::string name() const override;
    RewardResult score(const RewardRequest& request) override;
    // Parses one reply line (exposed for tests and fuzzing); throws RewardError.
    static RewardResult parse_reply(const std::string& line, int64_t expected_id, const std::string& program);

private:
    void start();
    void stop();
    std::string describe_failure(const std::string& what);
    // The message of a timeout, after the program was stopped.
    std::string describe_timeout(bool request_written);
    std::string program_label() const;
    ExternalRewardOptions m_options;
    std::unique_ptr<Subprocess> m_process;
    std::filesystem::path m_folder;
    bool m_owns_folder = false;
    int64_t m_next_id = 1;
};

}  // namespace milr
