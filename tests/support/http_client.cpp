#include "tests/support/http_client.h"

#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace triagebot::testing {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;

std::optional<std::string> HttpResult::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (std::equal(key.begin(), key.end(), name.begin(), name.end(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return value;
    }
  }
  return std::nullopt;
}

nlohmann::json HttpResult::json() const { return nlohmann::json::parse(body, nullptr, false); }

struct HttpClient::Impl {
  std::string host;
  std::uint16_t port;
  std::chrono::milliseconds timeout;
  net::io_context context;
  tcp::socket socket{context};
  beast::flat_buffer buffer;
  std::size_t opened = 0;
  bool used = false;  // at least one exchange on the current connection

  void connect() {
    beast::error_code ec;
    socket = tcp::socket(context);
    socket.connect(tcp::endpoint(net::ip::make_address(host), port), ec);
    if (ec)
      throw std::runtime_error("connect to " + host + ":" + std::to_string(port) + ": " +
                               ec.message());
    // Blocking calls get the timeout from the kernel, so a hung server fails the test.
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    buffer.clear();
    used = false;
    ++opened;
  }

  void close() {
    beast::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
  }

  // nullopt when a reused connection turned out closed before any answer byte.
  std::optional<HttpResult> exchange(const bhttp::request<bhttp::string_body>& request) {
    const bool reused = used;
    used = true;
    beast::error_code ec;
    bhttp::write(socket, request, ec);
    if (ec) {
      if (reused) return std::nullopt;
      throw std::runtime_error("write: " + ec.message());
    }
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    bhttp::read(socket, buffer, parser, ec);
    if (ec) {
      const bool closed_early = ec == bhttp::error::end_of_stream ||
                                ec == net::error::connection_reset || ec == net::error::eof;
      if (reused && closed_early && !parser.got_some()) return std::nullopt;
      throw std::runtime_error("read: " + ec.message());
    }
    auto response = parser.release();
    HttpResult result;
    result.status = static_cast<int>(response.result_int());
    for (const auto& field : response) {
      result.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    result.body = std::move(response.body());
    if (!response.keep_alive()) close();
    return result;
  }
};

HttpClient::HttpClient(std::string host, std::uint16_t port, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->port = port;
  impl_->timeout = timeout;
}

HttpClient::~HttpClient() { impl_->close(); }

HttpResult HttpClient::request(std::string_view method, std::string_view target, std::string body,
                               const HeaderList& headers) {
  bhttp::request<bhttp::string_body> request;
  request.method_string(beast::string_view(method.data(), method.size()));
  request.target(beast::string_view(target.data(), target.size()));
  request.version(11);
  bool has_host = false;
  for (const auto& [name, value] : headers) {
    request.insert(name, value);
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    has_host = has_host || lower == "host";
  }
  if (!has_host) request.set(bhttp::field::host, impl_->host + ":" + std::to_string(impl_->port));
  request.body() = std::move(body);
  request.prepare_payload();
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!impl_->socket.is_open()) impl_->connect();
    if (auto result = impl_->exchange(request)) return std::move(*result);
    impl_->close();  // the server had closed the kept-alive connection: reopen once
  }
  throw std::runtime_error("the server closed the connection twice before answering");
}

std::size_t HttpClient::connections_opened() const { return impl_->opened; }
bool HttpClient::is_open() const { return impl_->socket.is_open(); }
void HttpClient::close() { impl_->close(); }

}  // namespace triagebot::testing
