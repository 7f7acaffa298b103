// Internal to bot/http: what RFC 9112 asks of a request's framing and target before
// anything of its body is read. Pure functions over a parsed Beast header; any thread.
//
// Beast decides the body's length from Transfer-Encoding and Content-Length, but it
// lets through combinations that another parser on the path (a proxy, a CDN) would
// read differently, which is how requests are smuggled: `Transfer-Encoding: gzip`
// leaves Beast with no body, so the body would be parsed as a second request. Such a
// request is refused with 400 and the connection closed (RFC 9112 §6.1, §6.3).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/http/message.hpp>

namespace triagebot::bot::http {

// Why the request's framing or Host is unacceptable, or nullopt when it is fine:
//   - Transfer-Encoding in an HTTP/1.0 request, beside Content-Length, with any coding
//     other than one `chunked` (we decode no other, so gzip too is unknown), or with
//     `chunked` not last;
//   - more than one Content-Length field;
//   - HTTP/1.1 without Host, more than one Host, or a Host that is not a host[:port].
std::optional<std::string> framing_problem(const boost::beast::http::request_header<>& header);

// A request target split for routing (RFC 9112 §3.2).
struct RequestTarget {
  std::string path;   // "/a/b"; "*" for OPTIONS *
  std::string query;  // after '?', undecoded
  // Set for the absolute form (`GET http://host/path`): its host[:port], which stands in
  // for the Host header (RFC 9112 §3.2.2).
  std::optional<std::string> authority;
};

// The origin form (/path?query), the absolute form (http:// or https://, any case) and
// `*` for OPTIONS; nullopt for anything else (a 400).
std::optional<RequestTarget> parse_target(std::string_view method, std::string_view target);

}  // namespace triagebot::bot::http
