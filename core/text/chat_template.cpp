// Chat template formatting and the MILR think / image prompts.
#include "core/text/chat_template.h"

#include "core/text/utf8.h"
#include "core/util/error.h"

namespace milr {

ChatTemplate ChatTemplate::janus_pro() { return ChatTemplate{}; }

ChatTemplate ChatTemplate::plain_roles() {
    ChatTemplate chat;
    chat.user_role = "User";
    chat.assistant_role = "Assistant";
    return chat;
}

std::string format_conversation(const ChatTemplate& chat, const std::vector<ChatTurn>& turns) {
    std::string out = chat.system_prompt.empty() ? std::string() : chat.system_prompt + chat.sep;
    for (size_t i = 0; i < turns.size(); ++i) {
        const std::string& role = turns[i].role == ChatRole::User ? chat.user_role : chat.assistant_role;
        const std::string content = python_strip(turns[i].content);
        if (content.empty()) {
            out += role + ":";
        } else {
            out += role + ": " + content + (i % 2 == 0 ? chat.sep : chat.sep2);
        }
    }
    return python_strip(out);
}

std::string single_turn_prompt(const ChatTemplate& chat, const std::string& message) {
    return format_conversation(chat, {{ChatRole::User, message}, {ChatRole::Assistant, ""}});
}

std::string think_system_prompt() {
    return "You are an assistant that receives the prompt of an image and writes a visualisation of the scene it "
           "describes.";
}

std::string think_instruction(const std::string& prompt) {
    return "Visualise every element of this image prompt in a brief, precise description: \"" + python_strip(prompt) +
        "\". Include every object the prompt names. Give the colour, number, shape and texture of each object "
        "wherever the prompt states them, and describe the relations between the objects, such as where they are "
        "placed relative to each other. Use fewer than 50 words. Add nothing the prompt does not state and leave "
        "out no object. Write only the visualisation itself, with no explanation.";
}

std::string think_prompt_text(const std::string& prompt, const ChatTemplate& chat) {
    ChatTemplate with_system = chat;
    with_system.system_prompt = think_system_prompt();
    return single_turn_prompt(with_system, think_instruction(prompt));
}

std::vector<int64_t> think_prompt_ids(const Tokenizer& tokenizer, const std::string& prompt, const ChatTemplate& chat) {
    return tokenizer.encode(think_prompt_text(prompt, chat), true);
}

std::string image_prompt_text(const std::string& content, const ChatTemplate& chat) {
    return single_turn_prompt(chat, content);
}

std::vector<int64_t> image_prompt_ids(const Tokenizer& tokenizer, const std::string& content,
                                      const ChatTemplate& chat) {
    std::vector<int64_t> ids = tokenizer.encode(image_prompt_text(content, chat), true);
    ids.push_back(tokenizer.require_token_id(janus_tokens::kBeginOfImage));
    return ids;
}

std::vector<int64_t> unconditional_row(const std::vector<int64_t>& cond_ids, const JanusSpecialTokens& special) {
    if (cond_ids.size() < 2 || cond_ids.front() != special.bos || cond_ids.back() != special.begin_of_image) {
        throw Error("unconditional_row: the conditional row (" + std::to_string(cond_ids.size()) +
                    " ids) must start with BOS (" + std::to_string(special.bos) + ") and end with <begin_of_image> (" +
                    std::to_string(special.begin_of_image) + ")");
    }
    std::vector<int64_t> row(cond_ids.size(), special.pad);
    row.front() = cond_ids.front();
    row.back() = cond_ids.back();
    return row;
}

}  // namespace milr
