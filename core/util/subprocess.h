// A child process started without a shell from an argument list, spoken to by lines over stdin/stdout,
// with a timeout on every reply (used by the external reward).
#pragma once
#include <chrono>
#include <string>
#include <sys/types.h>
#include <vector>

namespace milr {

class Subprocess {
public:
    // argv[0] is looked up in PATH when it has no slash. Throws milr::Error naming the program when it
    // cannot be started (missing, not executable).
    explicit Subprocess(std::vector<std::string> argv);
    ~Subprocess();  // closes stdin, waits briefly, then kills
    Subprocess(const Subprocess&) = delete;
    Subprocess& operator=(const Subprocess&) = delete;

    enum class ReadStatus { Line, Timeout, Closed };
    // Writes `line` + '\n'; returns false when the child has closed its stdin (it exited or crashed).
    bool write_line(const std::string& line);
    // Reads one line from the child's stdout (without the newline) within `timeout`.
    ReadStatus read_line(std::string& line, std::chrono::milliseconds timeout);
    bool running();
    void kill_now();
    // How the child ended ("exited with status 3", "killed by signal 11"), or "running".
    std::string exit_description();
    // The last lines the child wrote to stderr (kept for error messages).
    std::string stderr_tail();
    const std::vector<std::string>& argv() const { return m_argv; }

private:
    void drain_stderr();
    std::vector<std::string> m_argv;
    pid_t m_pid = -1;
    int m_stdin = -1, m_stdout = -1, m_stderr = -1;
    std::string m_stdout_buffer, m_stderr_buffer;
    int m_status = 0;
    bool m_reaped = false;
};

}  // namespace milr
