#pragma once
// Recursive Length Prefix encoding (Ethereum Yellow Paper, appendix B): encode only — the client
// never needs to parse RLP, it only builds transactions.
#include <span>
#include <vector>

#include "xm/chains/bytes.hpp"

namespace xm::chains::rlp {

// A byte string item.
Bytes encode_bytes(std::span<const std::uint8_t> bytes);
// An integer item: minimal big-endian, 0 as the empty string.
Bytes encode_uint(const U256& v);
// A list of already-encoded items.
Bytes encode_list(const std::vector<Bytes>& encoded_items);

}  // namespace xm::chains::rlp
