// The external-process reward: request/reply over JSON lines with a timeout and one restart on crash.
#include "core/reward/external_reward.h"

#include <stdlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sstream>

#include "core/util/subprocess.h"

namespace milr {

ExternalReward::ExternalReward(ExternalRewardOptions options) : m_options(std::move(options)) {
    if (m_options.argv.empty()) throw Error("external reward: no program given");
    if (!m_options.write_image) throw Error("external reward: no image writer given");
    if (m_options.timeout.count() <= 0) throw Error("external reward: the timeout must be positive");
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
        if (error) throw Error("external reward: cannot create image folder " + m_folder.string() + ": " + error.message());
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

std::string ExternalReward::describe_failure(const std::string& what) {
    std::string message = "external reward '" + program_label() + "' " + what;
    if (m_process) {
        const std::string state = m_process->exit_description();
        if (state != "running") message += " (" + state + ")";
        std::string tail = m_process->stderr_tail();
        while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r')) tail.pop_back();
        if (!tail.empty()) message += "; its last error output: " + tail.substr(tail.size() > 500 ? tail.size() - 500 : 0);
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
            result.components.push_back({part["name"].get<std::string>(), validated_reward_value(part["value"].get<double>(), program), 1.0});
        }
    }
    if (auto r = reply.find("reasons"); r != reply.end()) {
        if (!r->is_array()) throw RewardError(who + ": \"reasons\" is not an array");
        for (const auto& reason : *r) result.reasons.push_back(reason.is_string() ? reason.get<std::string>() : reason.dump());
    }
    return result;
}

RewardResult ExternalReward::score(const RewardRequest& request) {
    if (!request.image || request.image->empty()) throw RewardError("external reward: no image to judge");
    char file_name[64];
    std::snprintf(file_name, sizeof file_name, "step-%04d.png", request.step);
    const std::filesystem::path image_path = m_folder / file_name;
    m_options.write_image(*request.image, image_path);

    const int64_t id = m_next_id++;
    const nlohmann::json message = {{"id", id}, {"image", image_path.string()}, {"prompt", request.prompt},
                                    {"metadata", request.metadata}, {"step", request.step}};
    const std::string line = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    for (int attempt = 0; attempt < 2; ++attempt) {
        std::string reply;
        Subprocess::ReadStatus status = Subprocess::ReadStatus::Closed;
        if (m_process->write_line(line)) status = m_process->read_line(reply, m_options.timeout);
        if (status == Subprocess::ReadStatus::Line) return parse_reply(reply, id, program_label());
        if (status == Subprocess::ReadStatus::Timeout) {
            m_process->kill_now();
            std::ostringstream what;
            what << "did not answer within " << m_options.timeout.count() << " ms and was stopped";
            const std::string message = describe_failure(what.str());
            start();  // a fresh process for the next run
            throw RewardError(message);
        }
        // The program ended (crashed or exited) before answering: restart it once and retry.
        m_process->kill_now();
        if (attempt == 1) throw RewardError(describe_failure("ended without answering, also after a restart"));
        start();
    }
    throw RewardError(describe_failure("failed"));
}

}  // namespace milr
