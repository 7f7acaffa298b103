#include "tests/support/tls_front.h"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace triagebot::testing {
namespace {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

}  // namespace

// Named, not anonymous: TlsFront::State holds these types, and GCC rejects a class with
// external linkage whose members use the anonymous namespace (-Wsubobject-linkage).
namespace tls_front_relay {

// One client's connection: its TLS side and the plain connection to the fake.
struct Relay : std::enable_shared_from_this<Relay> {
  Relay(tcp::socket socket, ssl::context& context)
      : tls(std::move(socket), context), plain(tls.get_executor()) {}

  // Either side closing or failing ends both: the client then sees its connection end as
  // it would with the fake itself.
  void close() {
    error_code ignored;
    tls.lowest_layer().close(ignored);
    plain.close(ignored);
  }

  ssl::stream<tcp::socket> tls;
  tcp::socket plain;
  std::array<char, 16 * 1024> from_client{};
  std::array<char, 16 * 1024> from_fake{};
};

// Copies what `from` reads to `to` until either fails.
template <class From, class To>
void pump(const std::shared_ptr<Relay>& relay, From& from, To& to,
          std::array<char, 16 * 1024>& buffer) {
  from.async_read_some(
      asio::buffer(buffer), [relay, &from, &to, &buffer](error_code ec, std::size_t n) {
        if (ec) return relay->close();
        asio::async_write(to, asio::buffer(buffer.data(), n),
                          [relay, &from, &to, &buffer](error_code write_ec, std::size_t) {
                            if (write_ec) return relay->close();
                            pump(relay, from, to, buffer);
                          });
      });
}

}  // namespace tls_front_relay

struct TlsFront::State {
  State(const KeyAndCertificate& identity, std::uint16_t port)
      : context(ssl::context::tls_server), fake(asio::ip::make_address("127.0.0.1"), port) {
    context.use_certificate_chain(asio::buffer(identity.certificate_pem));
    context.use_private_key(asio::buffer(identity.key_pem), ssl::context::pem);
    acceptor.open(tcp::v4());
    acceptor.bind(tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    acceptor.listen();
  }

  void accept() {
    acceptor.async_accept([this](error_code ec, tcp::socket socket) {
      if (ec) return;
      auto relay = std::make_shared<tls_front_relay::Relay>(std::move(socket), context);
      relays.push_back(relay);
      relay->tls.async_handshake(ssl::stream_base::server, [this, relay](error_code handshake_ec) {
        if (handshake_ec) return relay->close();
        const char* name =
            SSL_get_servername(relay->tls.native_handle(), TLSEXT_NAMETYPE_host_name);
        {
          std::lock_guard lock(mutex);
          server_name = name != nullptr ? name : "";
        }
        ++handshakes;
        relay->plain.async_connect(fake, [relay](error_code connect_ec) {
          if (connect_ec) return relay->close();
          tls_front_relay::pump(relay, relay->tls, relay->plain, relay->from_client);
          tls_front_relay::pump(relay, relay->plain, relay->tls, relay->from_fake);
        });
      });
      accept();
    });
  }

  // Declared before the io_context, so the streams its handlers still hold are
  // destroyed while the SSL context they use is alive.
  ssl::context context;
  tcp::endpoint fake;
  asio::io_context io;
  tcp::acceptor acceptor{io};
  std::vector<std::weak_ptr<tls_front_relay::Relay>> relays;  // the io thread's only
  std::thread thread;
  std::atomic<int> handshakes{0};
  mutable std::mutex mutex;
  std::string server_name;
};

TlsFront::TlsFront(const KeyAndCertificate& identity, std::uint16_t plain_port)
    : state_(std::make_shared<State>(identity, plain_port)) {
  state_->accept();
  state_->thread = std::thread([state = state_.get()] { state->io.run(); });
}

TlsFront::~TlsFront() {
  asio::post(state_->io, [state = state_.get()] {
    error_code ignored;
    state->acceptor.close(ignored);
    for (const auto& weak : state->relays) {
      if (auto relay = weak.lock()) relay->close();
    }
  });
  state_->thread.join();  // run() returns once every closed relay's handlers have ended
}

std::uint16_t TlsFront::port() const { return state_->acceptor.local_endpoint().port(); }

int TlsFront::handshakes() const { return state_->handshakes.load(); }

std::string TlsFront::server_name() const {
  std::lock_guard lock(state_->mutex);
  return state_->server_name;
}

}  // namespace triagebot::testing
