#include "bot/net/client_tls.h"

#include <boost/asio/buffer.hpp>
#include <boost/system/error_code.hpp>

namespace triagebot::bot::net {

Result<void> configure_client_tls(boost::asio::ssl::context& context,
                                  std::string_view extra_ca_pem) {
  namespace ssl = boost::asio::ssl;
  context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                      ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  boost::system::error_code ec;
  context.set_default_verify_paths(ec);
  if (ec) {
    return make_error(ErrorCode::tls, "cannot load the system certificate store: " + ec.message());
  }
  if (!extra_ca_pem.empty()) {
    context.add_certificate_authority(boost::asio::buffer(extra_ca_pem.data(), extra_ca_pem.size()),
                                      ec);
    if (ec)
      return make_error(ErrorCode::tls, "cannot load the extra CA certificate: " + ec.message());
  }
  context.set_verify_mode(ssl::verify_peer);
  return {};
}

}  // namespace triagebot::bot::net
