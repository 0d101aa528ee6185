// Option parsing, interrupt flag and failure reports shared by the `milr` subcommands.
#include "core/session/memory_fit.h"
#include "core/util/error.h"

#include "app/cli/cli_support.h"
#include "app/cli/commands.h"

#include <QRegularExpression>
#include <QTextStream>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <vector>

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

void add_help_option(QCommandLineParser& parser) { parser.addOption({{"h", "help"}, "Shows this help."}); }

namespace {
// The entry of one option in Qt's help text: the lines it spans and the column its description starts at.
struct HelpEntry {
    qsizetype first = 0, last = 0;
    qsizetype column = 0;
    QString name;  // the long name, else the short one
};

std::vector<HelpEntry> option_entries(const QStringList& lines) {
    std::vector<HelpEntry> entries;
    static const QRegularExpression names(R"(^  (-[^ ]*(?: [^ ]+)*)( {2,}|$))");
    static const QRegularExpression long_name(R"(--([A-Za-z0-9][A-Za-z0-9-]*))");
    static const QRegularExpression short_name(R"(^-([A-Za-z0-9])\b)");
    bool in_options = false;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString& line = lines[i];
        if (line == "Options:") {
            in_options = true;
            continue;
        }
        if (!in_options) continue;
        if (line.trimmed().isEmpty()) break;
        const QRegularExpressionMatch match = names.match(line);
        if (match.hasMatch()) {
            HelpEntry entry;
            entry.first = entry.last = i;
            entry.column = match.capturedEnd(2) < line.size() ? match.capturedEnd(2) : 0;
            const QString text = match.captured(1);
            const QRegularExpressionMatch long_match = long_name.match(text);
            const QRegularExpressionMatch short_match = short_name.match(text);
            entry.name = long_match.hasMatch() ? long_match.captured(1) : short_match.captured(1);
            entries.push_back(entry);
        } else if (!entries.empty()) {
            HelpEntry& entry = entries.back();
            entry.last = i;
            if (entry.column == 0) entry.column = line.size() - QString(line).remove(QRegularExpression("^ +")).size();
        }
    }
    return entries;
}

// The text in lines of at most `width` characters, broken between words.
QStringList wrapped(const QString& text, qsizetype width) {
    QStringList lines;
    QString line;
    for (const QString& word : text.split(' ', Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > width) {
            lines << line;
            line.clear();
        }
        line += (line.isEmpty() ? "" : " ") + word;
    }
    if (!line.isEmpty() || lines.isEmpty()) lines << line;
    return lines;
}
}  // namespace

QString help_text(QCommandLineParser& parser, const QString& program) {
    QString help = parser.helpText();
    // Qt's first line names the program by its full path and without the command: "milr optimize" instead.
    const qsizetype line_end = help.indexOf('\n');
    const qsizetype options = help.indexOf(" [options]");
    if (help.startsWith("Usage: ") && options > 0 && options < line_end) help.replace(7, options - 7, program);

    // Qt does not print defaults: each option with one gets "(default: ...)" at the end of its description,
    // unless the description already speaks of its default. With no arguments, every value is the default.
    parser.parse(QStringList{program});
    constexpr qsizetype kWidth = 79;  // Qt's line width in the help
    QStringList lines = help.split('\n');
    // Qt prints the command's description as one line: wrapped like the options.
    for (qsizetype i = 1; i < lines.size() && lines[i] != "Options:"; ++i) {
        if (lines[i].size() <= kWidth) continue;
        const QStringList wrapped_lines = wrapped(lines[i], kWidth);
        lines.remove(i);
        for (qsizetype k = 0; k < wrapped_lines.size(); ++k) lines.insert(i + k, wrapped_lines[k]);
        i += wrapped_lines.size() - 1;
    }
    const std::vector<HelpEntry> entries = option_entries(lines);
    for (auto entry = entries.rbegin(); entry != entries.rend(); ++entry) {
        if (entry->name.isEmpty()) continue;
        const QStringList defaults = parser.values(entry->name);
        if (defaults.isEmpty() || defaults.join("").isEmpty()) continue;
        QString description;
        for (qsizetype i = entry->first; i <= entry->last; ++i) description += lines[i];
        if (description.contains("default", Qt::CaseInsensitive)) continue;
        const QString suffix = "(default: " + defaults.join(", ") + ")";
        QString& last = lines[entry->last];
        if (last.size() + 1 + suffix.size() <= kWidth && last.size() > entry->column)
            last += " " + suffix;
        else
            lines.insert(entry->last + 1, QString(entry->column, ' ') + suffix);
    }
    return lines.join('\n');
}

