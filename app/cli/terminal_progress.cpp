// Progress on stderr: a bar redrawn in place on a terminal, a few plain lines in logs, or one JSON object a line.
#include "app/cli/terminal_progress.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

#include <unistd.h>

namespace milr::cli {

namespace {
constexpr double kMinimumEtaFraction = 0.05;  // of the phase
constexpr double kMinimumEtaSeconds = 2.0;
constexpr double kPlainLineSeconds = 60.0;  // plain lines while a phase runs: at most one a minute
constexpr double kJsonLineSeconds = 1.0;    // JSON progress: on every whole percent, else at most once a second
constexpr double kBarRedrawSeconds = 0.1;

double seconds_between(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to) {
    return std::chrono::duration<double>(to - from).count();
}

// `value` to `decimals` places (the nearest double, so that JSON shows 0.1392, not 0.13920000000000002).
double rounded(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

void write_json_line(std::FILE* stream, const nlohmann::ordered_json& event) {
    const std::string line = event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::fprintf(stream, "%s\n", line.c_str());
    std::fflush(stream);
}
}  // namespace

std::optional<ProgressStyle> progress_style_from_name(const std::string& name) {
    if (name == "auto") return ProgressStyle::automatic;
    if (name == "plain") return ProgressStyle::plain;
    if (name == "json") return ProgressStyle::json;
    if (name == "none") return ProgressStyle::none;
    return std::nullopt;
}

std::optional<double> phase_eta_seconds(double start_fraction, double fraction, double elapsed_seconds) {
    if (!std::isfinite(start_fraction) || !std::isfinite(fraction) || !std::isfinite(elapsed_seconds))
        return std::nullopt;
    const double done = fraction - start_fraction;
    if (done < kMinimumEtaFraction * (1.0 - start_fraction) || elapsed_seconds < kMinimumEtaSeconds)
        return std::nullopt;
    if (fraction >= 1.0) return 0.0;
    return elapsed_seconds * (1.0 - fraction) / done;
}

TerminalProgress::TerminalProgress(ProgressStyle style, std::FILE* stream)
    : m_stream(stream), m_style(style), m_phase_start(Clock::now()), m_last_print(m_phase_start) {
    if (m_style == ProgressStyle::automatic)
        m_style = ::isatty(::fileno(stream)) != 0 ? ProgressStyle::automatic : ProgressStyle::plain;
}

std::string format_duration(double seconds) {
    char text[64];
    const long s = static_cast<long>(seconds + 0.5);
    if (s >= 3600)
        std::snprintf(text, sizeof text, "%ld h %02ld min", s / 3600, (s % 3600) / 60);
    else if (s >= 60)
        std::snprintf(text, sizeof text, "%ld min %02ld s", s / 60, s % 60);
    else
        std::snprintf(text, sizeof text, "%ld s", s);
    return text;
}

void TerminalProgress::update(double fraction, const std::string& phase, const std::string& detail) {
    if (m_style == ProgressStyle::none) return;
    if (!std::isfinite(fraction)) fraction = 0.0;
    fraction = std::clamp(fraction, 0.0, 1.0);
    const auto now = Clock::now();
    bool started = false;
    if (!m_in_phase || phase != m_phase) {
        if (m_in_phase) end_phase(now);
        m_phase = phase;
        m_in_phase = started = true;
        m_phase_start = now;
        m_phase_start_fraction = fraction < 1.0 ? fraction : 0.0;
        m_last_percent = -1;
    }
    const int percent = static_cast<int>(fraction * 100.0);
    const double since_print = seconds_between(m_last_print, now);
    const double elapsed = seconds_between(m_phase_start, now);
    const std::optional<double> eta = phase_eta_seconds(m_phase_start_fraction, fraction, elapsed);
    switch (m_style) {
        case ProgressStyle::none:
            return;
        case ProgressStyle::json:
            if (!started && percent == m_last_percent && since_print < kJsonLineSeconds) return;
            write_json_progress(fraction, detail, elapsed, eta);
            break;
        case ProgressStyle::plain: {
            if (!started && since_print < kPlainLineSeconds) return;
            std::string line = m_phase;
            if (!started)
                line += ": " + std::to_string(percent) + "%" + (eta ? ", " + format_duration(*eta) + " left" : "");
            if (!detail.empty()) line += ": " + detail;
            std::fprintf(m_stream, "%s\n", line.c_str());
            std::fflush(m_stream);
            break;
        }
        case ProgressStyle::automatic: {
            if (!started && since_print < kBarRedrawSeconds && percent == m_last_percent) return;
            const int width = 24;
            std::string bar(static_cast<size_t>(fraction * width), '#');
            bar.resize(width, '.');
            const std::string left = eta ? format_duration(*eta) + " left" : "-- left";
            std::fprintf(m_stream, "\r\033[K[%s] %3d%%  %s  %s%s%s", bar.c_str(), percent, left.c_str(),
                         m_phase.c_str(), detail.empty() ? "" : ": ", detail.c_str());
            std::fflush(m_stream);
            m_bar_drawn = true;
            break;
        }
    }
    m_last_print = now;
    m_last_percent = percent;
}

void TerminalProgress::write_json_progress(double fraction, const std::string& detail, double elapsed,
                                           std::optional<double> eta) {
    nlohmann::ordered_json event;
    event["event"] = "progress";
    event["phase"] = m_phase;
    event["detail"] = detail;
    event["fraction"] = rounded(fraction, 4);
    event["elapsed_s"] = rounded(elapsed, 2);
    event["eta_s"] = eta ? nlohmann::ordered_json(rounded(*eta, 1)) : nlohmann::ordered_json(nullptr);
    write_json_line(m_stream, event);
}

void TerminalProgress::step(int step, std::optional<double> reward, bool passed,
                            const std::initializer_list<std::pair<const char*, std::string>>& context) {
    if (m_style != ProgressStyle::json) return;
    nlohmann::ordered_json event;
    event["event"] = "step";
    for (const auto& [key, value] : context) event[key] = value;
    event["step"] = step;
    event["reward"] = reward ? nlohmann::ordered_json(*reward) : nlohmann::ordered_json(nullptr);
    event["passed"] = passed;
    write_json_line(m_stream, event);
}

void TerminalProgress::event(const char* name,
                             const std::initializer_list<std::pair<const char*, std::string>>& fields) {
    if (m_style != ProgressStyle::json) return;
    nlohmann::ordered_json event;
    event["event"] = name;
    for (const auto& [key, value] : fields) event[key] = value;
    write_json_line(m_stream, event);
}

void TerminalProgress::suspend() {
    if (!m_bar_drawn) return;
    std::fprintf(m_stream, "\r\033[K");  // the line is free for other output; the next update draws the bar again
    std::fflush(m_stream);
    m_bar_drawn = false;
}

void TerminalProgress::end_phase(Clock::time_point now) {
    const double elapsed = seconds_between(m_phase_start, now);
    if (m_style == ProgressStyle::plain) {
        std::fprintf(m_stream, "%s: done in %s\n", m_phase.c_str(), format_duration(elapsed).c_str());
    } else if (m_style == ProgressStyle::json) {
        nlohmann::ordered_json event;
        event["event"] = "done";
        event["phase"] = m_phase;
        event["elapsed_s"] = rounded(elapsed, 2);
        write_json_line(m_stream, event);
    }
    std::fflush(m_stream);
    m_in_phase = false;
}

void TerminalProgress::finish() {
    if (m_bar_drawn) {
        std::fprintf(m_stream, "\n");  // the finished bar stays on screen
        std::fflush(m_stream);
        m_bar_drawn = false;
    }
    if (m_in_phase) end_phase(Clock::now());
}

}  // namespace milr::cli
