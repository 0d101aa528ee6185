// A child process started without a shell from an argument list, spoken to by lines over stdin/stdout,
// every write and read bounded by a deadline and a cancel token (used by the external reward).
#pragma once
#include <chrono>
#include <string>
#include <sys/types.h>
#include <vector>

#include "core/util/cancel.h"

namespace milr {

// The child runs in its own process group (it and every worker it forks), which is stopped as a whole:
// SIGTERM, then SIGKILL after a short grace. The child itself (not its workers) is also killed when the
// thread that started it ends (PR_SET_PDEATHSIG), so a crashed application leaves no reward program behind:
// start it on a thread that outlives it. Workers that leave the group themselves (setsid) are beyond reach.
class Subprocess {
public:
    using Clock = std::chrono::steady_clock;
    // How long a stopped group gets between SIGTERM and SIGKILL.
    static constexpr std::chrono::milliseconds kTerminateGrace{500};

    // argv[0] is looked up in PATH when it has no slash. Throws milr::Error naming the program when it
    // cannot be started (missing, not executable).
    explicit Subprocess(std::vector<std::string> argv);
    ~Subprocess();  // closes stdin, gives the child a moment to end on its own, then stops its group
    Subprocess(const Subprocess&) = delete;
    Subprocess& operator=(const Subprocess&) = delete;

    enum class IoStatus { Done, Timeout, Closed, Cancelled };
    // Writes `line` + '\n' without blocking past `deadline`; Closed when the child no longer reads (it
    // ended). Output the child writes meanwhile is kept, so a child that talks before it listens cannot
    // deadlock the two.
    IoStatus write_line(const std::string& line, Clock::time_point deadline, const CancelToken& cancel);
    // Reads one line from the child's stdout (without the newline) by `deadline`.
    IoStatus read_line(std::string& line, Clock::time_point deadline, const CancelToken& cancel);
    // Whether the child (the group's leader) has not ended yet; never reaps it.
    bool running();
    // Stops the whole group (SIGTERM, SIGKILL after `grace`) and reaps the child. Safe to call twice.
    void terminate(std::chrono::milliseconds grace = kTerminateGrace);
    bool terminated() const { return m_reaped; }
    // How the child ended ("exited with status 3", "killed by signal 11"), or "running".
    std::string exit_description();
    // The last lines the child wrote to stderr (kept for error messages).
    std::string stderr_tail();
    const std::vector<std::string>& argv() const { return m_argv; }
    pid_t pid() const { return m_pid; }

private:
    void spawn();
    // Waits up to `wait` for stdout/stderr (and stdin when `want_write`) and takes in what they have.
    void pump(std::chrono::milliseconds wait, bool want_write);
    void read_stdout();
    void drain_stderr();
    bool wait_for_exit(std::chrono::milliseconds limit);
    std::vector<std::string> m_argv;
    pid_t m_pid = -1;
    int m_stdin = -1, m_stdout = -1, m_stderr = -1;
    std::string m_stdout_buffer, m_stderr_buffer;
    std::string m_exit;  // set once the child has ended
    bool m_reaped = false;
};

// now + timeout, saturating instead of overflowing for huge timeouts.
Subprocess::Clock::time_point deadline_after(std::chrono::milliseconds timeout);

}  // namespace milr
