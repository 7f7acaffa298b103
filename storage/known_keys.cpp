#include "storage/known_keys.h"

#include <array>
#include <cstddef>
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

// A key's bit in the filter: its word's index and the mask within that word.
struct Bit {
  std::size_t word;
  std::uint64_t mask;
};

// The `Probes` bits of a key in a filter of 2^BitsLog2 bits.
template <int Probes, int BitsLog2>
std::array<Bit, Probes> bits_of(std::string_view key) {
  const std::uint64_t h1 = std::hash<std::string_view>{}(key), h2 = remix(h1) | 1;
  std::array<Bit, Probes> out{};
  for (int i = 0; i < Probes; ++i) {
    const std::uint64_t bit =
        (h1 + static_cast<std::uint64_t>(i) * h2) & ((std::uint64_t{1} << BitsLog2) - 1);
    out[static_cast<std::size_t>(i)] = {bit / 64, std::uint64_t{1} << (bit % 64)};
  }
  return out;
}

}  // namespace

KnownKeys::KnownKeys() : words_(new std::atomic<std::uint64_t>[(1u << kBitsLog2) / 64]()) {}

void KnownKeys::add(std::string_view key) {
  for (const Bit& b : bits_of<kProbes, kBitsLog2>(key))
    words_[b.word].fetch_or(b.mask, std::memory_order_release);
}

bool KnownKeys::may_contain(std::string_view key) const {
  for (const Bit& b : bits_of<kProbes, kBitsLog2>(key))
    if (!(words_[b.word].load(std::memory_order_acquire) & b.mask)) return false;
  return true;
}

}  // namespace triagebot::storage
