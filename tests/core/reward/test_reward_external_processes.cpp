// The external reward's processes: no hang on a request nobody reads, nothing left running after a timeout
// or destruction, a prompt cancel, and timeouts bounded. Real /bin/sh programs written to a temporary folder.
#include <gtest/gtest.h>

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <iterator>
#include <limits>
#include <sstream>
#include <thread>

#include "core/reward/external_reward.h"

using namespace milr;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// Far above every wait these tests expect; reached only when a call hangs.
constexpr std::chrono::seconds kHangGuard{60};

// Records its pid in starts, then never reads stdin.
const char* kNeverReads = "echo $$ >> \"$1/starts\"\nexec sleep 1000\n";
// Records its pid, starts a worker (recorded in worker), then never answers.
const char* kWorkerNeverAnswers = "echo $$ >> \"$1/starts\"\nsleep 1000 &\necho $! > \"$1/worker\"\nexec sleep 1000\n";
// Records its pid, starts a worker, then answers every request (and ends when stdin closes).
const char* kWorkerAnswers =
    "echo $$ >> \"$1/starts\"\nsleep 1000 &\necho $! > \"$1/worker\"\n"
    "while read -r line; do echo '{\"reward\": 0.5}'; done\n";

// An ended process that nobody reaped (its parent is gone, and PID 1 of a container may not reap) still
// answers kill(pid, 0): it counts as gone when /proc shows it a zombie.
bool process_gone(pid_t pid) {
    if (::kill(pid, 0) != 0) return true;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    const std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const size_t name_end = text.rfind(')');
    return name_end != std::string::npos && name_end + 2 < text.size() && text[name_end + 2] == 'Z';
}

bool gone_within(pid_t pid, std::chrono::milliseconds wait) {
    const auto deadline = Clock::now() + wait;
    while (!process_gone(pid)) {
        if (Clock::now() > deadline) return false;
        std::this_thread::sleep_for(20ms);
    }
    return true;
}

std::string error_of(ExternalReward& reward, const RewardRequest& request) {
    try {
        reward.score(request);
        return "no error";
    } catch (const Cancelled& e) {
        return std::string("Cancelled: ") + e.what();
    } catch (const RewardError& e) {
        return std::string("RewardError: ") + e.what();
    }
}

class ExternalRewardProcesses : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (std::filesystem::temp_directory_path() / "milr-reward-test-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        m_folder = pattern;
    }
    void TearDown() override {
        if (HasFailure()) kill_recorded_processes();  // what the code under test left behind
        std::filesystem::remove_all(m_folder);
    }

    ExternalRewardOptions options_for(const char* script, std::chrono::milliseconds timeout) {
        const auto path = m_folder / "reward.sh";
        std::ofstream(path) << script;
        ExternalRewardOptions options;
        options.argv = {"/bin/sh", path.string(), m_folder.string()};
        options.timeout = timeout;
        options.image_folder = m_folder / "images";
        options.write_image = [](const RgbImage&, const std::filesystem::path&) {};
        return options;
    }

    // A request of `prompt_bytes` (more than a pipe holds when above 64 KiB).
    RewardRequest request(size_t prompt_bytes, CancelToken cancel = {}) {
        return RewardRequest(&m_image, std::string(prompt_bytes, 'a'), nullptr, 1, std::move(cancel));
    }

    std::vector<pid_t> recorded(const char* file) const {
        std::ifstream in(m_folder / file);
        std::vector<pid_t> pids;
        for (pid_t pid; in >> pid;) pids.push_back(pid);
        return pids;
    }

    pid_t worker() const {
        const std::vector<pid_t> pids = recorded("worker");
        return pids.empty() ? -1 : pids.front();
    }

    // Runs `call` on its own thread and returns how long it took. A call still blocked after kHangGuard is a
    // hang: reported, and the binary ends (a blocked thread cannot be joined).
    std::chrono::duration<double> timed_with_hang_guard(const std::function<void()>& call) {
        const auto start = Clock::now();
        std::packaged_task<void()> task(call);
        std::future<void> done = task.get_future();
        std::thread worker(std::move(task));
        if (done.wait_for(kHangGuard) != std::future_status::ready) {
            ADD_FAILURE() << "the call is still blocked after " << kHangGuard.count() << " s";
            kill_recorded_processes();
            std::cout.flush();
            std::_Exit(1);
        }
        worker.join();
        done.get();
        return Clock::now() - start;
    }

    void kill_recorded_processes() const {
        for (const char* file : {"starts", "worker"})
            for (pid_t pid : recorded(file)) ::kill(pid, SIGKILL);
    }

    std::filesystem::path m_folder;
    RgbImage m_image{2, 2, std::vector<uint8_t>(12, 0)};
};

}  // namespace

