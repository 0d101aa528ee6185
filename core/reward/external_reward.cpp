// The external-process reward: request/reply over JSON lines with a timeout, cancellation and one restart on crash.
#include "core/reward/external_reward.h"

#include <stdlib.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <sstream>

#include "core/util/subprocess.h"

namespace milr {

namespace {
std::string timeout_range_error(const std::string& what, const std::string& value) {
    const auto max_seconds = std::chrono::duration_cast<std::chrono::seconds>(kMaxExternalRewardTimeout).count();
    return what + " must be more than 0 and at most " + std::to_string(max_seconds) + " seconds (" +
        std::to_string(kMaxExternalRewardTimeout.count()) + " h), not " + value;
}
}  // namespace

void check_external_reward_timeout(std::chrono::milliseconds timeout, const std::string& what) {
    if (timeout.count() <= 0 || timeout > kMaxExternalRewardTimeout)
        throw Error(timeout_range_error(what, std::to_string(timeout.count()) + " ms"));
}

std::chrono::milliseconds external_reward_timeout_from_seconds(double seconds, const std::string& what) {
    const double max_seconds = std::chrono::duration<double>(kMaxExternalRewardTimeout).count();
    if (!(seconds > 0.0 && seconds <= max_seconds)) {  // also NaN
        char text[32];
        std::snprintf(text, sizeof text, "%.15g", seconds);
        throw Error(timeout_range_error(what, text));
    }
    return std::chrono::milliseconds(std::max<long long>(1, std::llround(seconds * 1000.0)));
}

ExternalReward::ExternalReward(ExternalRewardOptions options) : m_options(std::move(options)) {
    if (m_options.argv.empty()) throw Error("external reward: no program given");
    if (!m_options.write_image) throw Error("external reward: no image writer given");
    check_external_reward_timeout(m_options.timeout, "external reward: the timeout");
    m_folder = m_options.image_folder;
    if (m_folder.empty()) {
        // mkdtemp: a fresh folder only this user can enter, never one someone else prepared under that name.
        std::string pattern = (std::filesystem::temp_directory_path() / "milr-reward-XXXXXX").string();
        if (!::mkdtemp(pattern.data()))
            throw Error("external reward: cannot create a temporary image folder in " +
                        std::filesystem::temp_directory_path().string() + ": " + std::strerror(errno));
        m_folder = pattern;
        m_owns_folder = true;
    } else {
        std::error_code error;
        std::filesystem::create_directories(m_folder, error);
        if (error)
            throw Error("external reward: cannot create image folder " + m_folder.string() + ": " + error.message());
    }
    start();
}

ExternalReward::~ExternalReward() {
    m_process.reset();
    if (m_owns_folder) {
        std::error_code ignored;
        std::filesystem::remove_all(m_folder, ignored);
    }
}

std::string ExternalReward::program_label() const {
    // The program as its user knows it: "python3 judge.py", not just the interpreter.
    const auto& argv = m_options.argv;
    std::string label = std::filesystem::path(argv[0]).filename().string();
    if (argv.size() > 1 && !argv[1].empty() && argv[1][0] != '-')
        label += " " + std::filesystem::path(argv[1]).filename().string();
    return label;
}

std::string ExternalReward::name() const {
    std::string text = "external:";
    for (const auto& a : m_options.argv) text += " " + a;
    return text;
}

void ExternalReward::start() { m_process = std::make_unique<Subprocess>(m_options.argv); }

void ExternalReward::stop() {
    if (m_process) m_process->terminate();
}

std::string ExternalReward::describe_failure(const std::string& what) {
    std::string message = "external reward '" + program_label() + "' " + what;
    if (m_process) {
        const std::string state = m_process->exit_description();
        if (state != "running") message += " (" + state + ")";
        std::string tail = m_process->stderr_tail();
        while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r')) tail.pop_back();
        if (!tail.empty())
            message += "; its last error output: " + tail.substr(tail.size() > 500 ? tail.size() - 500 : 0);
    }
    return message;
}

RewardResult ExternalReward::parse_reply(const std::string& line, int64_t expected_id, const std::string& program) {
    const std::string who = "external reward '" + program + "'";
    nlohmann::json reply;
    try {
        reply = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception&) {
        throw RewardError(who + " answered a line that is not JSON: \"" + line.substr(0, 200) + "\"");
    }
    if (!reply.is_object()) throw RewardError(who + " answered JSON that is not an object: " + line.substr(0, 200));
    if (reply.contains("id") && (!reply["id"].is_number_integer() || reply["id"].get<int64_t>() != expected_id))
        throw RewardError(who + " answered id " + reply["id"].dump() + " to request " + std::to_string(expected_id));
    if (reply.contains("error")) throw RewardError(who + " reported an error: " + reply["error"].dump());
    auto it = reply.find("reward");
    if (it == reply.end()) throw RewardError(who + " answered without a \"reward\" field: " + line.substr(0, 200));
    if (!it->is_number()) throw RewardError(who + " answered a \"reward\" that is not a number: " + it->dump());
    RewardResult result;
    result.value = validated_reward_value(it->get<double>(), program);
    result.passed = result.value >= 1.0;
    if (auto passed = reply.find("passed"); passed != reply.end()) {
        if (!passed->is_boolean()) throw RewardError(who + ": \"passed\" is not true or false: " + passed->dump());
        result.passed = passed->get<bool>();
    }
    if (auto c = reply.find("components"); c != reply.end()) {
        if (!c->is_array()) throw RewardError(who + ": \"components\" is not an array");
        for (const auto& part : *c) {
            if (!part.is_object() || !part.contains("name") || !part["name"].is_string() || !part.contains("value") ||
                !part["value"].is_number())
                throw RewardError(who + ": a component needs a string \"name\" and a number \"value\": " + part.dump());
            result.components.push_back(
                {part["name"].get<std::string>(), validated_reward_value(part["value"].get<double>(), program), 1.0});
        }
    }
    if (auto r = reply.find("reasons"); r != reply.end()) {
        if (!r->is_array()) throw RewardError(who + ": \"reasons\" is not an array");
        for (const auto& reason : *r)
            result.reasons.push_back(reason.is_string() ? reason.get<std::string>() : reason.dump());
    }
    return result;
}

std::string ExternalReward::describe_timeout(bool request_written) {
    stop();
    std::ostringstream what;
    what << (request_written ? "did not answer within " : "did not read its request within ")
         << m_options.timeout.count() << " ms and was stopped";
    return describe_failure(what.str());
}

RewardResult ExternalReward::score(const RewardRequest& request) {
    if (!request.image || request.image->empty()) throw RewardError("external reward: no image to judge");
    char file_name[64];
    std::snprintf(file_name, sizeof file_name, "step-%04d.png", request.step);
    const std::filesystem::path image_path = m_folder / file_name;
    m_options.write_image(*request.image, image_path);

    const int64_t id = m_next_id++;
    const nlohmann::json message = {{"id", id},
                                    {"image", image_path.string()},
                                    {"prompt", request.prompt},
                                    {"metadata", request.metadata},
                                    {"step", request.step}};
    const std::string line = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    using IoStatus = Subprocess::IoStatus;
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (!m_process || m_process->terminated()) start();  // stopped after a failure: a fresh process
        const auto deadline = deadline_after(m_options.timeout);
        std::string reply;
        IoStatus status = m_process->write_line(line, deadline, request.cancel);
        const bool written = status == IoStatus::Done;
        if (written) status = m_process->read_line(reply, deadline, request.cancel);
        if (status == IoStatus::Done) {
            try {
                return parse_reply(reply, id, program_label());
            } catch (const RewardError&) {
                stop();  // out of step with its requests: not used again
                throw;
            }
        }
        if (status == IoStatus::Cancelled) {
            stop();
            throw Cancelled("cancelled while the external reward '" + program_label() + "' was judging");
        }
        if (status == IoStatus::Timeout) throw RewardError(describe_timeout(written));
        // The program ended (crashed or exited) before answering: restart it once and retry.
        stop();
        if (attempt == 1) throw RewardError(describe_failure("ended without answering, also after a restart"));
    }
    throw RewardError(describe_failure("failed"));
}

}  // namespace milr
