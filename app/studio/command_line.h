// milr-studio's command line: --model, --prompt, --mode, --steps, --run, --present, --quit-after-run,
// --startup-report, applied over stored settings.
#pragma once
#include <QCommandLineParser>
#include <QString>

#include "widgets/run_settings.h"

namespace milr {

struct StudioOptions {
    bool run = false;              // start the run at once
    bool present = false;          // start in presentation mode
    int quitAfterRunSeconds = -1;  // >= 0: print the outcome when the run ends and quit that many seconds later
    bool startupReport = false;    // print the start-up times once the window accepts a prompt, then quit
    QString getModel;              // not empty: open File > Get a model… with this Hub model chosen (not started)
};

// Adds the help, version and studio options to `parser`.
void add_studio_options(QCommandLineParser& parser);
// Applies the parsed options over `settings`; false with a message naming the option on a bad value
// (`settings` is then unchanged).
bool apply_studio_options(const QCommandLineParser& parser, RunDescription& settings, StudioOptions& options,
                          QString& error);

}  // namespace milr
