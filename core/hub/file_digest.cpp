// File digests through OpenSSL's EVP interface (Debian's libcrypto; nothing hand-written but the blob header).
#include "core/hub/file_digest.h"

#include <openssl/evp.h>

#include <fstream>
#include <memory>
#include <vector>

#include "core/util/error.h"

namespace milr {

namespace {
using DigestContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

DigestContext start_digest(const EVP_MD* method) {
    DigestContext context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!context || EVP_DigestInit_ex(context.get(), method, nullptr) != 1)
        throw Error("OpenSSL: cannot start a digest");
    return context;
}

std::string finish_digest(EVP_MD_CTX* context) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(context, digest, &length) != 1) throw Error("OpenSSL: cannot finish a digest");
    static const char kHex[] = "0123456789abcdef";
    std::string text;
    for (unsigned int i = 0; i < length; ++i) {
        text += kHex[digest[i] >> 4];
        text += kHex[digest[i] & 15];
    }
    return text;
}
}  // namespace

std::string file_digest(const std::filesystem::path& path, DigestKind kind, const DigestProgress& progress) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot read " + path.string() + " to check its digest");
    std::error_code error;
    const std::uint64_t size = std::filesystem::file_size(path, error);
    if (error) throw Error("cannot read the size of " + path.string() + ": " + error.message());
    DigestContext context = start_digest(kind == DigestKind::sha256 ? EVP_sha256() : EVP_sha1());
    if (kind == DigestKind::git_blob_sha1) {
        const std::string header = "blob " + std::to_string(size) + std::string(1, '\0');
        EVP_DigestUpdate(context.get(), header.data(), header.size());
    }
    std::vector<char> buffer(1 << 20);
    std::uint64_t done = 0;
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const std::streamsize got = in.gcount();
        if (got <= 0) break;
        EVP_DigestUpdate(context.get(), buffer.data(), static_cast<size_t>(got));
        done += static_cast<std::uint64_t>(got);
        if (progress && !progress(done)) throw Cancelled("cancelled while checking " + path.filename().string());
    }
    if (in.bad() || done != size) throw Error("cannot read all of " + path.string() + " to check its digest");
    return finish_digest(context.get());
}

std::string sha256_hex(const std::string& bytes) {
    DigestContext context = start_digest(EVP_sha256());
    EVP_DigestUpdate(context.get(), bytes.data(), bytes.size());
    return finish_digest(context.get());
}

}  // namespace milr
