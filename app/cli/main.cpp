// Entry point of `milr`, the command-line twin of MILR Studio: dispatches to a subcommand.
#include "core/session/model_bundle.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstring>

#include "app/cli/commands.h"
#include "app/version.h"
#include "core/util/allocator.h"

using namespace milr::cli;

namespace {

void print_usage(QTextStream& out) {
    out << "Usage: milr <command> [options]\n\n"
        << "MILR Studio's command-line tool: test-time latent reasoning for text-to-image models.\n\n"
        << "Commands:\n";
    for (int i = 0; i < command_count(); ++i)
        out << "  " << QString(commands()[i].name).leftJustified(16) << commands()[i].summary << "\n";
    out << "\nRun 'milr <command> --help' for a command's options.\n";
    // The same guide the app's Help menu opens: installed beside the program, else in the source tree.
    try {
        out << "Documentation: " << QString::fromStdString(milr::find_documentation("user-guide.md").string()) << "\n";
    } catch (const std::exception&) {
        out << "Documentation: docs/user-guide.md in MILR Studio's sources\n";
    }
}

}  // namespace

int main(int argc, char** argv) {
    milr::keep_freed_memory_for_reuse();  // before the first tensor (see core/util/allocator.h)
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("milr");
    QCoreApplication::setOrganizationName("MILR Studio");
    QCoreApplication::setApplicationVersion(MILR_VERSION_STRING);
    QTextStream out(stdout);
    QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 2 || arguments[1] == "--help" || arguments[1] == "-h" || arguments[1] == "help") {
        print_usage(out);
        return arguments.size() < 2 ? kExitUsage : kExitOk;
    }
    if (arguments[1] == "--version" || arguments[1] == "-v") {
        out << "milr " << MILR_VERSION_STRING << "\n";
        return kExitOk;
    }
    const QString name = arguments[1];
    for (int i = 0; i < command_count(); ++i) {
        if (name == commands()[i].name) {
            QStringList rest = arguments.mid(1);
            rest[0] = "milr " + name;
            return commands()[i].run(rest);
        }
    }
    QTextStream err(stderr);
    err << "milr: unknown command '" << name << "'\n\n";
    print_usage(err);
    return kExitUsage;
}
