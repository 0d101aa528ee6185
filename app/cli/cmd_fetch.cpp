// `milr fetch ORG/NAME`: a model from the Hugging Face Hub into the Hub's cache (resumable, checked, offline-aware).
#include "core/hub/hub_fetch.h"

#include <QCommandLineParser>
#include <QTextStream>

#include "app/cli/cli_support.h"
#include "app/cli/commands.h"
#include "app/cli/terminal_progress.h"
#include "core/hub/http_transfer.h"
#include "core/hub/hub_text.h"

namespace milr::cli {

int run_fetch(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Fetches a model from the Hugging Face Hub into the Hub's cache ($HF_HUB_CACHE, else "
        "~/.cache/huggingface/hub), in the layout the Hub's Python client writes, so that either finds what the other "
        "fetched. Resumes a broken download, checks every file against the Hub's SHA-256 (or git blob hash) before "
        "using it, and prints the snapshot folder, which --model of the other commands takes. Environment: HF_TOKEN "
        "(gated models), HF_ENDPOINT (a mirror), HF_HUB_OFFLINE=1 (use only what is cached).");
    add_help_option(parser);
    parser.addPositionalArgument("MODEL", "The model's Hub name, e.g. deepseek-ai/Janus-Pro-1B.");
    parser.addOption({"revision", "Branch, tag or commit to fetch.", "revision", "main"});
    parser.addOption(
        {"include", "Fetch only files matching this shell pattern (repeatable), e.g. \"*.json\".", "pattern"});
    parser.addOption({"cache", "Hub cache folder (default: $HF_HUB_CACHE or ~/.cache/huggingface/hub).", "folder"});
    parser.addOption({"retries", "Resumed attempts per file after a cut or stalled connection.", "count", "5"});
    add_progress_options(parser);
    if (const std::optional<int> status = parse_or_explain(parser, arguments)) return *status;
    if (parser.positionalArguments().size() != 1) {
        QTextStream(stderr)
            << "milr fetch: give exactly one model name, such as deepseek-ai/Janus-Pro-1B (see --help)\n";
        return kExitUsage;
    }
    try {
        const ProgressStyle progress_style = progress_style_from(parser);
        const long long retries = integer_option(parser, "retries");
        if (retries < 0 || retries > 100) throw UsageError("--retries must be between 0 and 100");
        HubRepoId repo;
        try {
            repo = HubRepoId::parse(parser.positionalArguments()[0].toStdString());
        } catch (const Error& e) {
            throw UsageError(e.what());
        }
        HubSettings settings = HubSettings::from_environment();
        if (parser.isSet("cache")) settings.cache = parser.value("cache").toStdString();
        FetchOptions options;
        options.revision = parser.value("revision").toStdString();
        for (const QString& pattern : parser.values("include")) options.include.push_back(pattern.toStdString());
        options.retries = static_cast<int>(retries);
        install_interrupt_handler();
        TerminalProgress progress(progress_style);
        const FetchResult result = fetch_hub_snapshot(settings, repo, options, [&](const FetchProgress& state) {
            if (interrupted()) return false;
            if (state.phase == "listing" || state.phase == "done") return true;
            std::string detail =
                state.file + " (" + std::to_string(state.file_index) + "/" + std::to_string(state.file_count) + ")";
            if (state.phase == "downloading" && state.bytes_per_second > 0) {
                detail += ", " + megabytes_text(static_cast<std::uint64_t>(state.bytes_per_second)) + "/s";
            } else if (state.phase != "downloading") {
                detail += ", " + state.phase;
            }
            progress.update(state.total > 0 ? static_cast<double>(state.done) / static_cast<double>(state.total) : 0.0,
                            "fetch " + repo.text(), detail);
            return true;
        });
        progress.finish();
        QTextStream err(stderr);
        if (!result.offline_reason.empty()) {
            err << "milr fetch: answered from the cache: " << QString::fromStdString(result.offline_reason) << "\n";
        } else {
            err << "milr fetch: " << QString::fromStdString(repo.text()) << " at "
                << QString::fromStdString(result.commit.substr(0, 12)) << ": " << result.files << " files, "
                << QString::fromStdString(megabytes_text(result.bytes)) << "; downloaded "
                << QString::fromStdString(megabytes_text(result.bytes_downloaded)) << " (" << result.files_downloaded
                << " files, " << QString::fromStdString(megabytes_text(result.bytes_resumed)) << " resumed), "
                << result.files_already_there << " already in the cache\n";
        }
        QTextStream(stdout) << QString::fromStdString(result.folder.string()) << "\n";
        return kExitOk;
    } catch (const std::exception& e) {
        return report_failure("fetch", e);
    }
}

}  // namespace milr::cli
