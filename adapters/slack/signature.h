// Slack request signatures (PLATFORMS.md §2.2): every request Slack sends over HTTP
// (events, interactivity) carries X-Slack-Signature = "v0=" + hex HMAC-SHA256(signing
// secret, "v0:<timestamp>:<raw body>") and X-Slack-Request-Timestamp. The shell checks
// both before parsing and answers 401, storing nothing, on anything but `valid`.
//
// Pure: the caller passes `now`, so tests need no clock and replays are exact. Safe
// from any thread. Neither the secret nor the signatures appear in any result.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "adapters/http_types.h"
#include "dialogs/result.h"

namespace triagebot::adapters::slack {

inline constexpr std::string_view kSignatureHeader = "X-Slack-Signature";
inline constexpr std::string_view kTimestampHeader = "X-Slack-Request-Timestamp";
// Older or newer than this against our clock, a request may be a replay (§2.2 step 2).
inline constexpr std::chrono::seconds kMaxClockSkew{5 * 60};

// Each way a request can fail the check, so logs and metrics can tell a replay from a
// misconfigured secret; `valid` is the only pass. Wire names are the enum names.
enum class SignatureCheck {
  valid,
  no_signing_secret,  // none configured: fail closed
  missing_timestamp,
  malformed_timestamp,  // not 1–12 decimal digits (a larger number is future_timestamp)
  stale_timestamp,      // more than kMaxClockSkew before now
  future_timestamp,     // more than kMaxClockSkew after now
  missing_signature,
  malformed_signature,  // not "v0=" followed by 64 hex digits
  mismatch,             // wrong secret, or a body changed after signing
};

std::string_view to_string(SignatureCheck check);

SignatureCheck check_signature(const HttpRequest& request, std::string_view signing_secret,
                               std::chrono::system_clock::time_point now);

// check_signature as a Result: anything but `valid` is Error{ErrorCode::unauthorized,
// to_string(check)}.
Result<void> verify(const HttpRequest& request, std::string_view signing_secret,
                    std::chrono::system_clock::time_point now);

// "v0=" + 64 lowercase hex digits: the signature Slack would send for this body at this
// timestamp. The check uses it; so can tests and a fake Slack that signs what it sends.
std::string sign(std::string_view signing_secret, std::string_view timestamp,
                 std::string_view body);

}  // namespace triagebot::adapters::slack
