#include "bot/review/admin_routes.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include "adapters/common/text_measure.h"
#include "bot/http/client_address.h"
#include "bot/http/rate_limiter.h"
#include "bot/http/responses.h"
#include "bot/obs/log.h"
#include "bot/review/review_filter.h"
#include "bot/review/stats_filter.h"

namespace triagebot::embedded {
std::string_view asset_admin_html();
std::string_view asset_admin_js();
std::string_view asset_admin_css();
}  // namespace triagebot::embedded

namespace triagebot::bot {
namespace {

using adapters::HttpRequest;
using adapters::HttpResponse;
using http::json_error;
using http::json_response;
using http::Respond;
using Digest = std::array<unsigned char, 32>;

constexpr std::size_t kMaxNoteLength = 2000;
constexpr std::size_t kMaxReviewerLength = 100;

Digest sha256(std::string_view text) {
  Digest digest{};
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr);
  return digest;
}

struct AdminState {
  AdminState(storage::Store& store_in, const std::string& token, AdminOptions options_in)
      : store(store_in),
        token_digest(sha256(token)),
        enabled(!token.empty()),
        options(std::move(options_in)),
        failures(http::RateLimitOptions{
            .burst = std::max<std::size_t>(options.failures_per_minute, 1),
            .refill_every = std::chrono::milliseconds(
                60000 / std::max<std::size_t>(options.failures_per_minute, 1)),
            .max_keys = 100000}) {}
  storage::Store& store;
  Digest token_digest;
  bool enabled;  // an empty token opens nothing
  AdminOptions options;
  http::RateLimiter failures;  // failed authentications per address key
  boost::asio::thread_pool reads{1};
};

HttpResponse no_store(HttpResponse response) {
  response.headers.set("Cache-Control", "no-store");
  return response;
}

HttpResponse error_response(int status, std::string code, std::string message) {
  auto response = no_store(json_error(status, std::move(code), std::move(message)));
  if (status == 503) response.headers.set("Retry-After", "1");
  return response;
}

// Storage errors as HTTP answers; storage's own message is not passed on (it may name
// SQL), but its code picks the status.
HttpResponse storage_error(const Error& error) {
  if (error.code == ErrorCode::bad_request)
    return error_response(400, "bad_request", error.message);
  if (error.code == ErrorCode::not_found)
    return error_response(404, "not_found", "no such conversation");
  if (error.code == ErrorCode::overloaded) {
    return error_response(503, "overloaded", "the database is busy; try again shortly");
  }
  if (error.code == ErrorCode::closed)
    return error_response(503, "shutting_down", "the server is stopping");
  log(LogLevel::error, "admin_storage_error", {{"code", error.code}});
  return error_response(500, "storage", "the database did not answer");
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// RFC 9110 §11.6.2 / RFC 6750 §2.1: `Bearer <token>`, the scheme case-insensitive.
bool authorized(const AdminState& state, const HttpRequest& request) {
  if (!state.enabled) return false;
  const auto header = request.headers.get("Authorization");
  if (!header) return false;
  const auto value = trim(*header);
  constexpr std::string_view kScheme = "bearer ";
  if (value.size() <= kScheme.size()) return false;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(value[i])) != kScheme[i]) return false;
  }
  const auto given = sha256(trim(value.substr(kScheme.size())));
  return CRYPTO_memcmp(given.data(), state.token_digest.data(), given.size()) == 0;
}

// Ids are positive decimal integers; anything else names no conversation.
std::optional<std::int64_t> parse_id(std::string_view text) {
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

bool has_control(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return true;
  }
  return false;
}

