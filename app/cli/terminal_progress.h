// A one-line terminal progress bar with an ETA, for long CLI commands (training, benchmarks, optimisation).
#pragma once
#include <chrono>
#include <cstdio>
#include <string>

namespace milr::cli {

class TerminalProgress {
public:
    explicit TerminalProgress(std::FILE* stream = stderr);
    // fraction in [0, 1] of the current phase; a new phase text restarts the ETA clock.
    void update(double fraction, const std::string& phase);
    void finish();

private:
    std::FILE* m_stream;
    bool m_interactive;
    std::string m_phase;
    std::chrono::steady_clock::time_point m_phase_start, m_last_print;
    int m_last_percent = -1;
};

std::string format_duration(double seconds);  // "1 h 02 min", "3 min 05 s", "12 s"

}  // namespace milr::cli
