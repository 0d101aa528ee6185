// A child process started with vfork + exec (no shell) in its own process group, line I/O over non-blocking
// pipes polled against a deadline and a cancel token, the whole group stopped on terminate.
#include "core/util/subprocess.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "core/util/error.h"

namespace milr {

namespace {
constexpr size_t kStderrTailBytes = 4096;
constexpr size_t kMaxLineBytes = 16u << 20;             // no newline in 16 MiB: garbage
constexpr std::chrono::milliseconds kPollSlice{100};    // longest single wait: cancellation is seen this fast
constexpr std::chrono::milliseconds kEndOnItsOwn{200};  // a child told EOF gets this long before it is stopped

void close_fd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

void set_non_blocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

// Everything the child needs, prepared before vfork (the child may only make system calls).
struct SpawnPlan {
    std::vector<char*> args;
    int stdin_fd, stdout_fd, stderr_fd;
    pid_t parent;
    sigset_t parent_mask;
    volatile int exec_errno = 0;  // written by the child, which shares the parent's memory until exec
};

// Handlers of the parent would run in the child until exec: back to the default for every handled signal.
void reset_signal_handlers_in_child() {
    for (int sig = 1; sig < NSIG; ++sig) {
        struct sigaction action;
        if (::sigaction(sig, nullptr, &action) != 0 || action.sa_handler == SIG_IGN || action.sa_handler == SIG_DFL)
            continue;
        action.sa_handler = SIG_DFL;
        action.sa_flags = 0;
        ::sigaction(sig, &action, nullptr);
    }
}

[[noreturn]] void become_child(SpawnPlan& plan) {
    // Own process group, so the whole tree can be stopped; killed when the starting thread ends. The parent
    // may have died before prctl took effect: then nobody would kill this child, so it ends at once.
    if (::setpgid(0, 0) != 0 || ::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != plan.parent) {
        plan.exec_errno = errno ? errno : ESRCH;
        ::_exit(127);
    }
    ::dup2(plan.stdin_fd, STDIN_FILENO);
    ::dup2(plan.stdout_fd, STDOUT_FILENO);
    ::dup2(plan.stderr_fd, STDERR_FILENO);
    reset_signal_handlers_in_child();
    ::sigprocmask(SIG_SETMASK, &plan.parent_mask, nullptr);
    ::execvp(plan.args[0], plan.args.data());
    plan.exec_errno = errno;
    ::_exit(127);
}

// vfork, not fork: no copy of a large parent's page tables (a loaded model), and exec errors come back
// through the shared plan. Kept apart so no caller's variables live across vfork.
__attribute__((noinline)) pid_t vfork_child(SpawnPlan* plan) {
    const pid_t pid = ::vfork();
    if (pid == 0) become_child(*plan);
    return pid;
}

// MSG_NOSIGNAL does not apply to pipes: SIGPIPE is blocked for this thread while writing.
ssize_t write_without_sigpipe(int fd, const char* data, size_t size) {
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    const ssize_t n = ::write(fd, data, size);
    const int error = errno;
    if (n < 0 && error == EPIPE) {
        struct timespec zero = {0, 0};
        sigtimedwait(&block, nullptr, &zero);  // discard the pending SIGPIPE
    }
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    errno = error;
    return n;
}

std::string describe_signal(int sig) { return "killed by signal " + std::to_string(sig) + " (" + strsignal(sig) + ")"; }

std::string describe_exit(const siginfo_t& info) {
    if (info.si_code == CLD_EXITED) return "exited with status " + std::to_string(info.si_status);
    if (info.si_code == CLD_KILLED || info.si_code == CLD_DUMPED) return describe_signal(info.si_status);
    return "ended";
}

std::string describe_status(int status) {
    if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return describe_signal(WTERMSIG(status));
    return "ended";
}

std::chrono::milliseconds time_left(Subprocess::Clock::time_point deadline) {
    return std::chrono::ceil<std::chrono::milliseconds>(deadline - Subprocess::Clock::now());
}
}  // namespace

Subprocess::Clock::time_point deadline_after(std::chrono::milliseconds timeout) {
    using Clock = Subprocess::Clock;
    const auto now = Clock::now();
    const auto room = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::time_point::max() - now);
    return timeout >= room ? Clock::time_point::max() : now + timeout;
}

Subprocess::Subprocess(std::vector<std::string> argv) : m_argv(std::move(argv)) {
    if (m_argv.empty() || m_argv[0].empty()) throw Error("external program: no command given");
    spawn();
    set_non_blocking(m_stdin);
    set_non_blocking(m_stdout);
    set_non_blocking(m_stderr);
}

void Subprocess::spawn() {
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0)
        throw Error("external program '" + m_argv[0] + "': cannot create pipes: " + std::strerror(errno));
    SpawnPlan plan;
    for (auto& a : m_argv) plan.args.push_back(a.data());
    plan.args.push_back(nullptr);
    plan.stdin_fd = in_pipe[0];
    plan.stdout_fd = out_pipe[1];
    plan.stderr_fd = err_pipe[1];
    plan.parent = ::getpid();
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &plan.parent_mask);  // no handler may run in the child before exec
    m_pid = vfork_child(&plan);
    const int spawn_errno = m_pid < 0 ? errno : plan.exec_errno;
    pthread_sigmask(SIG_SETMASK, &plan.parent_mask, nullptr);
    ::close(in_pipe[0]);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    m_stdin = in_pipe[1];
    m_stdout = out_pipe[0];
    m_stderr = err_pipe[0];
    if (spawn_errno != 0) {
        if (m_pid > 0) ::waitpid(m_pid, nullptr, 0);
        close_fd(m_stdin);
        close_fd(m_stdout);
        close_fd(m_stderr);
        m_pid = -1;
        throw Error("external program '" + m_argv[0] + "' cannot be started: " + std::strerror(spawn_errno));
    }
}

