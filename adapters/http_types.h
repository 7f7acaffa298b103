// Plain HTTP request/response structs that adapters take and give, instead of Beast
// types, so adapter tests can feed platforms/fixtures/ directly (STYLE.md §2).
// The bot/ HTTP server converts Beast messages to and from these.
#pragma once

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace triagebot::adapters {

// ASCII case-insensitive equality (header names, auth schemes, bot usernames).
inline bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

// Header names are case-insensitive (RFC 9110); values are kept byte for byte.
struct Headers {
  std::vector<std::pair<std::string, std::string>> fields;

  std::optional<std::string_view> get(std::string_view name) const {
    for (const auto& [key, value] : fields) {
      if (iequals(key, name)) {
        return std::string_view(value);
      }
    }
    return std::nullopt;
  }
  void set(std::string name, std::string value) {
    fields.emplace_back(std::move(name), std::move(value));
  }
};

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // without the query string
  std::string query;   // after '?', undecoded; never logged
  Headers headers;
  std::string body;            // raw bytes exactly as received (signatures need them)
  std::string remote_address;  // peer IP as text
  // Values of the route pattern's {placeholders}, filled by the router
  // (e.g. {"id", "..."} for /api/widget/sessions/{id}/messages).
  std::vector<std::pair<std::string, std::string>> params;

  std::string_view param(std::string_view name) const {
    for (const auto& [key, value] : params) {
      if (key == name) return value;
    }
    return {};
  }
};

struct HttpResponse {
  int status = 200;
  Headers headers;
  std::string body;
  std::string content_type = "application/json";
};

}  // namespace triagebot::adapters
