// The MILR engine is wired here: load the model and run the optimiser on the worker thread (no Qt in this file;
// engine headers, which bring torch, go first).
#include "app/studio/engine_session.h"

#include "core/util/error.h"

namespace milr {
namespace {
const char* const kEngineMissing = "The MILR engine is not available in this build yet, so no run can start.";
}

bool EngineSession::available() { return false; }

void EngineSession::load_model(const EngineRunParameters&, const ProgressCallback&, const CancelToken&) {
    // Wire the engine's model loading here: the embedded model when model_folder is empty, otherwise the
    // checkpoint folder, on the device and precision asked for, reporting progress and honouring `cancel`.
    throw Error(kEngineMissing);
}

void EngineSession::run(const EngineRunParameters&, const EngineCallbacks&, const CancelToken&) {
    // Wire the engine's run here: think, draw, judge, then optimise for `steps` steps, calling on_record once per
    // step and on_progress between phases; the engine checks `cancel` between tokens.
    throw Error(kEngineMissing);
}

}  // namespace milr
