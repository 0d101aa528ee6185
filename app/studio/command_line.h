// milr-studio's command line: --model, --prompt, --mode, --steps, --run, --present, applied over stored settings.
#pragma once
#include <QCommandLineParser>
#include <QString>

#include "widgets/run_settings.h"

namespace milr {

struct StudioOptions {
    bool run = false;      // start the run at once
    bool present = false;  // start in presentation mode
};

// Adds the help, version and studio options to `parser`.
void add_studio_options(QCommandLineParser& parser);
// Applies the parsed options over `settings`; false with a message naming the option on a bad value
// (`settings` is then unchanged).
bool apply_studio_options(const QCommandLineParser& parser, RunSettings& settings, StudioOptions& options, QString& error);

}  // namespace milr
