// A child process started with posix_spawnp (no shell), line I/O over pipes with poll() timeouts.
#include "core/util/subprocess.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "core/util/error.h"

extern char** environ;

namespace milr {

namespace {
constexpr size_t kStderrTailBytes = 4096;

void close_fd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}
}  // namespace

Subprocess::Subprocess(std::vector<std::string> argv) : m_argv(std::move(argv)) {
    if (m_argv.empty() || m_argv[0].empty()) throw Error("external program: no command given");
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0)
        throw Error("external program '" + m_argv[0] + "': cannot create pipes: " + std::strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in_pipe[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
    std::vector<char*> args;
    for (auto& a : m_argv) args.push_back(a.data());
    args.push_back(nullptr);
    const int rc = ::posix_spawnp(&m_pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(in_pipe[0]);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    m_stdin = in_pipe[1];
    m_stdout = out_pipe[0];
    m_stderr = err_pipe[0];
    if (rc != 0) {
        close_fd(m_stdin);
        close_fd(m_stdout);
        close_fd(m_stderr);
        m_pid = -1;
        throw Error("external program '" + m_argv[0] + "' cannot be started: " + std::strerror(rc));
    }
    ::fcntl(m_stderr, F_SETFL, ::fcntl(m_stderr, F_GETFL) | O_NONBLOCK);
}

Subprocess::~Subprocess() {
    close_fd(m_stdin);
    if (m_pid > 0 && !m_reaped) {
        for (int i = 0; i < 20 && running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        kill_now();
    }
    close_fd(m_stdout);
    close_fd(m_stderr);
}

bool Subprocess::write_line(const std::string& line) {
    if (m_stdin < 0) return false;
    std::string data = line + "\n";
    size_t written = 0;
    while (written < data.size()) {
        // MSG_NOSIGNAL does not apply to pipes: block SIGPIPE for this thread while writing.
        sigset_t block, old;
        sigemptyset(&block);
        sigaddset(&block, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &block, &old);
        const ssize_t n = ::write(m_stdin, data.data() + written, data.size() - written);
        const int error = errno;
        if (n < 0 && error == EPIPE) {
            struct timespec zero = {0, 0};
            sigtimedwait(&block, nullptr, &zero);  // discard the pending SIGPIPE
        }
        pthread_sigmask(SIG_SETMASK, &old, nullptr);
        if (n < 0) {
            if (error == EINTR) continue;
            close_fd(m_stdin);
            return false;
        }
        written += static_cast<size_t>(n);
    }
    return true;
}

Subprocess::ReadStatus Subprocess::read_line(std::string& line, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        const size_t newline = m_stdout_buffer.find('\n');
        if (newline != std::string::npos) {
            line = m_stdout_buffer.substr(0, newline);
            m_stdout_buffer.erase(0, newline + 1);
            return ReadStatus::Line;
        }
        if (m_stdout < 0) return ReadStatus::Closed;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return ReadStatus::Timeout;
        pollfd fds[2] = {{m_stdout, POLLIN, 0}, {m_stderr, POLLIN, 0}};
        const int ready = ::poll(fds, m_stderr >= 0 ? 2 : 1, static_cast<int>(std::min<int64_t>(left.count(), 100)));
        if (ready < 0 && errno != EINTR) return ReadStatus::Closed;
        drain_stderr();
        if (ready > 0 && (fds[0].revents & (POLLIN | POLLHUP | POLLERR))) {
            char buffer[4096];
            const ssize_t n = ::read(m_stdout, buffer, sizeof buffer);
            if (n > 0) {
                m_stdout_buffer.append(buffer, static_cast<size_t>(n));
                if (m_stdout_buffer.size() > (16u << 20)) return ReadStatus::Closed;  // no line in 16 MiB: garbage
            } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
                close_fd(m_stdout);
            }
        }
    }
}

void Subprocess::drain_stderr() {
    if (m_stderr < 0) return;
    char buffer[4096];
    while (true) {
        const ssize_t n = ::read(m_stderr, buffer, sizeof buffer);
        if (n > 0) {
            m_stderr_buffer.append(buffer, static_cast<size_t>(n));
            if (m_stderr_buffer.size() > 2 * kStderrTailBytes) m_stderr_buffer.erase(0, m_stderr_buffer.size() - kStderrTailBytes);
            continue;
        }
        if (n == 0) close_fd(m_stderr);
        return;
    }
}

bool Subprocess::running() {
    if (m_pid <= 0 || m_reaped) return false;
    const pid_t r = ::waitpid(m_pid, &m_status, WNOHANG);
    if (r == m_pid) {
        m_reaped = true;
        return false;
    }
    return r == 0;
}

void Subprocess::kill_now() {
    if (m_pid > 0 && !m_reaped) {
        ::kill(m_pid, SIGKILL);
        if (::waitpid(m_pid, &m_status, 0) == m_pid) m_reaped = true;
    }
}

std::string Subprocess::exit_description() {
    if (running()) return "running";
    if (!m_reaped) return "not started";
    if (WIFEXITED(m_status)) return "exited with status " + std::to_string(WEXITSTATUS(m_status));
    if (WIFSIGNALED(m_status)) return std::string("killed by signal ") + std::to_string(WTERMSIG(m_status)) + " (" + strsignal(WTERMSIG(m_status)) + ")";
    return "ended";
}

std::string Subprocess::stderr_tail() {
    drain_stderr();
    if (m_stderr_buffer.size() <= kStderrTailBytes) return m_stderr_buffer;
    return m_stderr_buffer.substr(m_stderr_buffer.size() - kStderrTailBytes);
}

}  // namespace milr
