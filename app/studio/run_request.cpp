// RunSettings -> EngineRunParameters, and the metatype registration of the worker's value types.
#include "app/studio/run_request.h"

namespace milr {

EngineRunParameters to_engine_parameters(const RunSettings& input, bool step_once) {
    const RunSettings s = input.clamped();
    EngineRunParameters p;
    p.prompt = s.prompt.toStdString();
    p.mode = to_string(s.mode).toStdString();
    p.lambda_t = s.lambdaT;
    p.lambda_v = s.lambdaV;
    p.learning_rate = s.learningRate;
    p.steps = s.steps;
    p.seed = s.seed;
    p.cfg_weight = s.cfgWeight;
    p.temperature = s.temperature;
    p.preset = to_string(s.preset).toStdString();
    p.stop_threshold = s.stopThreshold;
    p.reward = to_string(s.reward).toStdString();
    p.metadata_source = to_string(s.metadataSource).toStdString();
    p.metadata_json = s.metadataJson.toStdString();
    p.external_command = s.externalCommand.toStdString();
    p.external_timeout_s = s.externalTimeoutSeconds;
    p.model_folder = s.modelFolder.toStdString();
    p.device = s.device.toStdString();
    p.precision = s.precision.toStdString();
    p.step_once = step_once;
    return p;
}

void register_engine_metatypes() {
    qRegisterMetaType<milr::StepRecord>("milr::StepRecord");
    qRegisterMetaType<milr::RunRequest>("milr::RunRequest");
    qRegisterMetaType<milr::RunOutcome>("milr::RunOutcome");
}

}  // namespace milr
