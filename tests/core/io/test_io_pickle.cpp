// The restricted unpickler on hand-made pickles: containers work, anything that could run code is refused.
#include <gtest/gtest.h>

#include "core/io/pickle.h"
#include "io_test_support.h"

using namespace milr;
using milr::test::error_of;
using namespace std::string_literals;

namespace {

PickleTree unpickle(const std::string& bytes) { return unpickle_restricted(bytes, "test.pkl", nullptr); }

}  // namespace

TEST(Pickle, PlainContainersAndScalars) {
    // pickle.dumps({'a': [1, -2, 3.5, True, None], 'b': ('x', 300)}, protocol=2)
    const std::string bytes =
        "\x80\x02\x7d\x71\x00\x28\x58\x01\x00\x00\x00\x61\x71\x01\x5d\x71\x02\x28\x4b\x01\x4a\xfe\xff\xff"
        "\xff\x47\x40\x0c\x00\x00\x00\x00\x00\x00\x88\x4e\x65\x58\x01\x00\x00\x00\x62\x71\x03\x58\x01\x00"
        "\x00\x00\x78\x71\x04\x4d\x2c\x01\x86\x71\x05\x75\x2e"s;
    ASSERT_EQ(bytes.size(), 61u);
    const PickleTree tree = unpickle(bytes);
    const PickleRef& root = tree.root();
    ASSERT_EQ(root->kind, PickleValue::Kind::Dict);
    ASSERT_EQ(root->entries.size(), 2u);
    const auto& list = root->entries[0].second->items;
    ASSERT_EQ(list.size(), 5u);
    EXPECT_EQ(list[0]->integer, 1);
    EXPECT_EQ(list[1]->integer, -2);
    EXPECT_EQ(list[2]->real, 3.5);
    EXPECT_TRUE(list[3]->boolean);
    EXPECT_EQ(list[4]->kind, PickleValue::Kind::None);
    const auto& pair = root->entries[1].second->items;
    EXPECT_EQ(pair[0]->text, "x");
    EXPECT_EQ(pair[1]->integer, 300);
}

TEST(Pickle, CodeExecutingGlobalsAreRefused) {
    // cos.system\n(S'echo hi'\ntR. : the classic shell-command pickle.
    const std::string message = error_of([] {
        unpickle(
            "\x80\x02"
            "cos\nsystem\nX\x07\x00\x00\x00"
            "echo hi\x85R."s);
    });
    EXPECT_CONTAINS(message, "test.pkl");
    EXPECT_CONTAINS(message, "disallowed global os.system");
    EXPECT_CONTAINS(error_of([] {
                        unpickle(
                            "\x80\x02"
                            "cbuiltins\neval\n.");
                    }),
                    "builtins.eval");
}

TEST(Pickle, ObjectBuildingOpcodesAreRefused) {
    EXPECT_CONTAINS(error_of([] { unpickle("\x80\x02(i__main__\nX\n."); }), "unsupported pickle opcode 0x69");
    EXPECT_CONTAINS(error_of([] {
                        unpickle(
                            "\x80\x02"
                            "ccollections\nOrderedDict\n)\x81.");
                    }),
                    "unsupported pickle opcode 0x81");
}

TEST(Pickle, MalformedStreamsAreErrorsNotCrashes) {
    EXPECT_CONTAINS(error_of([] { unpickle(""); }), "ends early");
    EXPECT_CONTAINS(error_of([] { unpickle("\x80\x02X\xff\xff\xff\x00."s); }), "ends early");
    EXPECT_CONTAINS(error_of([] { unpickle("\x80\x02h\x05."); }), "memo entry 5");
    EXPECT_CONTAINS(error_of([] {
                        unpickle(
                            "\x80\x02"
                            "a.");
                    }),
                    "stack underflow");
    EXPECT_CONTAINS(error_of([] { unpickle("\x80\x02K\x01(u."); }), "SETITEM on a int");
    EXPECT_CONTAINS(error_of([] {
                        unpickle(
                            "\x80\x02"
                            "e.");
                    }),
                    "no MARK");
    EXPECT_CONTAINS(error_of([] { unpickle("\x80\x09."); }), "protocol 9");
    EXPECT_CONTAINS(error_of([] { unpickle("\x80\x02K\x01]Q."); }), "persistent id");
    EXPECT_CONTAINS(error_of([] {
                        unpickle(
                            "\x80\x02"
                            "c\x01\x02\n\x7f\n.");
                    }),
                    "malformed global name");
}

TEST(Pickle, StorageClassesMapToTheirTypes) {
    EXPECT_EQ(storage_class_dtype("torch.BFloat16Storage", "x"), torch::kBFloat16);
    EXPECT_EQ(storage_class_dtype("torch.BoolStorage", "x"), torch::kBool);
    EXPECT_CONTAINS(error_of([] { storage_class_dtype("torch.QInt8Storage", "f.bin"); }), "torch.QInt8Storage");
}

TEST(Pickle, DeepNestingAndCyclesAreReleasedSafely) {
    // 300000 lists each inside the next: taking the tree apart must not recurse.
    const size_t depth = 300000;
    {
        const PickleTree tree = unpickle("\x80\x02" + std::string(depth, ']') + std::string(depth - 1, 'a') + ".");
        EXPECT_EQ(tree.root()->items.size(), 1u);
    }
    // A list that contains itself (memo 0 appended to itself): kept intact while the tree lives, freed after.
    std::weak_ptr<PickleValue> watch;
    {
        const PickleTree tree = unpickle(
            "\x80\x02]q\x00h\x00"
            "a."s);
        ASSERT_EQ(tree.root()->items.size(), 1u);
        EXPECT_EQ(tree.root()->items[0], tree.root());
        watch = tree.root();
    }
    EXPECT_TRUE(watch.expired());
}

TEST(Pickle, SizeAndValueCountAreBounded) {
    // A million and one references to one None (DUP): each costs memory, so the count is capped.
    const std::string many = "\x80\x02N" + std::string(kMaxPickleValues, '2') + ".";
    std::string message = error_of([&] { unpickle(many); });
    EXPECT_CONTAINS(message, "test.pkl");
    EXPECT_CONTAINS(message, "more than " + std::to_string(kMaxPickleValues) + " values");
    // One string that makes the pickle larger than kMaxPickleBytes.
    std::string large = "\x80\x02\x8d";
    for (int i = 0; i < 8; ++i) large.push_back(static_cast<char>((kMaxPickleBytes >> (8 * i)) & 0xff));
    large += std::string(kMaxPickleBytes, 'a') + ".";
    message = error_of([&] { unpickle(large); });
    EXPECT_CONTAINS(message, "test.pkl");
    EXPECT_CONTAINS(message, "at most " + std::to_string(kMaxPickleBytes) + " are read");
}
