// application/x-www-form-urlencoded bodies, as Slack's interactivity requests send them
// (PLATFORMS.md §2.3: one field, `payload`, holding URL-encoded JSON). Pure; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace triagebot::adapters::slack {

// Decodes %XX escapes and '+' as a space (the form encoding, not RFC 3986 paths).
// A '%' not followed by two hex digits makes the whole value malformed: nullopt.
std::optional<std::string> form_decode(std::string_view encoded);

// The decoded value of the first `name=` field of a form body; nullopt when the field
// is absent or malformed.
std::optional<std::string> form_field(std::string_view body, std::string_view name);

}  // namespace triagebot::adapters::slack
