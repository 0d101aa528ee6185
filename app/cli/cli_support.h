// Shared pieces of the `milr` subcommands: option parsing with clear usage errors, Ctrl+C, failure reports.
#pragma once
#include <QCommandLineParser>
#include <QStringList>

#include <exception>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/util/cancel.h"

namespace milr::cli {

// A bad command line (exit code 2).
class UsageError : public std::runtime_error {
public:
    explicit UsageError(const std::string& message) : std::runtime_error(message) {}
};

// Parses: nothing to go on; the exit status after printing --help (0) or the error (kExitUsage).
std::optional<int> parse_or_explain(QCommandLineParser& parser, const QStringList& arguments);
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
