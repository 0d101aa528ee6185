// Terminal progress bar: redrawn in place on a terminal, a line every few seconds in logs.
#include "app/cli/terminal_progress.h"

#include <unistd.h>

namespace milr::cli {

TerminalProgress::TerminalProgress(std::FILE* stream)
    : m_stream(stream), m_interactive(::isatty(::fileno(stream)) != 0),
      m_phase_start(std::chrono::steady_clock::now()), m_last_print(m_phase_start) {}

std::string format_duration(double seconds) {
    char text[64];
    const long s = static_cast<long>(seconds + 0.5);
    if (s >= 3600) std::snprintf(text, sizeof text, "%ld h %02ld min", s / 3600, (s % 3600) / 60);
    else if (s >= 60) std::snprintf(text, sizeof text, "%ld min %02ld s", s / 60, s % 60);
    else std::snprintf(text, sizeof text, "%ld s", s);
    return text;
}

void TerminalProgress::update(double fraction, const std::string& phase) {
    const auto now = std::chrono::steady_clock::now();
    // A phase is the text up to the first digit-bearing detail ("step 3/100 ..." keeps its phase).
    const std::string key = phase.substr(0, phase.find(':'));
    if (key != m_phase) {
        m_phase = key;
        m_phase_start = now;
        m_last_percent = -1;
    }
    const int percent = static_cast<int>(fraction * 100.0);
    const double since_print = std::chrono::duration<double>(now - m_last_print).count();
    if (!m_interactive && since_print < 5.0 && percent == m_last_percent) return;
    if (m_interactive && since_print < 0.1 && percent == m_last_percent) return;
    m_last_print = now;
    m_last_percent = percent;
    const double elapsed = std::chrono::duration<double>(now - m_phase_start).count();
    std::string eta = "--";
    if (fraction > 0.01) eta = format_duration(elapsed * (1.0 - fraction) / fraction);
    const int width = 24;
    const int filled = static_cast<int>(fraction * width);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(width, '.');
    std::fprintf(m_stream, "%s[%s] %3d%%  ETA %s  %s%s", m_interactive ? "\r\033[K" : "", bar.c_str(), percent, eta.c_str(),
                 phase.c_str(), m_interactive ? "" : "\n");
    std::fflush(m_stream);
}

void TerminalProgress::finish() {
    if (m_interactive) std::fprintf(m_stream, "\n");
    std::fflush(m_stream);
}

}  // namespace milr::cli