std::optional<int> parse_or_explain(QCommandLineParser& parser, const QStringList& arguments) {
    const QString program = arguments.value(0);
    if (arguments.contains("--help-all")) {
        QTextStream(stderr) << program
                            << ": --help-all is not an option of milr (Qt's own options do not apply to it).\n"
                            << "Run '" << program << " --help' for the options.\n";
        return kExitUsage;
    }
    if (!parser.parse(arguments)) {
        QTextStream(stderr) << program << ": " << parser.errorText() << "\n"
                            << "Run '" << program << " --help' for the options.\n";
        return kExitUsage;
    }
    if (parser.isSet("help")) {
        QTextStream(stdout) << help_text(parser, program);
        return kExitOk;
    }
    return std::nullopt;
}

void add_progress_options(QCommandLineParser& parser) {
    parser.addOptions({
        {"quiet", "Show no progress (results and errors are still printed)."},
        {"progress",
         "How progress is shown on stderr: auto (a bar on a terminal, a few lines otherwise), plain (a "
         "line per phase), json (one JSON object a line: progress, step and done events) or none.",
         "style", "auto"},
    });
}

ProgressStyle progress_style_from(const QCommandLineParser& parser) {
    const QString name = parser.value("progress");
    const std::optional<ProgressStyle> style = progress_style_from_name(name.toStdString());
    if (!style)
        throw UsageError("--progress: unknown style '" + name.toStdString() + "' (use auto, plain, json or none)");
    if (parser.isSet("quiet")) {
        if (parser.isSet("progress") && *style != ProgressStyle::none)
            throw UsageError("--quiet and --progress " + name.toStdString() + " contradict each other; give one");
        return ProgressStyle::none;
    }
    return *style;
}

void check_output_folder(const QCommandLineParser& parser, const QString& option) {
    const std::filesystem::path folder = parser.value(option).toStdString();
    if (std::filesystem::exists(folder) && !std::filesystem::is_directory(folder))
        throw UsageError(("--" + option).toStdString() + ": " + folder.string() + " is a file, not a folder");
}

void check_output_file(const QCommandLineParser& parser, const QString& option) {
    const std::filesystem::path file = parser.value(option).toStdString();
    const std::filesystem::path folder = file.parent_path();
    if (std::filesystem::is_directory(file))
        throw UsageError(("--" + option).toStdString() + ": " + file.string() + " is a folder, not a file name");
    if (!folder.empty() && !std::filesystem::is_directory(folder))
        throw UsageError(("--" + option).toStdString() + ": no folder " + folder.string() + " to write " +
                         file.filename().string() + " into");
}

std::string prompt_from(const QCommandLineParser& parser) {
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        throw UsageError("give one prompt, in quotes (" + std::to_string(positional.size()) + " arguments given: '" +
                         positional.join("' '").toStdString() + "')");
    if (positional.size() == 1 && parser.isSet("prompt"))
        throw UsageError("give the prompt once: as the argument or with --prompt, not both");
    if (positional.size() == 1) return positional.front().toStdString();
    if (parser.isSet("prompt")) return parser.value("prompt").toStdString();
    throw UsageError("no prompt: give it as the argument (in quotes) or with --prompt");
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
    const std::string allocation = allocation_failure_message(error);
    err << "\nmilr " << command << ": " << QString::fromStdString(allocation.empty() ? error.what() : allocation)
        << "\n";
    if (dynamic_cast<const milr::Cancelled*>(&error)) return kExitCancelled;
    if (dynamic_cast<const UsageError*>(&error)) return kExitUsage;
    return kExitFailure;
}

}  // namespace milr::cli
