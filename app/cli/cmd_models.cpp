// `milr models`: the Janus-family models on this machine (Hub cache, folders the studio opened), without loading them.
#include "core/session/model_catalog.h"

#include <QCommandLineParser>
#include <QSettings>
#include <QTextStream>

#include <nlohmann/json.hpp>

#include "app/cli/cli_support.h"
#include "app/cli/commands.h"
#include "core/hub/hub_cache.h"

namespace milr::cli {

namespace {
// The model folders MILR Studio remembers (File > Recent models), read from its settings.
std::vector<std::filesystem::path> studio_model_folders() {
    QSettings studio(QStringLiteral("MILR"), QStringLiteral("MILR Studio"));
    std::vector<std::filesystem::path> folders;
    for (const QString& folder : studio.value(QStringLiteral("recent/modelFolders")).toStringList()) {
        folders.emplace_back(folder.toStdString());
    }
    return folders;
}

std::string state_text(const KnownModel& model) {
    if (model.complete) return "complete";
    return std::string(model.download_in_progress ? "downloading or interrupted: " : "incomplete: ") + model.missing;
}

nlohmann::json model_json(const KnownModel& model) {
    return {{"name", model.name},
            {"source", model.source == KnownModel::Source::hub_cache ? "hub-cache" : "opened-before"},
            {"folder", model.folder.string()},
            {"commit", model.commit},
            {"refs", model.refs},
            {"bytes", model.bytes},
            {"complete", model.complete},
            {"missing", model.missing},
            {"layout", model.layout},
            {"precision", model.precision},
            {"parameters", model.parameters},
            {"understanding", model.has_understanding}};
}
}  // namespace

int run_models(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Lists the Janus-family models on this machine: every snapshot in the Hugging Face Hub cache (what `milr "
        "fetch` and the Hub's Python client downloaded) and the model folders MILR Studio opened before, with size, "
        "precision, layout and whether every file is there. Nothing is loaded.");
    add_help_option(parser);
    parser.addOption({"cache", "Hub cache folder (default: $HF_HUB_CACHE or ~/.cache/huggingface/hub).", "folder"});
    parser.addOption({"json", "One JSON object per model and line, for scripts."});
    if (const std::optional<int> status = parse_or_explain(parser, arguments)) return *status;
    if (!parser.positionalArguments().isEmpty()) {
        QTextStream(stderr) << "milr models: takes no arguments (see --help)\n";
        return kExitUsage;
    }
    try {
        const std::filesystem::path cache = parser.isSet("cache")
            ? std::filesystem::path(parser.value("cache").toStdString())
            : default_hub_cache_folder();
        const std::vector<KnownModel> models = find_known_models(cache, studio_model_folders());
        QTextStream out(stdout);
        if (parser.isSet("json")) {
            for (const KnownModel& model : models) out << QString::fromStdString(model_json(model).dump()) << "\n";
            return kExitOk;
        }
        if (models.empty()) {
            out << "No models in the Hub cache (" << QString::fromStdString(cache.string())
                << ") and none opened before. Fetch one with: milr fetch deepseek-ai/Janus-Pro-1B\n";
            return kExitOk;
        }
        for (const KnownModel& model : models) {
            out << QString::fromStdString(model.name);
            if (!model.refs.empty()) out << " (" << QString::fromStdString(model.refs.front()) << ")";
            out << "  " << QString::fromStdString(byte_size_text(model.bytes));
            if (!model.precision.empty()) out << "  " << QString::fromStdString(model.precision);
            if (!model.layout.empty()) out << "  " << QString::fromStdString(model.layout) << " layout";
            if (model.parameters > 0) out << "  " << QString::number(model.parameters / 1e6, 'f', 1) << " M parameters";
            if (model.has_understanding) out << "  sees";
            out << "  " << QString::fromStdString(state_text(model)) << "\n    "
                << QString::fromStdString(model.folder.string()) << "\n";
        }
        return kExitOk;
    } catch (const std::exception& e) {
        return report_failure("models", e);
    }
}

}  // namespace milr::cli
