// Digests of downloaded files with OpenSSL's libcrypto: SHA-256 (large files) and git's blob SHA-1 (small files).
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace milr {

// Called with the bytes hashed so far; return false to stop (the digest then throws milr::Cancelled).
using DigestProgress = std::function<bool(std::uint64_t bytes_done)>;

enum class DigestKind {
    sha256,         // of the file's bytes: the Hub's ETag of a large (LFS) file
    git_blob_sha1,  // SHA-1 of "blob <size>\0" + the bytes: the Hub's ETag of a small file
};

// Lowercase hexadecimal digest of a file; errors name the file.
std::string file_digest(const std::filesystem::path& path, DigestKind kind, const DigestProgress& progress = {});
// Lowercase hexadecimal SHA-256 of bytes in memory.
std::string sha256_hex(const std::string& bytes);

}  // namespace milr
