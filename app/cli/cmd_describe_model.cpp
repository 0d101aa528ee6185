// `milr describe-model FOLDER`: layout, dimensions, parameters, bytes and memory estimates, without loading.
#include "core/model/describe.h"
#include "core/session/memory_fit.h"

#include <QCommandLineParser>
#include <QTextStream>

#include "app/cli/cli_support.h"
#include "app/cli/commands.h"

namespace milr::cli {

int run_describe_model(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Describes a model folder (Hugging Face snapshot of Janus-Pro, or the embedded model) without allocating its "
        "weights: layout, dimensions, parameters per module, bytes per dtype, memory per device.");
    add_help_option(parser);
    parser.addPositionalArgument("FOLDER", "Model folder with config.json (weights optional).");
    if (const std::optional<int> status = parse_or_explain(parser, arguments)) return *status;
    if (parser.positionalArguments().size() != 1) {
        QTextStream(stderr) << "milr describe-model: give exactly one folder (see --help)\n";
        return kExitUsage;
    }
    try {
        const ModelDescription description = describe_model(parser.positionalArguments()[0].toStdString());
        QTextStream out(stdout);
        out << QString::fromStdString(description.text());
        // What a MILR run needs with the program itself, beside what is free now (the check before every load).
        out << "a run needs (with the program, latents and Adam state):\n";
        for (const char* precision : {"fp32", "bf16"}) {
            const MemoryFit fit = memory_fit(description, "cpu", precision);
            out << "  " << QString::fromStdString(fit.target) << ": " << fit.needed() << " bytes ("
                << QString::fromStdString(gigabytes_text(fit.needed())) << "), "
                << (fit.available < 0 ? QStringLiteral("free memory unknown")
                                      : QString::fromStdString(gigabytes_text(fit.available) + " free: ") +
                            (fit.fits() ? QStringLiteral("fits") : QStringLiteral("does not fit")))
                << "\n";
        }
        return kExitOk;
    } catch (const std::exception& e) {
        return report_failure("describe-model", e);
    }
}

}  // namespace milr::cli
