// Positions a run needs against the model's context: think prompt + reasoning, and image prompt (+ reasoning
// when the mode draws from it) + image tokens.
#include "core/milr/engine/context_budget.h"

#include "core/util/error.h"

namespace milr {

ChatTemplate run_chat_template(const MilrOptions& options) {
    ChatTemplate chat = ChatTemplate::plain_roles();
    chat.user_role = options.user_role;
    chat.assistant_role = options.assistant_role;
    return chat;
}

ContextUse context_use(const Tokenizer& tokenizer, const MilrOptions& options, const JanusConfig& config) {
    const ChatTemplate chat = run_chat_template(options);
    ContextUse use;
    use.context = config.language.max_position_embeddings;
    use.reasoning = options.max_reasoning_tokens;
    use.reasoning_in_image_prompt = options.mode != MilrMode::image;
    use.image_tokens = config.image_tokens_per_image();
    use.think_prompt = static_cast<int64_t>(think_prompt_ids(tokenizer, options.prompt, chat).size());
    // The image prompt's content is "{prompt}. {reasoning}" except in image mode; the reasoning is counted apart.
    const std::string content = use.reasoning_in_image_prompt ? options.prompt + "." : options.prompt;
    use.image_prompt = static_cast<int64_t>(image_prompt_ids(tokenizer, content, chat).size());
    return use;
}

namespace {
std::string count(int64_t n, const char* what) { return std::to_string(n) + " " + what; }

[[noreturn]] void too_long(const ContextUse& use, const std::string& phase, int64_t needed, const std::string& parts) {
    throw Error("the prompt does not fit the model's context of " + count(use.context, "positions") + ": " + phase +
                " needs " + std::to_string(needed) + " (" + parts +
                "); shorten the prompt or lower the maximum reasoning tokens");
}
}  // namespace

void require_fits_context(const Tokenizer& tokenizer, const MilrOptions& options, const JanusConfig& config) {
    const ContextUse use = context_use(tokenizer, options, config);
    if (use.drawing() > use.context)
        too_long(use, "drawing", use.drawing(),
                 count(use.image_prompt, "image-prompt tokens") +
                     (use.reasoning_in_image_prompt ? " + up to " + count(use.reasoning, "reasoning tokens") : "") +
                     " + " + count(use.image_tokens, "image tokens"));
    if (use.thinking() > use.context)
        too_long(
            use, "thinking", use.thinking(),
            count(use.think_prompt, "think-prompt tokens") + " + up to " + count(use.reasoning, "reasoning tokens"));
}

void require_image_prompt_fits(int64_t image_prompt_tokens, const JanusConfig& config) {
    const int64_t context = config.language.max_position_embeddings;
    const int64_t needed = image_prompt_tokens + config.image_tokens_per_image();
    if (needed > context)
        throw Error("the image prompt does not fit the model's context of " + count(context, "positions") + ": " +
                    count(image_prompt_tokens, "image-prompt tokens") + " (the reasoning included) + " +
                    count(config.image_tokens_per_image(), "image tokens") + " = " + std::to_string(needed));
}

}  // namespace milr
