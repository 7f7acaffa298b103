// Widget session credentials: an unguessable session id (in URLs) and a separate bearer
// token (in the Authorization header), so a leaked URL or log line alone never grants
// access. The store keeps only token_hash(token), so a copy of the database holds no
// usable token. Pure apart from reading OpenSSL's CSPRNG; safe to call from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "adapters/http_types.h"

namespace triagebot::adapters::widget {

// 128 random bits as 32 lowercase hex digits (safe in a URL path and in logs).
std::string new_session_id();
// 256 random bits as 43 characters of unpadded URL-safe base64 (RFC 4648 §5).
std::string new_token();

// True when `id` has the shape new_session_id() produces. Lets a handler answer 404 for
// junk ids without touching the store.
bool is_session_id(std::string_view id);

// SHA-256 of the token, as 64 lowercase hex digits.
std::string token_hash(std::string_view token);

// Hashes `presented` and compares with `stored_hash` in constant time (CRYPTO_memcmp),
// so response timing says nothing about how much of a guess was right.
bool token_matches(std::string_view presented, std::string_view stored_hash);

// The token of an `Authorization: Bearer <token>` header (scheme case-insensitive,
// RFC 6750 §2.1); std::nullopt when the header is missing, of another scheme, or empty.
// The view points into `headers`.
std::optional<std::string_view> bearer_token(const Headers& headers);

}  // namespace triagebot::adapters::widget
