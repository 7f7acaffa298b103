#include "adapters/slack/signature.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdint>

namespace triagebot::adapters::slack {
namespace {

constexpr std::string_view kVersionPrefix = "v0=";
constexpr std::size_t kHexDigits = 64;  // SHA-256
// 12 digits reach year 33658; anything longer is refused as a future time before it
// could overflow the subtraction below.
constexpr std::size_t kMaxTimestampDigits = 12;

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

SignatureCheck check_timestamp(std::string_view text, std::chrono::system_clock::time_point now) {
  if (text.empty()) return SignatureCheck::malformed_timestamp;
  for (char c : text) {
    if (c < '0' || c > '9') return SignatureCheck::malformed_timestamp;
  }
  if (text.size() > kMaxTimestampDigits) return SignatureCheck::future_timestamp;
  std::int64_t seconds = 0;
  for (char c : text) seconds = seconds * 10 + (c - '0');
  const std::int64_t now_seconds =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const std::int64_t skew = kMaxClockSkew.count();
  if (seconds < now_seconds - skew) return SignatureCheck::stale_timestamp;
  if (seconds > now_seconds + skew) return SignatureCheck::future_timestamp;
  return SignatureCheck::valid;
}

bool is_well_formed_signature(std::string_view signature) {
  if (signature.size() != kVersionPrefix.size() + kHexDigits) return false;
  if (signature.substr(0, kVersionPrefix.size()) != kVersionPrefix) return false;
  for (char c : signature.substr(kVersionPrefix.size())) {
    if (!is_hex(c)) return false;
  }
  return true;
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string_view to_string(SignatureCheck check) {
  switch (check) {
    case SignatureCheck::valid:
      return "valid";
    case SignatureCheck::no_signing_secret:
      return "no_signing_secret";
    case SignatureCheck::missing_timestamp:
      return "missing_timestamp";
    case SignatureCheck::malformed_timestamp:
      return "malformed_timestamp";
    case SignatureCheck::stale_timestamp:
      return "stale_timestamp";
    case SignatureCheck::future_timestamp:
      return "future_timestamp";
    case SignatureCheck::missing_signature:
      return "missing_signature";
    case SignatureCheck::malformed_signature:
      return "malformed_signature";
    case SignatureCheck::mismatch:
      return "mismatch";
  }
  return "mismatch";
}

std::string sign(std::string_view signing_secret, std::string_view timestamp,
                 std::string_view body) {
  // The base string is built from the body exactly as received (§2.2 step 3).
  std::string base;
  base.reserve(4 + timestamp.size() + body.size());
  base += "v0:";
  base += timestamp;
  base += ':';
  base += body;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  HMAC(EVP_sha256(), signing_secret.data(), static_cast<int>(signing_secret.size()),
       reinterpret_cast<const unsigned char*>(base.data()), base.size(), digest, &digest_length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string signature(kVersionPrefix);
  for (unsigned int i = 0; i < digest_length; ++i) {
    signature += kHex[digest[i] >> 4];
    signature += kHex[digest[i] & 0x0F];
  }
  return signature;
}

SignatureCheck check_signature(const HttpRequest& request, std::string_view signing_secret,
                               std::chrono::system_clock::time_point now) {
  if (signing_secret.empty()) return SignatureCheck::no_signing_secret;
  auto timestamp = request.headers.get(kTimestampHeader);
  if (!timestamp) return SignatureCheck::missing_timestamp;
  auto given = request.headers.get(kSignatureHeader);
  if (!given) return SignatureCheck::missing_signature;
  if (auto when = check_timestamp(*timestamp, now); when != SignatureCheck::valid) return when;
  if (!is_well_formed_signature(*given)) return SignatureCheck::malformed_signature;
  // Slack sends lowercase hex; accept either case rather than fail on a proxy's rewrite.
  std::string normalized(*given);
  for (char& c : normalized) c = lower(c);
  const std::string expected = sign(signing_secret, *timestamp, request.body);
  // Both are exactly 67 bytes here, so the comparison's time depends on neither value.
  if (CRYPTO_memcmp(expected.data(), normalized.data(), expected.size()) != 0) {
    return SignatureCheck::mismatch;
  }
  return SignatureCheck::valid;
}

Result<void> verify(const HttpRequest& request, std::string_view signing_secret,
                    std::chrono::system_clock::time_point now) {
  const SignatureCheck check = check_signature(request, signing_secret, now);
  if (check == SignatureCheck::valid) return {};
  return make_error(ErrorCode::unauthorized, std::string(to_string(check)));
}

}  // namespace triagebot::adapters::slack
