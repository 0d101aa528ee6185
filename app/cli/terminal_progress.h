// Progress of long CLI commands on stderr: a bar on a terminal, a few plain lines in logs, or JSON lines.
#pragma once
#include <chrono>
#include <cstdio>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

namespace milr::cli {

enum class ProgressStyle {
    automatic,  // a bar redrawn in place when the stream is a terminal, else as `plain`
    plain,      // a line when a phase starts, at most one a minute while it runs, and one when it ends
    json,       // one JSON object a line per event (progress, step, done)
    none,       // nothing
};

// "auto", "plain", "json", "none"; nullopt for anything else.
std::optional<ProgressStyle> progress_style_from_name(const std::string& name);

// Seconds left in a phase that started at `start_fraction` and is at `fraction` after `elapsed_seconds`: the
// phase's average rate so far, applied to what is left of it. nullopt before 5 % of the phase and 2 s have
// passed (an early estimate mostly measures the warm-up), or for values out of range.
std::optional<double> phase_eta_seconds(double start_fraction, double fraction, double elapsed_seconds);

class TerminalProgress {
public:
    explicit TerminalProgress(ProgressStyle style = ProgressStyle::automatic, std::FILE* stream = stderr);
    TerminalProgress(const TerminalProgress&) = delete;
    TerminalProgress& operator=(const TerminalProgress&) = delete;

    // `fraction` in [0, 1] of the phase `phase` (a short, stable name: "loading", "optimize", "codec"); a new
    // phase ends the previous one and restarts the time-left clock. `detail` says what happens now ("step 3:
    // drawing") and may change on every call.
    void update(double fraction, const std::string& phase, const std::string& detail = "");
    // A finished step and its reward (JSON style only: the commands print their step lines on stdout).
    // `context` adds fields such as the benchmark's method and prompt folder, as pairs of JSON keys and strings.
    void step(int step, std::optional<double> reward, bool passed,
              const std::initializer_list<std::pair<const char*, std::string>>& context = {});
    // Another event, such as a failure the command goes on after (JSON style only: the fields as strings).
    void event(const char* name, const std::initializer_list<std::pair<const char*, std::string>>& fields);
    bool json() const { return m_style == ProgressStyle::json; }
    // Clears the bar's line on a terminal, so that other output takes it; the next update draws the bar again.
    void suspend();
    // Ends the current phase: the bar's last state stays on its line; "PHASE: done in 12 s" in plain lines, a
    // "done" event in JSON.
    void finish();

private:
    using Clock = std::chrono::steady_clock;
    void end_phase(Clock::time_point now);
    void write_json_progress(double fraction, const std::string& detail, double elapsed, std::optional<double> eta);

    std::FILE* m_stream;
    ProgressStyle m_style;  // automatic resolved to plain when the stream is not a terminal
    std::string m_phase;
    bool m_in_phase = false;
    bool m_bar_drawn = false;
    double m_phase_start_fraction = 0.0;
    Clock::time_point m_phase_start, m_last_print;
    int m_last_percent = -1;
};

std::string format_duration(double seconds);  // "1 h 02 min", "3 min 05 s", "12 s"

}  // namespace milr::cli
