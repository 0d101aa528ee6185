// UTF-8 helpers for the tokenizers: code point iteration, validity, lossy repair, Python-style strip.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace milr {

// Length in bytes of the well-formed UTF-8 sequence starting at `pos`, or 0 if the bytes there are not one
// (truncated, overlong, surrogate, above U+10FFFF, or a stray continuation byte).
size_t utf8_sequence_length(std::string_view text, size_t pos);

// Byte offset of the first malformed sequence, or std::string_view::npos when the whole text is valid UTF-8.
size_t utf8_first_invalid(std::string_view text);

bool is_valid_utf8(std::string_view text);

// Valid UTF-8 with every malformed sequence replaced by U+FFFD, one per maximal invalid subpart (as Rust's
// String::from_utf8_lossy and Python's errors="replace" do).
std::string utf8_lossy(std::string_view bytes);

// Length of the longest prefix of `bytes` that could still be completed into valid UTF-8 by appending bytes:
// everything up to an unfinished final sequence. Used to attribute a character split over byte tokens.
size_t utf8_complete_prefix(std::string_view bytes);

// Encodes one code point (must be <= U+10FFFF and not a surrogate).
std::string utf8_encode(char32_t code_point);

// Decodes the valid sequence at `pos` (caller guarantees validity) and advances `pos` past it.
char32_t utf8_next(std::string_view text, size_t& pos);

// Python's str.isspace() for one code point: the Unicode whitespace set Python's str.strip() removes.
bool is_python_space(char32_t code_point);

// Python's str.strip() without arguments, on UTF-8 text (invalid bytes are kept as they are).
std::string python_strip(std::string_view text);

}  // namespace milr
