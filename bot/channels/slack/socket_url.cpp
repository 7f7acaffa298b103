#include "bot/channels/slack/socket_url.h"

#include <boost/asio/ip/address.hpp>

#include "adapters/slack/api_calls.h"
#include "adapters/slack/web_api_answer.h"

namespace triagebot::bot::slack {
namespace {

// ws://HOST[:port]/... with HOST a literal loopback address (brackets for IPv6).
bool plain_loopback(std::string_view url) {
  if (!url.starts_with("ws://")) return false;
  std::string_view authority = url.substr(5);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  std::string_view host = authority;
  if (host.starts_with('[')) {
    const auto close = host.find(']');
    if (close == std::string_view::npos) return false;
    host = host.substr(1, close - 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(std::string(host), ec);
  return !ec && address.is_loopback();
}

}  // namespace

Result<std::string> socket_url(int http_status, std::string_view body) {
  auto url = adapters::slack::read_connection_url(http_status, body);
  if (url || url.error().code != ErrorCode::bad_response) return url;
  auto answer = adapters::slack::ok_answer(http_status, body, "apps.connections.open");
  if (!answer) return url;
  auto plain = answer->find("url");
  if (plain != answer->end() && plain->is_string() && plain_loopback(plain->get<std::string>())) {
    return plain->get<std::string>();
  }
  return url;
}

}  // namespace triagebot::bot::slack
