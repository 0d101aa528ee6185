// The fetch tests' local Hub: tests/tools/hub_test_server.py started on 127.0.0.1 for one test, its request log read back.
#pragma once
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace milr::test {

class HubTestServer {
public:
    // `arguments`: the server's options ("--repo", "org/name=FOLDER", "--cut-after", "1000", ...).
    HubTestServer(const std::vector<std::string>& arguments, const std::filesystem::path& log) : m_log(log) {
        int pipe_fds[2];
        if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe");
        std::vector<std::string> command = {
            "python3", std::string(MILR_SOURCE_ROOT) + "/tests/tools/hub_test_server.py", "--log", log.string()};
        command.insert(command.end(), arguments.begin(), arguments.end());
        m_pid = ::fork();
        if (m_pid == 0) {
            ::dup2(pipe_fds[1], 1);
            ::close(pipe_fds[0]);
            std::vector<char*> argv;
            for (std::string& part : command) argv.push_back(part.data());
            argv.push_back(nullptr);
            ::execvp("python3", argv.data());
            ::_exit(127);
        }
        ::close(pipe_fds[1]);
        std::FILE* out = ::fdopen(pipe_fds[0], "r");
        char line[128] = {0};
        if (!out || !std::fgets(line, sizeof line, out) || std::sscanf(line, "PORT %d", &m_port) != 1) {
            throw std::runtime_error("the test Hub server did not start");
        }
        std::fclose(out);
    }
    ~HubTestServer() {
        ::kill(m_pid, SIGTERM);
        ::waitpid(m_pid, nullptr, 0);
    }
    HubTestServer(const HubTestServer&) = delete;
    HubTestServer& operator=(const HubTestServer&) = delete;

    std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(m_port); }

    // The requests served so far, one JSON object each (method, path, range, status, sent, cut).
    std::vector<nlohmann::json> requests() const {
        std::vector<nlohmann::json> entries;
        std::ifstream in(m_log);
        for (std::string line; std::getline(in, line);) {
            if (!line.empty()) entries.push_back(nlohmann::json::parse(line));
        }
        return entries;
    }

private:
    std::filesystem::path m_log;
    pid_t m_pid = -1;
    int m_port = 0;
};

}  // namespace milr::test
