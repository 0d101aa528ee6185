// The restricted unpickler: a stack machine over pickle opcodes with an allow-list of globals.
#include "core/io/pickle.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <limits>
#include <unordered_map>

#include "core/util/error.h"

namespace milr {

PickleRef PickleValue::make(Kind kind) {
    auto value = std::make_shared<PickleValue>();
    value->kind = kind;
    return value;
}

std::string PickleValue::kind_name() const {
    switch (kind) {
        case Kind::None:
            return "None";
        case Kind::Bool:
            return "bool";
        case Kind::Int:
            return "int";
        case Kind::Float:
            return "float";
        case Kind::String:
            return "str";
        case Kind::Bytes:
            return "bytes";
        case Kind::Tuple:
            return "tuple";
        case Kind::List:
            return "list";
        case Kind::Dict:
            return "dict";
        case Kind::Global:
            return "global " + text;
        case Kind::Storage:
            return "storage";
        case Kind::Tensor:
            return "tensor";
    }
    return "value";
}

void release_pickle_containers(std::vector<PickleRef>& containers) noexcept {
    for (auto& container : containers) {
        container->items.clear();
        container->entries.clear();
    }
    containers.clear();
}

PickleTree::PickleTree(PickleRef root, std::vector<PickleRef> containers)
    : m_root(std::move(root)), m_containers(std::move(containers)) {}

PickleTree::~PickleTree() { release_pickle_containers(m_containers); }

namespace {

constexpr std::array<std::pair<const char*, torch::ScalarType>, 10> kStorageClasses{{
    {"torch.DoubleStorage", torch::kFloat64},
    {"torch.FloatStorage", torch::kFloat32},
    {"torch.HalfStorage", torch::kFloat16},
    {"torch.BFloat16Storage", torch::kBFloat16},
    {"torch.LongStorage", torch::kInt64},
    {"torch.IntStorage", torch::kInt32},
    {"torch.ShortStorage", torch::kInt16},
    {"torch.CharStorage", torch::kInt8},
    {"torch.ByteStorage", torch::kUInt8},
    {"torch.BoolStorage", torch::kBool},
}};

constexpr const char* kOrderedDict = "collections.OrderedDict";
constexpr const char* kRebuildTensor = "torch._utils._rebuild_tensor_v2";
constexpr const char* kRebuildParameter = "torch._utils._rebuild_parameter";
constexpr size_t kMaxDimensions = 64;

bool is_storage_class(const std::string& global) {
    for (const auto& [name, dtype] : kStorageClasses)
        if (global == name) return true;
    return false;
}

using Kind = PickleValue::Kind;

class Unpickler {
public:
    Unpickler(const std::string& bytes, const std::string& source, const PersistentLoader& loader)
        : m_bytes(bytes), m_source(source), m_loader(loader) {}
    ~Unpickler() {
        m_stack.clear();
        m_memo.clear();
        release_pickle_containers(m_containers);
    }

