// Shared pieces of the `milr` subcommands: option parsing with clear usage errors, Ctrl+C, failure reports.
#pragma once
#include <QCommandLineParser>
#include <QStringList>

#include <exception>
#include <optional>
#include <stdexcept>
#include <string>

#include "app/cli/terminal_progress.h"
#include "core/util/cancel.h"

namespace milr::cli {

// A bad command line (exit code 2).
class UsageError : public std::runtime_error {
public:
    explicit UsageError(const std::string& message) : std::runtime_error(message) {}
};

// -h/--help, in place of QCommandLineParser::addHelpOption (whose --help-all lists Qt's own options, which
// milr does not take).
void add_help_option(QCommandLineParser& parser);
// Parses: nothing to go on; the exit status after printing --help (0) or the error (kExitUsage). The help
// names the program "milr <command>" and ends each option's description with its default, if it has one
// ("(default: 0.2)"); --help-all is refused, pointing to --help.
std::optional<int> parse_or_explain(QCommandLineParser& parser, const QStringList& arguments);
// The help text of a parsed parser: Qt's, with "milr <command>" as the program and the options' defaults.
// Parses the parser again with no arguments (to read the defaults); call it only to print the help.
QString help_text(QCommandLineParser& parser, const QString& program);

// --quiet and --progress auto|plain|json|none, of the commands that show progress.
void add_progress_options(QCommandLineParser& parser);
// The style these options ask for; throws UsageError naming a bad one.
ProgressStyle progress_style_from(const QCommandLineParser& parser);

// --out checked before anything loads: a folder to write into must not be a file (it is made if missing); a
// file to write must lie in a folder that exists. Throw UsageError naming the option.
void check_output_folder(const QCommandLineParser& parser, const QString& option);
void check_output_file(const QCommandLineParser& parser, const QString& option);

// The prompt of `milr generate` and `milr optimize`: the one positional argument, or --prompt; throws
// UsageError when there is none or more than one.
std::string prompt_from(const QCommandLineParser& parser);
// The option's value as a number; throws UsageError naming the option.
long long integer_option(const QCommandLineParser& parser, const QString& name);
double number_option(const QCommandLineParser& parser, const QString& name);

// Ctrl+C or SIGTERM cancels interrupt_token(), which long commands hand to the engine, the trainer and the
// benchmark (checked between tokens, prefill chunks and steps) to stop cleanly; a second one exits at once
// with kExitCancelled.
void install_interrupt_handler();
bool interrupted();
const CancelToken& interrupt_token();

// Prints "milr <command>: <message>" to stderr and returns the exit code that fits the exception.
int report_failure(const char* command, const std::exception& error);

}  // namespace milr::cli
