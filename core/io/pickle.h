// A restricted unpickler for the data.pkl of PyTorch checkpoints: plain containers, tensors, nothing else.
#pragma once
#include <torch/types.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace milr {

struct PickleValue;
using PickleRef = std::shared_ptr<PickleValue>;

// One unpickled object. Containers are shared (the pickle memo refers to them and fills them later).
struct PickleValue {
    enum class Kind { None, Bool, Int, Float, String, Bytes, Tuple, List, Dict, Global, Storage, Tensor };
    Kind kind = Kind::None;
    bool boolean = false;
    int64_t integer = 0;
    double real = 0.0;
    std::string text;                                      // String, Bytes, Global ("module.name")
    std::vector<PickleRef> items;                          // Tuple, List
    std::vector<std::pair<PickleRef, PickleRef>> entries;  // Dict, in insertion order
    torch::Tensor tensor;                                  // Storage (1-D, its whole bytes) or Tensor

    static PickleRef make(Kind kind);
    std::string kind_name() const;
};

// The result of unpickling: the root object, and every container made on the way. Destroying the tree
// empties each container first, so neither a deeply nested nor a cyclic pickle can exhaust the stack or leak.
class PickleTree {
public:
    PickleTree(PickleRef root, std::vector<PickleRef> containers);
    ~PickleTree();
    PickleTree(PickleTree&&) = default;
    PickleTree& operator=(PickleTree&&) = delete;
    PickleTree(const PickleTree&) = delete;
    PickleTree& operator=(const PickleTree&) = delete;

    const PickleRef& root() const { return m_root; }

private:
    PickleRef m_root;
    std::vector<PickleRef> m_containers;
};

// Empties every container in `containers` (breaks cycles and nesting before they are released).
void release_pickle_containers(std::vector<PickleRef>& containers) noexcept;

// The most one data.pkl may take: its size, and the values, references, marks and memo entries it may
// make (together; each costs memory). torch.save writes about 15 values and 100 bytes a tensor, so these
// fit a checkpoint of more than 60,000 tensors in one file while an adversarial pickle stays within a
// few hundred MB.
constexpr size_t kMaxPickleBytes = size_t{16} << 20;
constexpr size_t kMaxPickleValues = 1000000;

// Resolves a persistent id (for torch.save: ('storage', torch.FloatStorage, key, location, numel)) to a
// Storage value.
using PersistentLoader = std::function<PickleRef(const PickleRef& persistent_id)>;

// Unpickles `bytes` (protocols 2 to 5). Only these globals are accepted: collections.OrderedDict,
// torch._utils._rebuild_tensor_v2, torch._utils._rebuild_parameter and the torch.<Type>Storage classes;
// any other global, and any opcode that could build an arbitrary object (NEWOBJ, INST, OBJ, EXT...), is
// rejected with a milr::Error naming it and `source`. Nothing is ever executed. A pickle over
// kMaxPickleBytes, or one making more than kMaxPickleValues values, is rejected naming the limit.
//
// Written by hand on purpose: Python's pickle runs arbitrary code, torch::pickle_load rejects the
// OrderedDict of a raw state_dict, and no Debian package offers a restricted unpickler for C++.
PickleTree unpickle_restricted(const std::string& bytes, const std::string& source, const PersistentLoader& loader);

// The dtype of a torch.<Type>Storage class name ("torch.BFloat16Storage"); throws naming it otherwise.
torch::ScalarType storage_class_dtype(const std::string& global, const std::string& source);

}  // namespace milr