    PickleTree run() {
        while (true) {
            m_opcode_at = m_at;
            const uint8_t opcode = take_byte();
            if (opcode == '.') {  // STOP
                if (m_stack.empty()) fail("STOP with an empty stack");
                return PickleTree(m_stack.back(), std::move(m_containers));
            }
            step(opcode);
        }
    }

private:
    void step(uint8_t opcode) {
        switch (opcode) {
            case 0x80: {  // PROTO
                const uint8_t protocol = take_byte();
                if (protocol < 2 || protocol > 5) fail("unsupported pickle protocol " + std::to_string(protocol));
                return;
            }
            case 0x95:
                take(8);
                return;  // FRAME (a hint for buffered readers)
            case '(':
                count_value();
                m_marks.push_back(m_stack.size());
                return;  // MARK
            case '0':
                pop_or_mark();
                return;  // POP
            case '1':
                pop_to_mark();
                return;  // POP_MARK
            case '2':
                push(top());
                return;  // DUP
            case 'N':
                push(PickleValue::make(Kind::None));
                return;
            case 0x88:
                push(make_bool(true));
                return;  // NEWTRUE
            case 0x89:
                push(make_bool(false));
                return;  // NEWFALSE
            case 'J':
                push(make_int(static_cast<int32_t>(take_le(4))));
                return;  // BININT
            case 'K':
                push(make_int(take_le(1)));
                return;  // BININT1
            case 'M':
                push(make_int(take_le(2)));
                return;  // BININT2
            case 0x8a:
                push(make_int(take_long(take_byte())));
                return;  // LONG1
            case 'G':
                push(make_float());
                return;  // BINFLOAT
            case 'X':
                push(make_text(Kind::String, take_le(4)));
                return;  // BINUNICODE
            case 0x8c:
                push(make_text(Kind::String, take_le(1)));
                return;  // SHORT_BINUNICODE
            case 0x8d:
                push(make_text(Kind::String, take_le(8)));
                return;  // BINUNICODE8
            case 'T':
                push(make_text(Kind::String, take_le(4)));
                return;  // BINSTRING
            case 'U':
                push(make_text(Kind::String, take_le(1)));
                return;  // SHORT_BINSTRING
            case 'B':
                push(make_text(Kind::Bytes, take_le(4)));
                return;  // BINBYTES
            case 'C':
                push(make_text(Kind::Bytes, take_le(1)));
                return;  // SHORT_BINBYTES
            case 0x8e:
                push(make_text(Kind::Bytes, take_le(8)));
                return;  // BINBYTES8
            case ')':
                push(make_container(Kind::Tuple));
                return;  // EMPTY_TUPLE
            case 't':
                push(make_sequence(Kind::Tuple, pop_to_mark()));
                return;  // TUPLE
            case 0x85:
                push(make_sequence(Kind::Tuple, pop_n(1)));
                return;  // TUPLE1
            case 0x86:
                push(make_sequence(Kind::Tuple, pop_n(2)));
                return;  // TUPLE2
            case 0x87:
                push(make_sequence(Kind::Tuple, pop_n(3)));
                return;  // TUPLE3
            case ']':
                push(make_container(Kind::List));
                return;  // EMPTY_LIST
            case 'l':
                push(make_sequence(Kind::List, pop_to_mark()));
                return;  // LIST
            case 'a':
                append(pop_n(1));
                return;  // APPEND
            case 'e':
                append(pop_to_mark());
                return;  // APPENDS
            case '}':
                push(make_container(Kind::Dict));
                return;  // EMPTY_DICT
            case 'd':
                push(make_container(Kind::Dict));
                set_items(pop_to_mark_below());
                return;  // DICT
            case 's':
                set_items(pop_n(2));
                return;  // SETITEM
            case 'u':
                set_items(pop_to_mark());
                return;  // SETITEMS
            case 'q':
                memo_put(take_le(1));
                return;  // BINPUT
            case 'r':
                memo_put(take_le(4));
                return;  // LONG_BINPUT
            case 0x94:
                memo_put(m_memo.size());
                return;  // MEMOIZE
            case 'h':
                push(memo_get(take_le(1)));
                return;  // BINGET
            case 'j':
                push(memo_get(take_le(4)));
                return;  // LONG_BINGET
            case 'c': {  // GLOBAL
                const std::string module = take_line();
                push(make_global(module, take_line()));
                return;
            }
            case 0x93: {  // STACK_GLOBAL
                const PickleRef name = pop();
                const PickleRef module = pop();
                if (name->kind != Kind::String || module->kind != Kind::String)
                    fail("STACK_GLOBAL without two strings");
                push(make_global(module->text, name->text));
                return;
            }
            case 'R': {  // REDUCE
                const PickleRef arguments = pop();
                const PickleRef callable = pop();
                push(reduce(callable, arguments));
                return;
            }
            case 'b':
                build();
                return;  // BUILD
            case 'Q': {  // BINPERSID
                const PickleRef id = pop();
                if (!m_loader) fail("a persistent id where none is expected");
                push(m_loader(id));
                return;
            }
            default: {
                char hex[8];
                std::snprintf(hex, sizeof(hex), "0x%02x", opcode);
                fail(std::string("unsupported pickle opcode ") + hex +
                     " (only tensors in plain containers are accepted)");
            }
        }
    }

