// The TLS settings every outbound client shares (HttpClient, WebSocketClient): TLS 1.2
// or later, the system's certificate store plus an optional extra CA (tests), and the
// peer's certificate verified. Host-name checks and SNI are per connection, in each
// client.
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <string_view>

#include "dialogs/result.h"

namespace triagebot::bot::net {

// Errors: the certificate store or the extra CA cannot be loaded (code tls).
Result<void> configure_client_tls(boost::asio::ssl::context& context,
                                  std::string_view extra_ca_pem);

}  // namespace triagebot::bot::net
