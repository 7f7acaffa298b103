#include "adapters/widget/tokens.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <cctype>
#include <stdexcept>

namespace triagebot::adapters::widget {

namespace {

template <std::size_t N>
std::array<unsigned char, N> random_bytes() {
  std::array<unsigned char, N> bytes{};
  // RAND_bytes fails only when the CSPRNG cannot be seeded; handing out a guessable id
  // instead would be far worse than failing the request (the session answers 500).
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  return bytes;
}

std::string hex(const unsigned char* data, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(digits[data[i] >> 4]);
    out.push_back(digits[data[i] & 0x0f]);
  }
  return out;
}

std::string base64url(const unsigned char* data, std::size_t size) {
  static constexpr char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::size_t i = 0;
  for (; i + 3 <= size; i += 3) {
    const unsigned v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    out += {alphabet[(v >> 18) & 63], alphabet[(v >> 12) & 63], alphabet[(v >> 6) & 63],
            alphabet[v & 63]};
  }
  if (size - i == 1) {
    const unsigned v = data[i] << 16;
    out += {alphabet[(v >> 18) & 63], alphabet[(v >> 12) & 63]};
  } else if (size - i == 2) {
    const unsigned v = (data[i] << 16) | (data[i + 1] << 8);
    out += {alphabet[(v >> 18) & 63], alphabet[(v >> 12) & 63], alphabet[(v >> 6) & 63]};
  }
  return out;
}

}  // namespace

std::string new_session_id() {
  auto bytes = random_bytes<16>();
  return hex(bytes.data(), bytes.size());
}

std::string new_token() {
  auto bytes = random_bytes<32>();
  return base64url(bytes.data(), bytes.size());
}

bool is_session_id(std::string_view id) {
  if (id.size() != 32) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string token_hash(std::string_view token) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(token.data(), token.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("EVP_Digest(SHA-256) failed");
  }
  return hex(digest, length);
}

bool token_matches(std::string_view presented, std::string_view stored_hash) {
  const std::string computed = token_hash(presented);
  // The length of a SHA-256 hex digest is public, so checking it first leaks nothing.
  if (stored_hash.size() != computed.size()) return false;
  return CRYPTO_memcmp(computed.data(), stored_hash.data(), computed.size()) == 0;
}

std::optional<std::string_view> bearer_token(const Headers& headers) {
  auto value = headers.get("Authorization");
  if (!value) return std::nullopt;
  std::string_view text = *value;
  constexpr std::string_view scheme = "Bearer";
  if (text.size() <= scheme.size() || !iequals(text.substr(0, scheme.size()), scheme)) {
    return std::nullopt;
  }
  text.remove_prefix(scheme.size());
  if (text.front() != ' ') return std::nullopt;  // "Bearerxyz" is not the Bearer scheme
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty() || text.find_first_of(" \t") != std::string_view::npos) return std::nullopt;
  return text;
}

}  // namespace triagebot::adapters::widget