    [[noreturn]] void fail(const std::string& what) const {
        throw Error(m_source + ": " + what + " (pickle byte " + std::to_string(m_opcode_at) + ")");
    }

    // --- reading bytes -------------------------------------------------------------------------------
    uint8_t take_byte() {
        if (m_at >= m_bytes.size()) fail("the pickle ends early (truncated?)");
        return static_cast<uint8_t>(m_bytes[m_at++]);
    }
    std::string take(uint64_t count) {
        if (count > m_bytes.size() - m_at) fail("the pickle ends early (truncated?)");
        std::string out = m_bytes.substr(m_at, count);
        m_at += count;
        return out;
    }
    uint64_t take_le(int count) {
        uint64_t value = 0;
        for (int i = 0; i < count; ++i) value |= static_cast<uint64_t>(take_byte()) << (8 * i);
        return value;
    }
    int64_t take_long(uint8_t count) {
        if (count == 0) return 0;
        if (count > 8) fail("an integer of " + std::to_string(count) + " bytes is too large");
        uint64_t value = take_le(count);
        if (count < 8 && (value >> (8 * count - 1)) & 1) value |= ~uint64_t{0} << (8 * count);  // sign-extend
        return static_cast<int64_t>(value);
    }
    std::string take_line() {
        const auto end = m_bytes.find('\n', m_at);
        if (end == std::string::npos) fail("the pickle ends early (truncated?)");
        std::string line = m_bytes.substr(m_at, end - m_at);
        m_at = end + 1;
        return line;
    }

    // --- the stack -----------------------------------------------------------------------------------
    void push(PickleRef value) {
        count_value();
        m_stack.push_back(std::move(value));
    }
    // Every push, mark and new memo entry costs memory: together they are bounded (kMaxPickleValues).
    void count_value() {
        if (++m_values > kMaxPickleValues)
            fail("more than " + std::to_string(kMaxPickleValues) +
                 " values (the limit of one data.pkl; a checkpoint needs about 15 a tensor)");
    }
    const PickleRef& top() const {
        if (m_stack.empty() || (!m_marks.empty() && m_marks.back() == m_stack.size())) fail("stack underflow");
        return m_stack.back();
    }
    PickleRef pop() {
        PickleRef value = top();
        m_stack.pop_back();
        return value;
    }
    std::vector<PickleRef> pop_n(size_t count) {
        std::vector<PickleRef> values(count);
        for (size_t i = count; i > 0; --i) values[i - 1] = pop();
        return values;
    }
    void pop_or_mark() {
        if (!m_marks.empty() && m_marks.back() == m_stack.size())
            m_marks.pop_back();
        else
            pop();
    }
    std::vector<PickleRef> pop_to_mark() {
        if (m_marks.empty()) fail("no MARK on the stack");
        const size_t mark = m_marks.back();
        m_marks.pop_back();
        std::vector<PickleRef> values(m_stack.begin() + static_cast<std::ptrdiff_t>(mark), m_stack.end());
        m_stack.resize(mark);
        return values;
    }
    // DICT: the new dict was pushed above the mark's items; take them and keep the dict on top.
    std::vector<PickleRef> pop_to_mark_below() {
        const PickleRef dict = pop();
        std::vector<PickleRef> values = pop_to_mark();
        push(dict);
        return values;
    }
    void memo_put(uint64_t index) {
        const PickleRef& value = top();
        if (m_memo.count(index) == 0) count_value();
        m_memo[index] = value;
    }
    PickleRef memo_get(uint64_t index) const {
        const auto found = m_memo.find(index);
        if (found == m_memo.end()) fail("memo entry " + std::to_string(index) + " is read before it is written");
        return found->second;
    }