Subprocess::~Subprocess() {
    close_fd(m_stdin);
    if (m_pid > 0 && !m_reaped) {
        wait_for_exit(kEndOnItsOwn);
        terminate();
    }
    close_fd(m_stdout);
    close_fd(m_stderr);
}

Subprocess::IoStatus Subprocess::write_line(const std::string& line, Clock::time_point deadline,
                                            const CancelToken& cancel) {
    if (m_stdin < 0) return IoStatus::Closed;
    const std::string data = line + "\n";
    size_t written = 0;
    while (written < data.size()) {
        if (cancel.cancelled()) return IoStatus::Cancelled;
        const ssize_t n = write_without_sigpipe(m_stdin, data.data() + written, data.size() - written);
        if (n > 0) {
            written += static_cast<size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno != EAGAIN) {
            close_fd(m_stdin);
            return IoStatus::Closed;
        }
        const auto left = time_left(deadline);
        if (left.count() <= 0) return IoStatus::Timeout;
        pump(std::min(left, kPollSlice), true);
    }
    return IoStatus::Done;
}

Subprocess::IoStatus Subprocess::read_line(std::string& line, Clock::time_point deadline, const CancelToken& cancel) {
    while (true) {
        const size_t newline = m_stdout_buffer.find('\n');
        if (newline != std::string::npos) {
            line = m_stdout_buffer.substr(0, newline);
            m_stdout_buffer.erase(0, newline + 1);
            return IoStatus::Done;
        }
        if (m_stdout < 0 || m_stdout_buffer.size() > kMaxLineBytes) return IoStatus::Closed;
        if (cancel.cancelled()) return IoStatus::Cancelled;
        const auto left = time_left(deadline);
        if (left.count() <= 0) return IoStatus::Timeout;
        pump(std::min(left, kPollSlice), false);
    }
}

void Subprocess::pump(std::chrono::milliseconds wait, bool want_write) {
    pollfd fds[3];
    nfds_t count = 0;
    if (want_write && m_stdin >= 0) fds[count++] = {m_stdin, POLLOUT, 0};
    const nfds_t out_index = count;
    if (m_stdout >= 0) fds[count++] = {m_stdout, POLLIN, 0};
    if (m_stderr >= 0) fds[count++] = {m_stderr, POLLIN, 0};
    const int ready = ::poll(fds, count, static_cast<int>(wait.count()));  // EINTR: the caller loops
    if (ready > 0 && m_stdout >= 0 && (fds[out_index].revents & (POLLIN | POLLHUP | POLLERR))) read_stdout();
    drain_stderr();
}

void Subprocess::read_stdout() {
    char buffer[65536];
    const ssize_t n = ::read(m_stdout, buffer, sizeof buffer);
    if (n > 0)
        m_stdout_buffer.append(buffer, static_cast<size_t>(n));
    else if (n == 0 || (errno != EINTR && errno != EAGAIN))
        close_fd(m_stdout);
}

void Subprocess::drain_stderr() {
    if (m_stderr < 0) return;
    char buffer[4096];
    while (true) {
        const ssize_t n = ::read(m_stderr, buffer, sizeof buffer);
        if (n > 0) {
            m_stderr_buffer.append(buffer, static_cast<size_t>(n));
            if (m_stderr_buffer.size() > 2 * kStderrTailBytes)
                m_stderr_buffer.erase(0, m_stderr_buffer.size() - kStderrTailBytes);
            continue;
        }
        if (n == 0) close_fd(m_stderr);
        return;
    }
}

bool Subprocess::running() {
    if (m_pid <= 0 || m_reaped || !m_exit.empty()) return false;
    siginfo_t info;
    std::memset(&info, 0, sizeof info);
    // WNOWAIT: the ended child stays a zombie, so its pid (the group's id) cannot be reused before terminate().
    if (::waitid(P_PID, static_cast<id_t>(m_pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
        m_exit = "ended";  // reaped elsewhere (SIGCHLD ignored)
        return false;
    }
    if (info.si_pid != m_pid) return true;
    m_exit = describe_exit(info);
    return false;
}

bool Subprocess::wait_for_exit(std::chrono::milliseconds limit) {
    const auto deadline = Clock::now() + limit;
    while (running()) {
        if (Clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

void Subprocess::terminate(std::chrono::milliseconds grace) {
    if (m_pid <= 0 || m_reaped) return;
    close_fd(m_stdin);
    if (running()) {
        ::kill(-m_pid, SIGTERM);
        wait_for_exit(grace);
    }
    // Also every worker still in the group; the unreaped leader keeps the group id from being reused.
    ::kill(-m_pid, SIGKILL);
    int status = 0;
    pid_t reaped;
    do reaped = ::waitpid(m_pid, &status, 0);
    while (reaped < 0 && errno == EINTR);
    if (reaped == m_pid && m_exit.empty()) m_exit = describe_status(status);
    m_reaped = true;
    drain_stderr();
}

std::string Subprocess::exit_description() {
    if (running()) return "running";
    return m_exit.empty() ? "not started" : m_exit;
}

std::string Subprocess::stderr_tail() {
    drain_stderr();
    if (m_stderr_buffer.size() <= kStderrTailBytes) return m_stderr_buffer;
    return m_stderr_buffer.substr(m_stderr_buffer.size() - kStderrTailBytes);
}

}  // namespace milr
