// The deepseek chat template of Janus (roles, separators, system prompt) and the prompts MILR feeds the model.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/text/tokenizer.h"

namespace milr {

// SeparatorStyle.DeepSeek of the Janus conversation module: "{system}\n\n" (only when the system prompt is
// not empty), then each turn as "{role}: {content}" followed by `sep` after even-numbered turns and `sep2` after
// odd-numbered ones (so sep2 = EOS closes assistant turns); an empty message renders as "{role}:" and ends the
// prompt. Contents are stripped of surrounding whitespace and so is the whole prompt (Python str.strip()).
struct ChatTemplate {
    std::string system_prompt;
    std::string user_role = janus_tokens::kUser;
    std::string assistant_role = janus_tokens::kAssistant;
    std::string sep = "\n\n";
    std::string sep2 = janus_tokens::kEos;

    // Janus-Pro's roles "<|User|>" / "<|Assistant|>" (the reference text-to-image prompt, MILR's text mode).
    static ChatTemplate janus_pro();
    // The roles "User" / "Assistant" the MILR reference uses for its think and image prompts.
    static ChatTemplate plain_roles();
};

enum class ChatRole { User, Assistant };

struct ChatTurn {
    ChatRole role = ChatRole::User;
    std::string content;  // "" for the assistant turn the model is to write
};

std::string format_conversation(const ChatTemplate& chat, const std::vector<ChatTurn>& turns);

// One user message followed by an open assistant turn: "[system\n\n]{user}: {message}\n\n{assistant}:".
std::string single_turn_prompt(const ChatTemplate& chat, const std::string& message);

// --- MILR's think step (docs/design/milr-algorithm.md 1a) -----------------------------------------------------------------
// System prompt: the assistant turns an image prompt into a visualisation of it.
std::string think_system_prompt();
// The user message asking for a brief, exact visualisation of every element of `prompt`.
std::string think_instruction(const std::string& prompt);
// `chat` (normally plain_roles()) with the think system prompt, one user turn, open assistant turn.
std::string think_prompt_text(const std::string& prompt, const ChatTemplate& chat = ChatTemplate::plain_roles());
// Its ids with BOS first.
std::vector<int64_t> think_prompt_ids(const Tokenizer& tokenizer, const std::string& prompt,
                                      const ChatTemplate& chat = ChatTemplate::plain_roles());

// --- Image generation (docs/design/milr-algorithm.md 1b, docs/design/janus-pro.md 4) ----------------------------------------------------
// "{user}: {content}\n\n{assistant}:" (with `chat`'s system prompt, empty in both presets), without the tag.
std::string image_prompt_text(const std::string& content, const ChatTemplate& chat);
// BOS + ids of image_prompt_text + the id of "<begin_of_image>" (the conditional CFG row).
std::vector<int64_t> image_prompt_ids(const Tokenizer& tokenizer, const std::string& content, const ChatTemplate& chat);
// The unconditional CFG row of a conditional row: same length, first id (BOS) and last id (<begin_of_image>)
// kept, every position between them the pad id. The row must start with BOS and end with <begin_of_image>.
std::vector<int64_t> unconditional_row(const std::vector<int64_t>& cond_ids, const JanusSpecialTokens& special);

}  // namespace milr
