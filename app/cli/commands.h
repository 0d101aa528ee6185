// The `milr` command-line tool's subcommands: each lives in its own cmd_*.cpp and parses its own options.
#pragma once
#include <QStringList>

namespace milr::cli {

// Exit codes a script can rely on.
enum ExitCode : int {
    kExitOk = 0,
    kExitFailure = 1,    // the command ran and failed (bad file, engine error, reward failure)
    kExitUsage = 2,      // bad command line
    kExitCancelled = 3,  // interrupted (Ctrl+C) after saving what was done
};

// Each takes the arguments after the subcommand name, with argv[0] replaced by "milr <command>".
int run_describe_model(const QStringList& arguments);
int run_fetch(const QStringList& arguments);
int run_models(const QStringList& arguments);
int run_judge(const QStringList& arguments);
int run_bench(const QStringList& arguments);
int run_generate(const QStringList& arguments);
int run_optimize(const QStringList& arguments);
int run_train(const QStringList& arguments);

struct Command {
    const char* name;
    const char* summary;
    int (*run)(const QStringList& arguments);
};

// All subcommands, in the order `milr --help` lists them.
const Command* commands();
int command_count();

}  // namespace milr::cli
