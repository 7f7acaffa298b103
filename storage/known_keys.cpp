#include "storage/known_keys.h"

#include <functional>

namespace triagebot::storage {
namespace {

// A second, independent hash from the first (splitmix64's finaliser), for the double
// hashing that gives the probes: h1 + i * h2.
std::uint64_t remix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

}  // namespace

KnownKeys::KnownKeys() : words_(new std::atomic<std::uint64_t>[(1u << kBitsLog2) / 64]()) {}

void KnownKeys::add(std::string_view key) {
  const std::uint64_t h1 = std::hash<std::string_view>{}(key), h2 = remix(h1) | 1;
  for (int i = 0; i < kProbes; ++i) {
    const std::uint64_t bit = (h1 + static_cast<std::uint64_t>(i) * h2) & ((1u << kBitsLog2) - 1);
    words_[bit / 64].fetch_or(std::uint64_t{1} << (bit % 64), std::memory_order_release);
  }
}

bool KnownKeys::may_contain(std::string_view key) const {
  const std::uint64_t h1 = std::hash<std::string_view>{}(key), h2 = remix(h1) | 1;
  for (int i = 0; i < kProbes; ++i) {
    const std::uint64_t bit = (h1 + static_cast<std::uint64_t>(i) * h2) & ((1u << kBitsLog2) - 1);
    if (!(words_[bit / 64].load(std::memory_order_acquire) & (std::uint64_t{1} << (bit % 64))))
      return false;
  }
  return true;
}

}  // namespace triagebot::storage