TEST_F(ExternalRewardProcesses, RequestNobodyReadsTimesOutInsteadOfHanging) {
    ExternalReward reward(options_for(kNeverReads, 2s));
    std::string error;
    const auto took = timed_with_hang_guard([&] { error = error_of(reward, request(256 << 10)); });
    std::cout << "a 256 KiB request to a program that never reads, 2 s timeout: gave up after " << took.count()
              << " s\n";
    EXPECT_NE(error.find("RewardError: external reward 'sh reward.sh' did not read its request within 2000 ms"),
              std::string::npos)
        << error;
    EXPECT_LT(took, 30s);
}

TEST_F(ExternalRewardProcesses, TimeoutLeavesNoProcessBehind) {
    ExternalReward reward(options_for(kWorkerNeverAnswers, 2s));
    std::string error;
    const auto took = timed_with_hang_guard([&] { error = error_of(reward, request(100)); });
    std::cout << "timeout of a program with a worker, 2 s timeout: gave up after " << took.count() << " s\n";
    EXPECT_NE(error.find("did not answer within 2000 ms"), std::string::npos) << error;
    ASSERT_GT(worker(), 0) << "the program did not start its worker";
    EXPECT_TRUE(gone_within(worker(), 2s)) << "the worker " << worker() << " still runs after the timeout";
    const std::vector<pid_t> starts = recorded("starts");
    EXPECT_EQ(starts.size(), 1u) << "the program was started again after the timeout";
    for (pid_t pid : starts) EXPECT_TRUE(gone_within(pid, 2s)) << "the program " << pid << " still runs";
}

TEST_F(ExternalRewardProcesses, DestructionLeavesNoProcessBehind) {
    pid_t worker_pid = -1;
    {
        ExternalReward reward(options_for(kWorkerAnswers, 20s));
        EXPECT_EQ(reward.score(request(100)).value, 0.5);
        worker_pid = worker();
        ASSERT_GT(worker_pid, 0) << "the program did not start its worker";
        EXPECT_FALSE(process_gone(worker_pid));
    }
    EXPECT_TRUE(gone_within(worker_pid, 2s))
        << "the worker " << worker_pid << " still runs after the reward was destroyed";
}

TEST_F(ExternalRewardProcesses, CancelDuringWriteReturnsPromptly) {
    ExternalReward reward(options_for(kNeverReads, 60s));
    CancelToken cancel;
    std::thread canceller([cancel] {
        std::this_thread::sleep_for(300ms);
        cancel.cancel();
    });
    std::string error;
    const auto took = timed_with_hang_guard([&] { error = error_of(reward, request(256 << 10, cancel)); });
    canceller.join();
    std::cout << "cancel 0.3 s into a 256 KiB write nobody reads (60 s timeout): returned after " << took.count()
              << " s\n";
    EXPECT_EQ(error.rfind("Cancelled: ", 0), 0u) << error;
    EXPECT_LT(took, 10s) << "the cancel must not wait for the 60 s timeout";
}

TEST_F(ExternalRewardProcesses, TimeoutOutsideTheRangeIsRefused) {
    // 9999999999 s overflowed the deadline, which then lay in the past: every request timed out at once.
    for (const auto timeout : {std::chrono::milliseconds(std::chrono::seconds(9999999999LL)),
                               std::chrono::milliseconds(std::chrono::hours(24) + 1ms), 0ms, -5ms}) {
        try {
            ExternalReward reward(options_for(kNeverReads, timeout));
            ADD_FAILURE() << "a timeout of " << timeout.count() << " ms was accepted";
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find("timeout must be more than 0 and at most 86400 seconds"),
                      std::string::npos)
                << e.what();
        }
    }
    EXPECT_NO_THROW({ ExternalReward reward(options_for(kNeverReads, std::chrono::hours(24))); });
    const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
    for (const double seconds : {9999999999.0, 86400.5, 0.0, -1.0, nan, inf}) {
        try {
            external_reward_timeout_from_seconds(seconds, "--reward-timeout");
            ADD_FAILURE() << seconds << " s was accepted";
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find("--reward-timeout must be more than 0 and at most 86400 seconds"),
                      std::string::npos)
                << e.what();
        }
    }
    EXPECT_EQ(external_reward_timeout_from_seconds(2.5, "--reward-timeout"), 2500ms);
}
