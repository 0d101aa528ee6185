// Keys and values of every decoder layer for several rows (e.g. the CFG pair), grown one chunk at a time.
#pragma once
#include <torch/types.h>

#include <utility>
#include <vector>

namespace milr {

// Layout per layer: [rows, kv_heads, capacity, head_dim]; positions [0, length()) are valid. Meant for
// inference (no autograd through the cache). Copies are deep only through snapshot(); the copy constructor
// shares the buffers like a torch::Tensor.
class KVCache {
public:
    KVCache() = default;
    KVCache(int64_t layers, int64_t rows, int64_t kv_heads, int64_t head_dim, int64_t capacity,
            const torch::TensorOptions& options);

    int64_t layers() const { return static_cast<int64_t>(m_keys.size()); }
    int64_t rows() const { return m_rows; }
    int64_t length() const { return m_length; }
    int64_t capacity() const { return m_keys.empty() ? 0 : m_keys[0].size(2); }
    bool defined() const { return !m_keys.empty(); }

    // Stores k, v [rows, kv_heads, t, head_dim] of `layer` at positions [length, length + t) and returns the
    // keys and values [rows, kv_heads, length + t, head_dim]. The length advances in commit(t).
    std::pair<torch::Tensor, torch::Tensor> append(int64_t layer, const torch::Tensor& k, const torch::Tensor& v);
    void commit(int64_t t);

    // A deep copy of the valid positions (capacity = length); restore() copies one back into this cache.
    KVCache snapshot() const;
    void restore(const KVCache& snapshot);
    // Forgets positions >= length.
    void truncate(int64_t length);
    // The valid part of one layer (views).
    torch::Tensor keys(int64_t layer) const;
    torch::Tensor values(int64_t layer) const;

    // A new cache whose rows are the given caches' rows in order; all must have the same length.
    static KVCache stack_rows(const std::vector<KVCache>& caches);
    // A new cache with `count` copies of each row ([a, b] -> [a, a, b, b] for count 2).
    KVCache repeat_rows(int64_t count) const;
    // Bytes held by the buffers (capacity, not length).
    int64_t bytes() const;
    // Grows the buffers so that `capacity` positions fit without reallocating later.
    void reserve(int64_t capacity);

private:
    std::vector<torch::Tensor> m_keys, m_values;
    int64_t m_rows = 0;
    int64_t m_length = 0;
};

}  // namespace milr
