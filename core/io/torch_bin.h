// The size checks of a torch.save zip archive, made on its central directory before anything is extracted.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/io/zip_directory.h"

namespace milr {

// torch.save stores entries uncompressed; deflated ones (an archive repacked by hand) are read as long as
// the whole archive unpacks to at most this many times the file's size.
constexpr uint64_t kMaxUnpackedRatio = 4;

// Refuses a torch.save archive (its central directory, `archive_size` bytes in all) before anything is
// extracted: an entry neither stored nor deflated, a stored entry whose sizes differ, a data.pkl over
// kMaxPickleBytes, or entries that unpack to more than kMaxUnpackedRatio times the archive's size (a zip
// bomb). Every error (milr::Error) names `source` and the limit.
void check_torch_archive(const std::vector<ZipEntry>& entries, uint64_t archive_size, const std::string& source);

}  // namespace milr
