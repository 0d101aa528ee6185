// What a file from elsewhere (an exported PNG, a trajectory) may change in the studio: its run parameters are taken
// as they are; a reward program or a model folder it names is only offered, for the user to confirm.
#pragma once
#include <QString>

#include "widgets/run_settings.h"

namespace milr {

struct RunMetadata;

struct CarriedRun {
    // The current settings with the file's run parameters: prompt, mode, λt, λv, learning rate, steps, seed, CFG,
    // temperature, preset, stop threshold, metadata, precision, and a built-in reward. The reward program, its
    // timeout, the model folder and the device stay as they are.
    RunDescription parameters;
    // The reward program the file names, in full, when it differs from the one chosen now ("" when none).
    QString externalCommand;
    double externalTimeoutSeconds = 0;
    // The model folder the file names, when it differs from the one chosen now ("" when none): as written in the
    // file, and resolved to an absolute, canonical path ("" when no such folder exists on this machine).
    QString modelFolderAsWritten;
    QString modelFolderResolved;

    bool offersCommand() const { return !externalCommand.isEmpty(); }
    bool offersModelFolder() const { return !modelFolderAsWritten.isEmpty(); }
};

// Splits a PNG's run metadata into the parameters to take and what to offer. `baseFolder` resolves a relative
// model folder (the PNG's own folder).
CarriedRun carried_run_of(const RunMetadata& metadata, const RunDescription& current, const QString& baseFolder);

// `offered` applied on top of `current`: the settings when the user accepts the offered reward program.
RunDescription with_external_command(const RunDescription& current, const CarriedRun& offered);

}  // namespace milr