// The verdict body (API.md); nlohmann's parser has already refused invalid UTF-8.
Result<storage::VerdictRecord> parse_verdict(std::string_view body) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  auto bad = [](std::string message) {
    return make_error(ErrorCode::bad_request, std::move(message));
  };
  if (json.is_discarded() || !json.is_object()) return bad("the body must be a JSON object");
  storage::VerdictRecord record;
  const auto verdict = json.find("verdict");
  if (verdict == json.end() || !verdict->is_string()) return bad("verdict is required");
  record.verdict = verdict->get<std::string>();
  if (!is_verdict_kind(record.verdict)) {
    return bad("verdict must be agree, over_triage, under_triage, wrong_causes or other");
  }
  if (const auto note = json.find("note"); note != json.end() && !note->is_null()) {
    if (!note->is_string()) return bad("note must be a string");
    record.note = note->get<std::string>();
    if (adapters::common::code_points(record.note) > kMaxNoteLength) {
      return bad("note is longer than " + std::to_string(kMaxNoteLength) + " characters");
    }
  }
  const auto reviewer = json.find("reviewer");
  if (reviewer == json.end() || !reviewer->is_string()) return bad("reviewer is required");
  record.reviewer = std::string(trim(reviewer->get_ref<const std::string&>()));
  if (record.reviewer.empty() ||
      adapters::common::code_points(record.reviewer) > kMaxReviewerLength ||
      has_control(record.reviewer)) {
    return bad("reviewer must be a name of 1 to " + std::to_string(kMaxReviewerLength) +
               " characters on one line");
  }
  return record;
}

HttpResponse asset(std::string_view body, std::string content_type) {
  HttpResponse response;
  response.content_type = std::move(content_type);
  response.body = std::string(body);
  response = no_store(std::move(response));
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "no-referrer");
  // Only our own script, style and API: the page shows health data, so nothing else
  // may load, run or frame it.
  response.headers.set("Content-Security-Policy",
                       "default-src 'none'; script-src 'self'; style-src 'self'; "
                       "connect-src 'self'; img-src 'self'; form-action 'none'; "
                       "base-uri 'none'; frame-ancestors 'none'");
  return response;
}

// Wraps an API handler with the lockout and the token check.
http::Handler with_token(std::shared_ptr<AdminState> state, std::string_view route,
                         http::Handler handler) {
  return [state = std::move(state), route, handler = std::move(handler)](HttpRequest request,
                                                                         Respond respond) {
    const auto client = http::client_address(request, state->options.trusted_proxies);
    const auto key = http::address_key(client);
    const auto now = std::chrono::steady_clock::now();
    // Checked before the token, so a locked-out address learns nothing from its guesses.
    if (const auto locked = state->failures.peek(key, now); !locked.allowed) {
      log(LogLevel::warn, "admin_locked_out", {{"route", route}, {"client", client}});
      auto response = error_response(429, "too_many_failures",
                                     "too many failed admin sign-ins from this address; try "
                                     "again later");
      response.headers.set("Retry-After", std::to_string(locked.retry_after.count()));
      return respond(std::move(response));
    }
    if (!authorized(*state, request)) {
      state->failures.check(key, now);
      log(LogLevel::warn, "admin_unauthorized", {{"route", route}, {"client", client}});
      auto response = error_response(401, "unauthorized", "the admin token is missing or wrong");
      response.headers.set("WWW-Authenticate", "Bearer realm=\"triagebot-admin\"");
      return respond(std::move(response));
    }
    handler(std::move(request), std::move(respond));
  };
}

void list_conversations(AdminState& state, HttpRequest request, Respond respond) {
  auto params = parse_query_string(request.query);
  if (!params) return respond(error_response(400, "bad_request", params.error().message));
  auto filter = make_list_filter(*params);
  if (!filter) return respond(error_response(400, "bad_request", filter.error().message));
  // Captures the store, not the state: the pool must never hold the last reference to
  // itself (its destructor joins its own thread).
  boost::asio::post(state.reads, [&store = state.store, filter = std::move(*filter),
                                  respond = std::move(respond)] {
    auto page = store.readers().list_conversations(filter);
    if (!page) return respond(storage_error(page.error()));
    nlohmann::json conversations = nlohmann::json::array();
    for (const auto& summary : page->conversations) conversations.push_back(to_json(summary));
    respond(no_store(
        json_response(200, {{"conversations", std::move(conversations)},
                            {"next_cursor", page->next_cursor ? nlohmann::json(*page->next_cursor)
                                                              : nlohmann::json(nullptr)}})));
  });
}

