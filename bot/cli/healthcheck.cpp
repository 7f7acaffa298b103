#include "bot/cli/healthcheck.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace triagebot::bot {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

Result<int> http_get_status(const std::string& host, std::uint16_t port, const std::string& target,
                            std::chrono::milliseconds timeout) {
  boost::system::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (ec) return make_error(ErrorCode::bad_address, "not an IP address: " + host);
  if (address.is_unspecified()) {
    address = address.is_v6() ? asio::ip::address(asio::ip::address_v6::loopback())
                              : asio::ip::address(asio::ip::address_v4::loopback());
  }
  // Async operations on a private io_context, so one deadline bounds the whole exchange.
  asio::io_context context;
  beast::tcp_stream stream(context);
  beast::flat_buffer buffer;
  bhttp::request<bhttp::empty_body> request{bhttp::verb::get, target, 11};
  request.set(bhttp::field::host, host);
  request.keep_alive(false);
  bhttp::response<bhttp::string_body> response;
  beast::error_code failure;
  stream.expires_after(timeout);
  stream.async_connect(tcp::endpoint(address, port), [&](beast::error_code connect_ec) {
    if (connect_ec) {
      failure = connect_ec;
      return;
    }
    bhttp::async_write(stream, request, [&](beast::error_code write_ec, std::size_t) {
      if (write_ec) {
        failure = write_ec;
        return;
      }
      bhttp::async_read(stream, buffer, response,
                        [&](beast::error_code read_ec, std::size_t) { failure = read_ec; });
    });
  });
  context.run();
  if (failure) return make_error(ErrorCode::unreachable, failure.message());
  return static_cast<int>(response.result_int());
}

}  // namespace triagebot::bot
