// `milr bench`: methods x prompts in GenEval's layout, resumable and shardable, judged per method.
#include "core/io/atomic_file.h"
#include "core/session/bench.h"
#include "core/session/bench_curve.h"
#include "core/session/bench_method.h"
#include "core/util/threads.h"

#include <QCommandLineParser>
#include <QTextStream>

#include "app/cli/cli_support.h"
#include "app/cli/commands.h"
#include "app/cli/run_options.h"
#include "app/cli/terminal_progress.h"

namespace milr::cli {

namespace {
constexpr int kMethodColumn = 21;  // the longest method name and a space

void print_table(QTextStream& out, const std::vector<BenchMethodResult>& results) {
    if (results.empty()) return;
    std::vector<std::string> tags;
    for (const auto& r : results)
        for (const auto& t : r.evaluation.summary.tags)
            if (std::find(tags.begin(), tags.end(), t.tag) == tags.end()) tags.push_back(t.tag);
    out << QString("method").leftJustified(kMethodColumn) << QString("overall").rightJustified(8);
    for (const auto& tag : tags) out << QString::fromStdString(tag).rightJustified(15);
    out << QString("rewards/prompt").rightJustified(16) << "\n";
    for (const auto& r : results) {
        out << QString::fromStdString(r.method).leftJustified(kMethodColumn)
            << QString::number(r.evaluation.summary.overall, 'f', 3).rightJustified(8);
        for (const auto& tag : tags) {
            QString cell = "-";
            for (const auto& t : r.evaluation.summary.tags)
                if (t.tag == tag) cell = QString::number(t.accuracy(), 'f', 3);
            out << cell.rightJustified(15);
        }
        out << QString::number(r.mean_reward_calls, 'f', 1).rightJustified(16) << "\n";
    }
}
// Scores against the step budget of every optimising method (from the trajectories), printed and written to
// OUT/scores-by-budget.json.
void report_budgets(QTextStream& out, const BenchOptions& options, const std::vector<int>& budgets) {
    nlohmann::ordered_json all;
    out << "\noverall score with a budget of k steps (from the trajectories):\n"
        << QString("method").leftJustified(kMethodColumn);
    for (int k : budgets) out << QString("k=%1").arg(k).rightJustified(8);
    out << "\n";
    for (const std::string& method : options.methods) {
        if (bench_method(method).generates_only || !std::filesystem::is_directory(options.out / method)) continue;
        const std::vector<BudgetScore> scores = scores_by_budget(options.out / method, budgets);
        all[method] = budget_scores_to_json(scores);
        out << QString::fromStdString(method).leftJustified(kMethodColumn);
        for (const BudgetScore& s : scores) out << QString::number(s.summary.overall, 'f', 3).rightJustified(8);
        out << "\n";
    }
    write_file_atomic(options.out / "scores-by-budget.json", all.dump(2) + "\n");
}

std::vector<int> parse_budgets(const QString& text) {
    std::vector<int> budgets;
    for (const QString& part : text.split(',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const int k = part.trimmed().toInt(&ok);
        if (!ok || k < 0) throw UsageError("--budgets: '" + part.toStdString() + "' is not a step count");
        budgets.push_back(k);
    }
    return budgets;
}

// The --methods list, checked before anything loads: known methods, each once.
std::vector<std::string> parse_methods(const QString& text) {
    const std::string valid = "use " + bench_method_names();
    std::vector<std::string> methods;
    for (const QString& part : text.split(',', Qt::SkipEmptyParts)) {
        const std::string method = part.trimmed().toStdString();
        if (!is_bench_method(method)) throw UsageError("--methods: unknown method '" + method + "' (" + valid + ")");
        if (std::find(methods.begin(), methods.end(), method) != methods.end())
            throw UsageError("--methods: '" + method + "' is listed twice");
        methods.push_back(method);
    }
    if (methods.empty()) throw UsageError("--methods: no method given (" + valid + ")");
    return methods;
}

}  // namespace

int run_bench(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Runs methods (base, text, image, both, best-of-n, the estimators and controls: see --methods) on a prompt set "
        "in GenEval's jsonl format and writes "
        "OUT/<method>/NNNNN/{metadata.jsonl,samples/0000.png,trajectory/} with results.jsonl and the summary per "
        "method. Finished prompts are skipped when run again with the same settings (OUT/bench-manifest.json; other "
        "settings are refused); --shard i/n takes every n-th prompt. One process at a time per OUT (OUT/bench.lock).");
    add_help_option(parser);
    parser.addOption({"prompts", "GenEval-format jsonl (default: the held-out GenEval-Shapes set).", "file"});
    parser.addOption({"out", "Output folder.", "dir", "milr-bench"});
    parser.addOption({"methods",
                      QString::fromStdString("Comma-separated methods: " + bench_method_names() +
                                             " (--list-methods says what each is)."),
                      "list", "base,text,image,both,best-of-n"});
    parser.addOption({"list-methods", "Print every method with what it runs, and exit."});
    parser.addOption({"shard", "Run shard i of n (i/n).", "i/n", "0/1"});
    parser.addOption({"per-tag", "Keep only the first N prompts of each tag (0 = all).", "n", "0"});
    parser.addOption({"limit",
                      "Run only the first N prompts selected (after --per-tag and --shard); the rest of the "
                      "prompt file is not read (0 = all).",
                      "n", "0"});
    parser.addOption({"budgets",
                      "Also report the score each method would have had with k steps, for each k of the "
                      "comma-separated list (e.g. 1,2,4,8,16), from the trajectories.",
                      "list"});
    add_model_options(parser);
    add_run_options(parser);
    add_reward_options(parser);
    add_progress_options(parser);
    if (const std::optional<int> status = parse_or_explain(parser, arguments)) return *status;
    try {
        // Every option is checked before the model loads.
        if (!parser.positionalArguments().isEmpty())
            throw UsageError("takes no arguments, only options (given: '" +
                             parser.positionalArguments().join("' '").toStdString() + "')");
        if (parser.isSet("list-methods")) {
            QTextStream out(stdout);
            for (const BenchMethod& method : bench_methods())
                out << QString::fromUtf8(method.name).leftJustified(kMethodColumn) << method.description << "\n";
            return 0;
        }
        const ProgressStyle progress_style = progress_style_from(parser);
        BenchOptions options;
        options.methods = parse_methods(parser.value("methods"));
        options.run = run_options_from(parser);
        try {
            MilrOptions checked = options.run;
            checked.prompt = "each prompt of the set";  // the prompts come from the file
            checked.validate();
        } catch (const Error& e) {
            throw UsageError(e.what());
        }
        options.reward = reward_spec_from(parser);
        if (parser.isSet("prompts")) {
            options.prompts = parser.value("prompts").toStdString();
            if (!std::filesystem::is_regular_file(options.prompts))
                throw UsageError("--prompts: " + options.prompts.string() +
                                 (std::filesystem::exists(options.prompts) ? " is not a file" : ": no such file"));
        } else {
            options.prompts = find_resource("geneval-shapes/evaluation_metadata.jsonl");
        }
        check_output_folder(parser, "out");
        options.out = parser.value("out").toStdString();
        try {
            std::tie(options.shard_index, options.shard_count) = parse_shard(parser.value("shard").toStdString());
        } catch (const std::exception& e) {
            throw UsageError(e.what());
        }
        options.per_tag_limit = static_cast<int>(integer_option(parser, "per-tag"));
        options.prompt_limit = static_cast<int>(integer_option(parser, "limit"));
        if (options.prompt_limit < 0) throw UsageError("--limit needs 0 or more prompts");
        const std::vector<int> budgets =
            parser.isSet("budgets") ? parse_budgets(parser.value("budgets")) : std::vector<int>{};
        configure_torch_threads();
        install_interrupt_handler();
        options.cancel = interrupt_token();
        ModelBundle bundle = load_model_from_options(parser);
        TerminalProgress progress(progress_style);
        options.progress = [&](const BenchProgress& p) {
            const std::string step =
                p.step_phase.empty() ? "" : " (" + p.step_phase + ", step " + std::to_string(p.step) + ")";
            progress.update(
                p.total ? (p.done + p.prompt_fraction) / p.total : 1.0, "bench",
                p.method + ": " + std::to_string(p.done) + "/" + std::to_string(p.total) + " " + p.phase + step);
        };
        options.step = [&](const std::string& method, const std::string& folder, const StepRecord& record) {
            progress.step(record.step, record.reward, record.passed, {{"method", method}, {"prompt", folder}});
        };
        options.failure = [&](const BenchFailure& failure) {
            progress.suspend();
            if (progress.json())
                progress.event("failure",
                               {{"method", failure.method},
                                {"line", std::to_string(failure.line_number)},
                                {"prompt", failure.folder},
                                {"text", failure.prompt},
                                {"cause", failure.cause}});
            else
                QTextStream(stderr) << "milr bench: failed: " << QString::fromStdString(failure.to_text()) << "\n";
        };
        // options.cancel is the CLI's interrupt token: Ctrl+C or SIGTERM stops the prompt that runs within a token.
        const std::vector<BenchMethodResult> results = milr::run_bench(bundle, options);
        progress.finish();
        QTextStream out(stdout);
        bool failed = false;
        for (const auto& r : results) {
            out << r.method.c_str() << ": " << r.ran << " run, " << r.resumed << " already done, " << r.failures.size()
                << " failed" << (r.failures.empty() ? "" : " (listed above)") << ", "
                << format_duration(r.seconds).c_str() << "; summary in "
                << QString::fromStdString(r.evaluation.summary_path) << "\n";
            if (r.descriptions > 0)
                out << "  reasoning well-formed " << r.well_formed_descriptions << "/" << r.descriptions
                    << ", image follows its reasoning (objects, colours, counts, places) "
                    << r.images_following_description << "/" << r.descriptions << "\n";
            failed = failed || !r.failures.empty();
        }
        print_table(out, results);
        if (!budgets.empty()) report_budgets(out, options, budgets);
        return failed ? kExitFailure : kExitOk;
    } catch (const std::exception& e) {
        return report_failure("bench", e);
    }
}

}  // namespace milr::cli
