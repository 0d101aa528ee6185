// The reward factory: judge with parsed or given metadata, external program, by name.
#include "core/session/reward_factory.h"

#include "core/reward/external_reward.h"
#include "core/reward/self/self_judgement.h"
#include "core/reward/shapes/shapes_reward.h"
#include "core/session/model_bundle.h"
#include "core/util/error.h"
#include "core/world/image_file.h"
#include "core/world/prompt_parser.h"

namespace milr {

namespace {
// The given metadata parsed, or null when the prompt is to be parsed instead.
nlohmann::json given_metadata(const RewardSpec& spec) {
    if (!spec.metadata_given) return nullptr;
    nlohmann::json metadata;
    try {
        metadata = nlohmann::json::parse(spec.metadata_json);
    } catch (const std::exception& e) {
        throw Error(std::string("the given prompt metadata is not valid JSON: ") + e.what());
    }
    if (!metadata.is_object()) throw Error("the given prompt metadata must be a JSON object");
    return metadata;
}

nlohmann::json judge_metadata(const RewardSpec& spec, const std::string& prompt) {
    if (nlohmann::json given = given_metadata(spec); !given.is_null()) {
        world::metadata_from_json(given, "the given metadata");  // validates, naming the bad field
        return given;
    }
    const world::PromptParse parse = world::parse_prompt(prompt);
    if (!parse.ok())
        throw Error("the GenEval-Shapes judge cannot score this prompt: " + parse.message +
                    " (give its GenEval metadata, or use another reward)");
    return world::metadata_to_json(*parse.metadata);
}

std::unique_ptr<Reward> self_judgement(const ModelBundle* model) {
    if (!model || !model->model) throw Error("the self-judgement reward needs the run's model");
    return std::make_unique<SelfJudgementReward>(model->model, model->tokenizer);
}
}  // namespace

BuiltReward make_reward(const RewardSpec& spec, const std::string& prompt, const ModelBundle* model) {
    BuiltReward built;
    switch (spec.kind) {
        case RewardKind::judge:
        case RewardKind::judge_binary: {
            built.metadata = judge_metadata(spec, prompt);
            const auto scoring =
                spec.kind == RewardKind::judge ? ShapesJudgeReward::Scoring::dense : ShapesJudgeReward::Scoring::binary;
            built.reward = std::make_unique<ShapesJudgeReward>(scoring, world::metadata_from_json(built.metadata));
            return built;
        }
        case RewardKind::self:
            built.metadata = given_metadata(spec);
            built.reward = self_judgement(model);
            return built;
        case RewardKind::judge_plus_self: {
            if (!(spec.self_weight >= 0.0 && spec.self_weight <= 1.0))
                throw Error("the self-judgement weight must lie in [0, 1], not " + std::to_string(spec.self_weight));
            built.metadata = judge_metadata(spec, prompt);
            auto sum = std::make_unique<WeightedSumReward>();
            sum->add(std::make_shared<ShapesJudgeReward>(ShapesJudgeReward::Scoring::dense,
                                                         world::metadata_from_json(built.metadata)),
                     1.0 - spec.self_weight);
            sum->add(self_judgement(model), spec.self_weight);
            built.reward = std::move(sum);
            return built;
        }
        case RewardKind::external: {
            ExternalRewardOptions options;
            options.argv = split_command_line(spec.command_line);
            if (options.argv.empty())
                throw Error("the external reward needs a command: fill in the reward's command line");
            options.timeout = external_reward_timeout_from_seconds(spec.timeout_s, "the reward timeout");
            options.write_image = [](const RgbImage& image, const std::filesystem::path& path) {
                world::write_image(path.string(), image);
            };
            built.metadata = given_metadata(spec);
            built.reward = std::make_unique<ExternalReward>(options);
            return built;
        }
    }
    throw Error("unknown reward kind " + std::to_string(static_cast<int>(spec.kind)));
}

std::vector<std::string> split_command_line(const std::string& line) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    char quote = 0;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote) {
            if (c == quote)
                quote = 0;
            else if (c == '\\' && quote == '"' && i + 1 < line.size())
                word += line[++i];
            else
                word += c;
        } else if (c == '\'' || c == '"') {
            quote = c;
            in_word = true;
        } else if (c == '\\' && i + 1 < line.size()) {
            word += line[++i];
            in_word = true;
        } else if (c == ' ' || c == '\t' || c == '\n') {
            if (in_word) words.push_back(word);
            word.clear();
            in_word = false;
        } else {
            word += c;
            in_word = true;
        }
    }
    if (quote) throw Error("unclosed quote in the command: " + line);
    if (in_word) words.push_back(word);
    return words;
}

}  // namespace milr
