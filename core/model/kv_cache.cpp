// The decoder's key/value cache: in-place appends with amortised growth, snapshots, row stacking.
#include "core/model/kv_cache.h"

#include <algorithm>

#include <torch/torch.h>

#include "core/util/error.h"

namespace milr {

KVCache::KVCache(int64_t layers, int64_t rows, int64_t kv_heads, int64_t head_dim, int64_t capacity,
                 const torch::TensorOptions& options)
    : m_rows(rows) {
    if (layers <= 0 || rows <= 0 || kv_heads <= 0 || head_dim <= 0 || capacity < 0)
        throw Error("KV cache: layers, rows, heads and head_dim must be positive");
    for (int64_t i = 0; i < layers; ++i) {
        m_keys.push_back(torch::empty({rows, kv_heads, capacity, head_dim}, options));
        m_values.push_back(torch::empty({rows, kv_heads, capacity, head_dim}, options));
    }
}

void KVCache::reserve(int64_t wanted) {
    if (wanted <= capacity()) return;
    const int64_t grown = std::max<int64_t>(wanted, std::max<int64_t>(2 * capacity(), 64));
    for (size_t i = 0; i < m_keys.size(); ++i) {
        for (torch::Tensor* buffer : {&m_keys[i], &m_values[i]}) {
            std::vector<int64_t> shape(buffer->sizes().begin(), buffer->sizes().end());
            shape[2] = grown;
            torch::Tensor bigger = torch::empty(shape, buffer->options());
            bigger.narrow(2, 0, m_length).copy_(buffer->narrow(2, 0, m_length));
            *buffer = bigger;
        }
    }
}

std::pair<torch::Tensor, torch::Tensor> KVCache::append(int64_t layer, const torch::Tensor& k, const torch::Tensor& v) {
    if (layer < 0 || layer >= layers()) throw Error("KV cache: layer " + std::to_string(layer) + " out of range");
    const torch::Tensor& buffer = m_keys[static_cast<size_t>(layer)];
    if (k.dim() != 4 || k.size(0) != m_rows || k.size(1) != buffer.size(1) || k.size(3) != buffer.size(3) ||
        !v.sizes().equals(k.sizes()))
        throw Error("KV cache: keys/values of shape " + std::to_string(k.size(0)) + " rows do not match the cache (" +
                    std::to_string(m_rows) + " rows)");
    const int64_t t = k.size(2);
    reserve(m_length + t);
    torch::Tensor& keys = m_keys[static_cast<size_t>(layer)];
    torch::Tensor& values = m_values[static_cast<size_t>(layer)];
    keys.narrow(2, m_length, t).copy_(k);
    values.narrow(2, m_length, t).copy_(v);
    return {keys.narrow(2, 0, m_length + t), values.narrow(2, 0, m_length + t)};
}

void KVCache::commit(int64_t t) {
    if (t < 0 || m_length + t > capacity()) throw Error("KV cache: commit past the stored positions");
    m_length += t;
}

KVCache KVCache::snapshot() const {
    KVCache copy;
    copy.m_rows = m_rows;
    copy.m_length = m_length;
    for (size_t i = 0; i < m_keys.size(); ++i) {
        copy.m_keys.push_back(m_keys[i].narrow(2, 0, m_length).clone());
        copy.m_values.push_back(m_values[i].narrow(2, 0, m_length).clone());
    }
    return copy;
}

void KVCache::restore(const KVCache& snapshot) {
    if (!defined() || snapshot.layers() != layers() || snapshot.m_rows != m_rows ||
        snapshot.m_keys[0].size(1) != m_keys[0].size(1) || snapshot.m_keys[0].size(3) != m_keys[0].size(3)) {
        *this = snapshot.snapshot();  // different shape: take a private copy
        return;
    }
    m_length = 0;
    reserve(snapshot.m_length);
    for (size_t i = 0; i < m_keys.size(); ++i) {
        m_keys[i].narrow(2, 0, snapshot.m_length).copy_(snapshot.keys(static_cast<int64_t>(i)));
        m_values[i].narrow(2, 0, snapshot.m_length).copy_(snapshot.values(static_cast<int64_t>(i)));
    }
    m_length = snapshot.m_length;
}

void KVCache::truncate(int64_t length) {
    if (length < 0 || length > m_length)
        throw Error("KV cache: cannot truncate to " + std::to_string(length) + " (length " + std::to_string(m_length) +
                    ")");
    m_length = length;
}

torch::Tensor KVCache::keys(int64_t layer) const {
    return m_keys.at(static_cast<size_t>(layer)).narrow(2, 0, m_length);
}
torch::Tensor KVCache::values(int64_t layer) const {
    return m_values.at(static_cast<size_t>(layer)).narrow(2, 0, m_length);
}

KVCache KVCache::stack_rows(const std::vector<KVCache>& caches) {
    if (caches.empty()) throw Error("KV cache: nothing to stack");
    KVCache out;
    for (const KVCache& c : caches) {
        if (!c.defined() || c.layers() != caches[0].layers() || c.m_length != caches[0].m_length)
            throw Error("KV cache: stacked caches must have the same layers and length (" + std::to_string(c.m_length) +
                        " vs " + std::to_string(caches[0].m_length) + ")");
        out.m_rows += c.m_rows;
    }
    out.m_length = caches[0].m_length;
    for (int64_t i = 0; i < caches[0].layers(); ++i) {
        std::vector<torch::Tensor> keys, values;
        for (const KVCache& c : caches) {
            keys.push_back(c.keys(i));
            values.push_back(c.values(i));
        }
        out.m_keys.push_back(torch::cat(keys, 0));
        out.m_values.push_back(torch::cat(values, 0));
    }
    return out;
}

KVCache KVCache::repeat_rows(int64_t count) const {
    if (count <= 0) throw Error("KV cache: repeat count must be positive");
    KVCache out;
    out.m_rows = m_rows * count;
    out.m_length = m_length;
    for (int64_t i = 0; i < layers(); ++i) {
        out.m_keys.push_back(keys(i).repeat_interleave(count, 0));
        out.m_values.push_back(values(i).repeat_interleave(count, 0));
    }
    return out;
}

int64_t KVCache::bytes() const {
    int64_t total = 0;
    for (size_t i = 0; i < m_keys.size(); ++i)
        total += (m_keys[i].numel() + m_values[i].numel()) * static_cast<int64_t>(m_keys[i].element_size());
    return total;
}

}  // namespace milr
