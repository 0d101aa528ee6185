// Option parsing, interrupt flag and failure reports shared by the `milr` subcommands.
#include "core/util/error.h"

#include "app/cli/cli_support.h"
#include "app/cli/commands.h"

#include <QTextStream>

#include <atomic>
#include <csignal>

#include <unistd.h>

namespace milr::cli {

namespace {
std::atomic<bool> g_interrupted{false};
const CancelToken g_interrupt_token;  // made before main; the handler only stores to its lock-free flag

void on_interrupt(int) {
    if (g_interrupted.exchange(true)) {
        static const char message[] = "\nmilr: interrupted again, exiting now\n";
        [[maybe_unused]] const ssize_t written = write(STDERR_FILENO, message, sizeof message - 1);
        _exit(kExitCancelled);
    }
    g_interrupt_token.cancel();
}
}  // namespace

std::optional<int> parse_or_explain(QCommandLineParser& parser, const QStringList& arguments) {
    if (!parser.parse(arguments)) {
        QTextStream(stderr) << arguments.value(0) << ": " << parser.errorText() << "\n"
                            << "Run '" << arguments.value(0) << " --help' for the options.\n";
        return kExitUsage;
    }
    if (parser.isSet("help")) {
        // Qt's first line names the program by its full path and without the command: "milr optimize" instead.
        QString help = parser.helpText();
        const qsizetype lineEnd = help.indexOf('\n');
        const qsizetype options = help.indexOf(" [options]");
        if (help.startsWith("Usage: ") && options > 0 && options < lineEnd) help.replace(7, options - 7, arguments.value(0));
        QTextStream(stdout) << help;
        return kExitOk;
    }
    return std::nullopt;
}

long long integer_option(const QCommandLineParser& parser, const QString& name) {
    bool ok = false;
    const long long value = parser.value(name).toLongLong(&ok);
    if (!ok) throw UsageError(("--" + name + " needs a whole number, not '" + parser.value(name) + "'").toStdString());
    return value;
}

double number_option(const QCommandLineParser& parser, const QString& name) {
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok) throw UsageError(("--" + name + " needs a number, not '" + parser.value(name) + "'").toStdString());
    return value;
}

void install_interrupt_handler() {
    g_interrupted.store(false);
    g_interrupt_token.reset();
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
}

bool interrupted() { return g_interrupted.load(); }

const CancelToken& interrupt_token() { return g_interrupt_token; }

int report_failure(const char* command, const std::exception& error) {
    QTextStream err(stderr);
    err << "\nmilr " << command << ": " << QString::fromUtf8(error.what()) << "\n";
    if (dynamic_cast<const milr::Cancelled*>(&error)) return kExitCancelled;
    if (dynamic_cast<const UsageError*>(&error)) return kExitUsage;
    return kExitFailure;
}

}  // namespace milr::cli
