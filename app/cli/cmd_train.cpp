// `milr train`: trains the embedded model (tokenizer, VQ codec, language model) from the GenEval-Shapes world.
#include "core/train/embedded_model.h"
#include "core/util/threads.h"

#include <QCommandLineParser>
#include <QTextStream>

#include "app/cli/cli_support.h"
#include "app/cli/commands.h"
#include "app/cli/terminal_progress.h"

namespace milr::cli {

int run_train(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Trains the embedded model from the GenEval-Shapes world: a sentencepiece tokenizer, the VQ image codec and "
        "the Janus-architecture language model. Every stage resumes from its files in the work folder.");
    add_help_option(parser);
    parser.addOptions({
        {"out", "Model folder to write.", "dir", "resources/embedded-model"},
        {"work", "Folder for the stages' files and checkpoints.", "dir", "resources/embedded-model-work"},
        {"seed", "Seed of the whole run.", "n", "1"},
        {"examples", "Training scenes.", "n", "60000"},
        {"vocab", "Tokenizer vocabulary size.", "n", "600"},
        {"hidden", "Hidden size of the language model.", "n", "256"},
        {"layers", "Decoder layers.", "n", "4"},
        {"heads", "Attention heads.", "n", "4"},
        {"intermediate", "MLP width.", "n", "704"},
        {"steps", "Language-model optimiser steps.", "n", "6000"},
        {"minutes", "Stop language-model training after this many minutes (0 = no limit).", "m", "0"},
        {"batch", "Batch size of the language model.", "n", "32"},
        {"lr", "Peak learning rate of the language model.", "x", "0.002"},
        {"vq-minutes", "Minutes of codec training when no codec is in the work folder.", "m", "10"},
        {"vq-steps", "Codec optimiser steps when no codec is in the work folder (overrides --vq-minutes).", "n", "0"},
        {"vq-decoder-steps",
         "Steps of the decoder fine-tune after codec training (sharper edges on the same codes; 0 = "
         "none).",
         "n", "600"},
        {"vq-edge-weight", "Weight of the edge loss in the decoder fine-tune.", "x", "1"},
        {"no-bf16", "Train in fp32 (no bf16 autocast)."},
        {"threads", "libtorch threads (default: all cores).", "n", "0"},
    });
    add_progress_options(parser);
    if (const std::optional<int> status = parse_or_explain(parser, arguments)) return *status;
    try {
        if (!parser.positionalArguments().isEmpty())
            throw UsageError("takes no arguments, only options (given: '" +
                             parser.positionalArguments().join("' '").toStdString() + "')");
        const ProgressStyle progress_style = progress_style_from(parser);
        const long long threads = integer_option(parser, "threads");
        if (threads < 0) throw UsageError("--threads needs 0 (all cores) or more");
        configure_torch_threads(static_cast<int>(threads));
        EmbeddedModelOptions options;
        options.output = parser.value("out").toStdString();
        options.work = parser.value("work").toStdString();
        options.seed = integer_option(parser, "seed");
        options.examples = integer_option(parser, "examples");
        options.tokenizer_vocab = static_cast<int>(integer_option(parser, "vocab"));
        options.hidden_size = integer_option(parser, "hidden");
        options.layers = integer_option(parser, "layers");
        options.heads = integer_option(parser, "heads");
        options.intermediate_size = integer_option(parser, "intermediate");
        options.lm.steps = integer_option(parser, "steps");
        options.lm.max_minutes = number_option(parser, "minutes");
        options.lm.batch_size = integer_option(parser, "batch");
        options.lm.learning_rate = number_option(parser, "lr");
        options.lm.bf16_autocast = !parser.isSet("no-bf16");
        options.vq.max_minutes = number_option(parser, "vq-minutes");
        options.vq.steps = integer_option(parser, "vq-steps");
        options.vq_decoder.steps = integer_option(parser, "vq-decoder-steps");
        options.vq_decoder.edge_weight = number_option(parser, "vq-edge-weight");
        options.vq.bf16_autocast = options.vq_decoder.bf16_autocast = options.lm.bf16_autocast;
        TerminalProgress progress(progress_style);
        options.progress = [&](double fraction, const std::string& text) {
            // "codec: step 3/100 ...": the stage is the phase, the rest its detail.
            const size_t colon = text.find(": ");
            progress.update(fraction, text.substr(0, colon), colon == std::string::npos ? "" : text.substr(colon + 2));
            return !interrupted();
        };
        install_interrupt_handler();
        options.cancel = interrupt_token();
        const EmbeddedModelReport report = train_embedded_model(options);
        progress.finish();
        QTextStream out(stdout);
        out << "model written to " << QString::fromStdString(options.output.string()) << "\n"
            << "language-model parameters: " << report.parameters << "\n"
            << "tokenizer " << format_duration(report.tokenizer_seconds).c_str() << ", codec "
            << format_duration(report.codec_seconds).c_str() << ", decoder fine-tune "
            << format_duration(report.decoder_seconds).c_str() << ", data "
            << format_duration(report.data_seconds).c_str() << ", language model "
            << format_duration(report.lm_seconds).c_str() << " (" << report.lm.steps_done << " steps, text loss "
            << report.lm.last_text_loss << ", image loss " << report.lm.last_image_loss << ")\n";
        return kExitOk;
    } catch (const std::exception& e) {
        return report_failure("train", e);
    }
}

}  // namespace milr::cli