    // --- values --------------------------------------------------------------------------------------
    static PickleRef make_bool(bool value) {
        auto out = PickleValue::make(Kind::Bool);
        out->boolean = value;
        return out;
    }
    static PickleRef make_int(int64_t value) {
        auto out = PickleValue::make(Kind::Int);
        out->integer = value;
        return out;
    }
    PickleRef make_float() {
        const uint64_t big_endian = take_le(8);
        uint64_t bits = 0;
        for (int i = 0; i < 8; ++i) bits = (bits << 8) | ((big_endian >> (8 * i)) & 0xff);
        auto out = PickleValue::make(Kind::Float);
        std::memcpy(&out->real, &bits, sizeof(bits));
        return out;
    }
    PickleRef make_text(Kind kind, uint64_t length) {
        auto out = PickleValue::make(kind);
        out->text = take(length);
        return out;
    }
    // Every tuple, list and dict is registered, so the tree can be taken apart without recursion.
    PickleRef make_container(Kind kind) {
        m_containers.push_back(PickleValue::make(kind));
        return m_containers.back();
    }
    PickleRef make_sequence(Kind kind, std::vector<PickleRef> items) {
        auto out = make_container(kind);
        out->items = std::move(items);
        return out;
    }
    PickleRef make_global(const std::string& module, const std::string& name) {
        const std::string global = module + "." + name;
        const bool identifier = global.size() <= 200 && std::all_of(global.begin(), global.end(), [](char c) {
                                    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
                                });
        if (!identifier) fail("a malformed global name (damaged file?)");
        if (global != kOrderedDict && global != kRebuildTensor && global != kRebuildParameter &&
            !is_storage_class(global))
            fail("disallowed global " + global + " (only tensors in plain containers are accepted)");
        auto out = PickleValue::make(Kind::Global);
        out->text = global;
        return out;
    }
    void append(const std::vector<PickleRef>& values) {
        const PickleRef& list = top();
        if (list->kind != Kind::List) fail("APPEND to a " + list->kind_name() + ", not a list");
        list->items.insert(list->items.end(), values.begin(), values.end());
    }
    void set_items(const std::vector<PickleRef>& values) {
        const PickleRef& dict = top();
        if (dict->kind != Kind::Dict) fail("SETITEM on a " + dict->kind_name() + ", not a dict");
        if (values.size() % 2 != 0) fail("SETITEMS with an odd number of values");
        for (size_t i = 0; i < values.size(); i += 2) {
            const Kind key = values[i]->kind;
            if (key != Kind::String && key != Kind::Int && key != Kind::Bool && key != Kind::None)
                fail("a dict key of type " + values[i]->kind_name());
            dict->entries.emplace_back(values[i], values[i + 1]);
        }
    }
    // A state_dict's OrderedDict carries `_metadata` (module versions) as its state: accepted and dropped.
    void build() {
        const PickleRef state = pop();
        const PickleRef& object = top();
        if (object->kind != Kind::Dict || (state->kind != Kind::Dict && state->kind != Kind::None))
            fail("BUILD of a " + object->kind_name() + " from a " + state->kind_name() +
                 " (only tensors in plain containers are accepted)");
    }

    PickleRef reduce(const PickleRef& callable, const PickleRef& arguments) {
        if (callable->kind != Kind::Global) fail("REDUCE of a " + callable->kind_name() + ", not a global");
        if (arguments->kind != Kind::Tuple) fail("REDUCE of " + callable->text + " without an argument tuple");
        const auto& args = arguments->items;
        if (callable->text == kOrderedDict) {
            if (!args.empty()) fail("collections.OrderedDict called with arguments");
            return make_container(Kind::Dict);
        }
        if (callable->text == kRebuildTensor) return rebuild_tensor(args);
        if (callable->text == kRebuildParameter) {
            if (args.size() < 1 || args[0]->kind != Kind::Tensor) fail(callable->text + " without a tensor");
            return args[0];
        }
        fail(callable->text + " cannot be called");
    }

