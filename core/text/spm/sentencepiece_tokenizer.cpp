// sentencepiece-backed tokenizer: atomic special pieces, piece-level decoding that matches token_text.
#include "core/text/spm/sentencepiece_tokenizer.h"

#include <sentencepiece_processor.h>

#include <cctype>
#include <exception>

#include "core/text/utf8.h"
#include "core/util/error.h"

namespace milr {

namespace {

const std::string kSpace = "\xE2\x96\x81";  // U+2581, sentencepiece's whitespace stand-in

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
        text.replace(pos, from.size(), to);
    }
    return text;
}

// sentencepiece reports most bad models with a status, but some (an empty piece in a unigram model reaches
// darts-clone's trie builder) throw instead; both become an Error naming the model.
template <class Load>
void load_or_throw(Load&& load, const std::string& source, const char* what) {
    sentencepiece::util::Status status;
    try {
        status = load();
    } catch (const std::exception& e) {
        throw Error(source + ": " + what + ": " + e.what());
    }
    if (!status.ok()) throw Error(source + ": " + what + ": " + status.ToString());
}

// A byte piece is spelled "<0xE4>"; anything else under the BYTE type is a broken model.
char byte_of_piece(const std::string& piece, const std::string& source) {
    const bool well_formed = piece.size() == 6 && piece.compare(0, 3, "<0x") == 0 && piece[5] == '>' &&
        std::isxdigit(static_cast<unsigned char>(piece[3])) && std::isxdigit(static_cast<unsigned char>(piece[4]));
    if (!well_formed) throw Error(source + ": byte piece \"" + piece + "\" is not of the form <0xXX>");
    return static_cast<char>(std::stoi(piece.substr(3, 2), nullptr, 16));
}

}  // namespace

SentencepieceTokenizer::SentencepieceTokenizer(std::string source)
    : m_source(std::move(source)), m_processor(std::make_unique<sentencepiece::SentencePieceProcessor>()) {}

SentencepieceTokenizer::~SentencepieceTokenizer() = default;

std::unique_ptr<SentencepieceTokenizer> SentencepieceTokenizer::load(const std::string& model_path) {
    std::unique_ptr<SentencepieceTokenizer> result(new SentencepieceTokenizer(model_path));
    load_or_throw([&] { return result->m_processor->Load(model_path); }, model_path, "cannot load sentencepiece model");
    result->init();
    return result;
}

std::unique_ptr<SentencepieceTokenizer> SentencepieceTokenizer::from_bytes(const std::string& model_bytes,
                                                                           const std::string& source) {
    std::unique_ptr<SentencepieceTokenizer> result(new SentencepieceTokenizer(source));
    load_or_throw([&] { return result->m_processor->LoadFromSerializedProto(model_bytes); }, source,
                  "not a sentencepiece model");
    result->init();
    return result;
}

void SentencepieceTokenizer::init() {
    // Only the public processor API is used (the ModelProto header is not installed by sentencepiece).
    m_vocab_size = m_processor->GetPieceSize();
    for (int id = 0; id < m_vocab_size; ++id) {
        if (m_processor->IsByte(id)) byte_of_piece(m_processor->IdToPiece(id), description());  // checked at load
        if (!m_processor->IsControl(id)) continue;  // user-defined pieces are matched by sentencepiece itself
        AddedToken token;
        token.content = m_processor->IdToPiece(id);
        token.id = id;
        token.special = true;
        m_atomic.add(token);
    }
    if (m_processor->bos_id() >= 0) m_bos = m_processor->bos_id();
    if (m_processor->eos_id() >= 0) m_eos = m_processor->eos_id();
    // A dummy prefix shows as a leading U+2581 on the first piece of any text.
    std::vector<std::string> pieces;
    m_dummy_prefix = m_processor->Encode("x", &pieces).ok() && !pieces.empty() && pieces[0].rfind(kSpace, 0) == 0;
    if (m_processor->unk_id() >= 0) m_unk_surface = m_processor->DecodeIds({m_processor->unk_id()});
}

void SentencepieceTokenizer::check_id(int64_t id) const {
    if (id < 0 || id >= m_vocab_size) {
        throw Error(description() + ": token id " + std::to_string(id) + " is not in the vocabulary (size " +
                    std::to_string(m_vocab_size) + ")");
    }
}

std::vector<int64_t> SentencepieceTokenizer::encode(const std::string& text, bool add_bos) const {
    const size_t bad = utf8_first_invalid(text);
    if (bad != std::string::npos) {
        throw Error(description() + ": text to encode is not valid UTF-8 at byte " + std::to_string(bad));
    }
    std::vector<int64_t> ids;
    if (add_bos) {
        if (!m_bos) throw Error(description() + ": BOS requested but the model defines none");
        ids.push_back(*m_bos);
    }
    std::vector<int> piece_ids;
    for (const TextSegment& segment : m_atomic.split(text)) {
        if (segment.id >= 0) {
            ids.push_back(segment.id);
            continue;
        }
        const auto status = m_processor->Encode(std::string(segment.text), &piece_ids);
        if (!status.ok()) throw Error(description() + ": encode failed: " + status.ToString());
        ids.insert(ids.end(), piece_ids.begin(), piece_ids.end());
    }
    return ids;
}

std::string SentencepieceTokenizer::token_text(int64_t id) const {
    check_id(id);
    const int piece_id = static_cast<int>(id);
    const std::string& piece = m_processor->IdToPiece(piece_id);
    if (m_processor->IsByte(piece_id)) return std::string(1, byte_of_piece(piece, description()));
    if (m_processor->IsControl(piece_id)) return piece;
    if (m_processor->IsUnknown(piece_id)) return m_unk_surface;
    return replace_all(piece, kSpace, " ");
}

std::string SentencepieceTokenizer::decode(const std::vector<int64_t>& ids, bool skip_special) const {
    std::string bytes;
    bool first_text = true;
    for (int64_t id : ids) {
        check_id(id);
        if (skip_special && is_special(id)) continue;
        std::string text = token_text(id);
        const bool plain = !m_processor->IsControl(static_cast<int>(id)) && !m_processor->IsByte(static_cast<int>(id));
        if (first_text && plain && m_dummy_prefix && !text.empty() && text[0] == ' ') text.erase(0, 1);
        if (!text.empty()) first_text = false;
        bytes += text;
    }
    return utf8_lossy(bytes);
}

std::optional<int64_t> SentencepieceTokenizer::token_id(const std::string& token) const {
    const int id = m_processor->PieceToId(token);
    if (id < 0 || id >= m_vocab_size || m_processor->IdToPiece(id) != token) return std::nullopt;
    return id;
}

bool SentencepieceTokenizer::is_special(int64_t id) const {
    check_id(id);
    return m_processor->IsControl(static_cast<int>(id)) || m_processor->IsUnknown(static_cast<int>(id));
}

}  // namespace milr
