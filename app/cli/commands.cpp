// The table of `milr` subcommands.
#include "app/cli/commands.h"

namespace milr::cli {

namespace {
const Command kCommands[] = {
    {"judge", "judge a folder of images in GenEval's layout with the GenEval-Shapes judge", run_judge},
};
}  // namespace

const Command* commands() { return kCommands; }
int command_count() { return static_cast<int>(sizeof(kCommands) / sizeof(kCommands[0])); }

}  // namespace milr::cli
