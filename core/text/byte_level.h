// The GPT-2 byte-to-unicode map of byte-level BPE: every byte has a printable stand-in character.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace milr {

// UTF-8 of the stand-in character of each byte (printable ASCII and Latin-1 map to themselves, the other 68
// bytes to U+0100..U+0143 in byte order, e.g. ' ' -> 'Ġ', '\n' -> 'Ċ').
const std::array<std::string, 256>& byte_level_alphabet();

// Each byte of `bytes` replaced by its stand-in (the form vocabulary entries have).
std::string byte_level_encode(std::string_view bytes);

// The bytes a vocabulary entry stands for, or nullopt when one of its characters is not a stand-in (then the
// token is taken literally, as the ByteLevel decoder does for added tokens such as "<｜end▁of▁sentence｜>").
std::optional<std::string> byte_level_decode(std::string_view token);

}  // namespace milr