void get_stats(AdminState& state, HttpRequest request, Respond respond) {
  auto params = parse_query_string(request.query);
  if (!params) return respond(error_response(400, "bad_request", params.error().message));
  auto filter = make_stats_filter(*params);
  if (!filter) return respond(error_response(400, "bad_request", filter.error().message));
  boost::asio::post(state.reads, [&store = state.store, filter = std::move(*filter),
                                  respond = std::move(respond)] {
    auto stats = store.readers().stats(filter);
    if (!stats) return respond(storage_error(stats.error()));
    respond(no_store(json_response(200, to_json(*stats))));
  });
}

void get_conversation(AdminState& state, HttpRequest request, Respond respond) {
  const auto id = parse_id(request.param("id"));
  if (!id) return respond(error_response(404, "not_found", "no such conversation"));
  boost::asio::post(state.reads, [&store = state.store, id = *id, respond = std::move(respond)] {
    auto detail = store.readers().get_conversation(id);
    if (!detail) return respond(storage_error(detail.error()));
    respond(no_store(json_response(200, to_json(*detail))));
  });
}

void add_verdict(AdminState& state, HttpRequest request, Respond respond) {
  const auto id = parse_id(request.param("id"));
  if (!id) return respond(error_response(404, "not_found", "no such conversation"));
  auto record = parse_verdict(request.body);
  if (!record) return respond(error_response(400, "bad_request", record.error().message));
  record->at = storage::Clock::now();
  const nlohmann::json answer = {{"verdict", record->verdict},
                                 {"note", record->note},
                                 {"reviewer", record->reviewer},
                                 {"at", storage::format_rfc3339(record->at)}};
  storage::WorkItem item;
  item.work = [id = *id, record = std::move(*record)](storage::WriteTransaction& tx) {
    auto added = tx.add_verdict(id, record);
    return added ? Result<void>() : Result<void>(added.error());
  };
  // Runs on the writer's finisher thread once the verdict is durable; Respond posts to the
  // connection's own executor, so this stays short.
  item.completion = [id = *id, answer, respond](Result<void> done) {
    if (!done) return respond(storage_error(done.error()));
    log(LogLevel::info, "admin_verdict", {{"conversation_id", id}, {"verdict", answer["verdict"]}});
    respond(no_store(json_response(201, answer)));
  };
  auto submitted = state.store.writer().submit(std::move(item));
  if (!submitted) respond(storage_error(submitted.error()));
}

}  // namespace

void add_admin_routes(http::Router& router, storage::Store& store, std::string admin_token,
                      AdminOptions options) {
  auto state = std::make_shared<AdminState>(store, admin_token, std::move(options));
  router.add("GET", "/admin", [](HttpRequest, Respond respond) {
    respond(asset(embedded::asset_admin_html(), "text/html; charset=utf-8"));
  });
  router.add("GET", "/admin/admin.js", [](HttpRequest, Respond respond) {
    respond(asset(embedded::asset_admin_js(), "text/javascript; charset=utf-8"));
  });
  router.add("GET", "/admin/admin.css", [](HttpRequest, Respond respond) {
    respond(asset(embedded::asset_admin_css(), "text/css; charset=utf-8"));
  });

  const auto api = [&](std::string method, std::string_view pattern,
                       void (*handler)(AdminState&, HttpRequest, Respond)) {
    router.add(std::move(method), std::string(pattern),
               with_token(state, pattern,
                          [raw = state.get(), handler](HttpRequest request, Respond respond) {
                            handler(*raw, std::move(request), std::move(respond));
                          }));
  };
  api("GET", "/admin/api/conversations", list_conversations);
  api("GET", "/admin/api/stats", get_stats);
  api("GET", "/admin/api/conversations/{id}", get_conversation);
  api("POST", "/admin/api/conversations/{id}/verdicts", add_verdict);
}

}  // namespace triagebot::bot