    int64_t integer(const PickleRef& value, const char* what) const {
        if (value->kind != Kind::Int)
            fail(std::string("tensor ") + what + " is a " + value->kind_name() + ", not an int");
        return value->integer;
    }
    std::vector<int64_t> integers(const PickleRef& value, const char* what) const {
        if (value->kind != Kind::Tuple)
            fail(std::string("tensor ") + what + " is a " + value->kind_name() + ", not a tuple");
        if (value->items.size() > kMaxDimensions) fail(std::string("tensor ") + what + " has too many dimensions");
        std::vector<int64_t> out;
        for (const auto& item : value->items) {
            out.push_back(integer(item, what));
            if (out.back() < 0) fail(std::string("tensor ") + what + " has a negative entry");
        }
        return out;
    }

    // _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata]).
    PickleRef rebuild_tensor(const std::vector<PickleRef>& args) {
        if (args.size() < 6 || args.size() > 7)
            fail("_rebuild_tensor_v2 with " + std::to_string(args.size()) + " arguments");
        if (args[0]->kind != Kind::Storage) fail("_rebuild_tensor_v2 of a " + args[0]->kind_name() + ", not a storage");
        const torch::Tensor& storage = args[0]->tensor;
        const int64_t offset = integer(args[1], "storage offset");
        const std::vector<int64_t> size = integers(args[2], "size");
        const std::vector<int64_t> stride = integers(args[3], "stride");
        if (offset < 0) fail("tensor storage offset is negative");
        if (size.size() != stride.size()) fail("tensor size and stride have different lengths");
        // The last element reached must lie inside the storage (computed without overflow).
        const int64_t available = storage.numel();
        bool empty = false;
        for (int64_t extent : size) empty = empty || extent == 0;
        if (!empty) {
            // Each term is below 2^126 and the sum is checked after each one, so __int128 cannot overflow.
            __int128 last = offset;
            for (size_t d = 0; d < size.size() && last < available; ++d)
                last += static_cast<__int128>(size[d] - 1) * stride[d];
            if (last >= available)
                fail("a tensor view (offset " + std::to_string(offset) + ", size " + c10::str(c10::IntArrayRef(size)) +
                     ", stride " + c10::str(c10::IntArrayRef(stride)) + ") reaches past the end of its storage of " +
                     std::to_string(available) + " elements");
        } else if (offset > available) {
            fail("tensor storage offset " + std::to_string(offset) + " is past the storage's end");
        }
        auto out = PickleValue::make(Kind::Tensor);
        out->tensor = storage.as_strided(size, stride, offset);
        return out;
    }

    const std::string& m_bytes;
    const std::string& m_source;
    const PersistentLoader& m_loader;
    size_t m_at = 0;
    size_t m_opcode_at = 0;
    size_t m_values = 0;
    std::vector<PickleRef> m_stack;
    std::vector<size_t> m_marks;
    std::unordered_map<uint64_t, PickleRef> m_memo;
    std::vector<PickleRef> m_containers;
};

}  // namespace

PickleTree unpickle_restricted(const std::string& bytes, const std::string& source, const PersistentLoader& loader) {
    if (bytes.size() > kMaxPickleBytes)
        throw Error(source + ": the pickle is " + std::to_string(bytes.size()) + " bytes; at most " +
                    std::to_string(kMaxPickleBytes) + " are read");
    return Unpickler(bytes, source, loader).run();
}

torch::ScalarType storage_class_dtype(const std::string& global, const std::string& source) {
    for (const auto& [name, dtype] : kStorageClasses)
        if (global == name) return dtype;
    throw Error(source + ": unsupported storage class " + global);
}

}  // namespace milr
