// The table of `milr` subcommands.
#include "app/cli/commands.h"

namespace milr::cli {

namespace {
const Command kCommands[] = {
    {"describe-model", "describe a model folder without loading it", run_describe_model},
    {"fetch", "fetch a model from the Hugging Face Hub into its cache", run_fetch},
    {"models", "list the models on this machine (Hub cache, folders opened before)", run_models},
    {"generate", "think and draw one image for a prompt", run_generate},
    {"optimize", "run MILR on a prompt and write its trajectory", run_optimize},
    {"bench", "benchmark methods on a prompt set in GenEval's layout", run_bench},
    {"judge", "judge a folder of images in GenEval's layout with the GenEval-Shapes judge", run_judge},
    {"train", "train the embedded model from the GenEval-Shapes world", run_train},
};
}  // namespace

const Command* commands() { return kCommands; }
int command_count() { return static_cast<int>(sizeof(kCommands) / sizeof(kCommands[0])); }

}  // namespace milr::cli
