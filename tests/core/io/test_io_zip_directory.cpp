// The zip central directory reader: plain and ZIP64 archives give each entry's method and sizes; damaged
// end records and headers are errors that name the file.
#include <gtest/gtest.h>

#include "core/io/zip_directory.h"
#include "io_test_support.h"

using namespace milr;
using milr::test::error_of;
using milr::test::put_le;

namespace {

std::vector<ZipEntry> directory_of(const std::string& archive) {
    const ZipByteReader read = [&archive](uint64_t offset, char* out, size_t size) {
        archive.copy(out, size, static_cast<size_t>(offset));
    };
    return read_zip_directory(archive.size(), read, "archive.bin");
}

// One central directory header whose sizes are 0xffffffff, the real ones in the ZIP64 extra field, and the
// ZIP64 end record and locator before the classic end record (as writers do for entries over 4 GiB).
std::string zip64_archive(uint64_t compressed, uint64_t uncompressed) {
    const std::string name = "archive/data/0";
    std::string header;
    put_le(header, 0x02014b50, 4), put_le(header, 45, 2), put_le(header, 45, 2), put_le(header, 0, 2);
    put_le(header, 8, 2), put_le(header, 0, 4), put_le(header, 0, 4);
    put_le(header, 0xffffffff, 4), put_le(header, 0xffffffff, 4);
    put_le(header, name.size(), 2), put_le(header, 20, 2), put_le(header, 0, 2);
    put_le(header, 0, 2), put_le(header, 0, 2), put_le(header, 0, 4), put_le(header, 0, 4);
    header += name;
    put_le(header, 0x0001, 2), put_le(header, 16, 2), put_le(header, uncompressed, 8), put_le(header, compressed, 8);
    std::string archive(100, '\0');  // stands for the entry's data
    const uint64_t directory_offset = archive.size();
    archive += header;
    const uint64_t zip64_end_offset = archive.size();
    put_le(archive, 0x06064b50, 4), put_le(archive, 44, 8), put_le(archive, 45, 2), put_le(archive, 45, 2);
    put_le(archive, 0, 4), put_le(archive, 0, 4), put_le(archive, 1, 8), put_le(archive, 1, 8);
    put_le(archive, header.size(), 8), put_le(archive, directory_offset, 8);
    put_le(archive, 0x07064b50, 4), put_le(archive, 0, 4), put_le(archive, zip64_end_offset, 8), put_le(archive, 1, 4);
    put_le(archive, 0x06054b50, 4), put_le(archive, 0, 4), put_le(archive, 0xffff, 2), put_le(archive, 0xffff, 2);
    put_le(archive, 0xffffffff, 4), put_le(archive, 0xffffffff, 4), put_le(archive, 0, 2);
    return archive;
}

}  // namespace

TEST(ZipDirectory, PlainAndZip64SizesAreRead) {
    const auto plain = directory_of(milr::test::zip_bytes({{"a/data.pkl", "pickle"}, {"a/version", "3\n"}}));
    ASSERT_EQ(plain.size(), 2u);
    EXPECT_EQ(plain[0].name, "a/data.pkl");
    EXPECT_EQ(plain[0].method, 0);
    EXPECT_EQ(plain[0].uncompressed_size, 6u);
    EXPECT_EQ(plain[1].compressed_size, 2u);
    const auto zip64 = directory_of(zip64_archive(5000000000u, 7000000000u));
    ASSERT_EQ(zip64.size(), 1u);
    EXPECT_EQ(zip64[0].name, "archive/data/0");
    EXPECT_EQ(zip64[0].method, 8);
    EXPECT_EQ(zip64[0].compressed_size, 5000000000u);
    EXPECT_EQ(zip64[0].uncompressed_size, 7000000000u);
}

TEST(ZipDirectory, DamagedDirectoriesAreErrorsNamingTheFile) {
    const std::string good = milr::test::zip_bytes({{"a/data.pkl", "pickle"}});
    for (size_t cut : {size_t{0}, size_t{10}, good.size() - 30, good.size() - 1}) {
        SCOPED_TRACE(cut);
        EXPECT_CONTAINS(error_of([&] { directory_of(good.substr(0, cut)); }), "archive.bin");
    }
    std::string far = good;  // the directory offset points past the end
    far[far.size() - 6] = '\x7f';
    EXPECT_CONTAINS(error_of([&] { directory_of(far); }), "past the end");
    std::string many = good;  // 65000 entries claimed in one header's bytes
    many[many.size() - 12] = '\xe8', many[many.size() - 11] = '\xfd';
    EXPECT_CONTAINS(error_of([&] { directory_of(many); }), "declares 65000 entries");
    const std::string zip64 = zip64_archive(1, 1);
    std::string no_locator = zip64;
    no_locator[no_locator.size() - 42] = 'x';
    EXPECT_CONTAINS(error_of([&] { directory_of(no_locator); }), "locator");
}
