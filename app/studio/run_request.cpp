// The metatype registration of the worker's value types.
#include "app/studio/run_request.h"

namespace milr {

void register_engine_metatypes() {
    qRegisterMetaType<milr::StepRecord>("milr::StepRecord");
    qRegisterMetaType<milr::RunRequest>("milr::RunRequest");
    qRegisterMetaType<milr::RunOutcome>("milr::RunOutcome");
    qRegisterMetaType<milr::RunPhase>("milr::RunPhase");
}

}  // namespace milr
