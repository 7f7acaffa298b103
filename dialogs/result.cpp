#include "dialogs/result.h"

#include <ostream>

#include <nlohmann/json.hpp>

namespace triagebot {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::bad_request:
      return "bad_request";
    case ErrorCode::unauthorized:
      return "unauthorized";
    case ErrorCode::not_found:
      return "not_found";
    case ErrorCode::conflict:
      return "conflict";
    case ErrorCode::overloaded:
      return "overloaded";
    case ErrorCode::closed:
      return "closed";
    case ErrorCode::cancelled:
      return "cancelled";
    case ErrorCode::usage:
      return "usage";
    case ErrorCode::bad_config:
      return "bad_config";
    case ErrorCode::bad_url:
      return "bad_url";
    case ErrorCode::bad_address:
      return "bad_address";
    case ErrorCode::listen_failed:
      return "listen_failed";
    case ErrorCode::database_in_use:
      return "database_in_use";
    case ErrorCode::already_started:
      return "already_started";
    case ErrorCode::bad_knowledge:
      return "bad_knowledge";
    case ErrorCode::bad_phrase:
      return "bad_phrase";
    case ErrorCode::dictionary_missing:
      return "dictionary_missing";
    case ErrorCode::dictionary_unreadable:
      return "dictionary_unreadable";
    case ErrorCode::storage:
      return "storage";
    case ErrorCode::bad_row:
      return "bad_row";
    case ErrorCode::bad_session:
      return "bad_session";
    case ErrorCode::corrupt_session:
      return "corrupt_session";
    case ErrorCode::unsupported_session_version:
      return "unsupported_session_version";
    case ErrorCode::schema_mismatch:
      return "schema_mismatch";
    case ErrorCode::schema_too_new:
      return "schema_too_new";
    case ErrorCode::connection:
      return "connection";
    case ErrorCode::timeout:
      return "timeout";
    case ErrorCode::response_too_large:
      return "response_too_large";
    case ErrorCode::message_too_large:
      return "message_too_large";
    case ErrorCode::handshake:
      return "handshake";
    case ErrorCode::tls:
      return "tls";
    case ErrorCode::bad_response:
      return "bad_response";
    case ErrorCode::api_error:
      return "api_error";
    case ErrorCode::blocked:
      return "blocked";
    case ErrorCode::unreachable:
      return "unreachable";
    case ErrorCode::internal:
      return "internal";
  }
  return "internal";  // not reached: the switch names every code (-Wswitch)
}

std::ostream& operator<<(std::ostream& out, ErrorCode code) { return out << to_string(code); }

void to_json(nlohmann::json& json, ErrorCode code) { json = to_string(code); }

}  // namespace triagebot
