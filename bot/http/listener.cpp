#include "bot/http/listener.h"

#include <boost/asio/post.hpp>

#include "bot/http/client_address.h"
#include "bot/http/session.h"
#include "bot/obs/log.h"

namespace triagebot::bot::http {
namespace net = boost::asio;
using tcp = net::ip::tcp;

Listener::Listener(net::io_context& context, ExecutorPicker next_executor,
                   std::shared_ptr<ServerState> state)
    : acceptor_(context),
      retry_(context),
      next_executor_(std::move(next_executor)),
      state_(std::move(state)) {}

Result<tcp::endpoint> Listener::listen(const tcp::endpoint& endpoint) {
  boost::system::error_code ec;
  const auto failed = [&](const char* step) {
    return make_error(ErrorCode::listen_failed,
                      std::string(step) + " " + endpoint.address().to_string() + ":" +
                          std::to_string(endpoint.port()) + ": " + ec.message());
  };
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) return failed("cannot open a socket for");
  acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (ec) return failed("cannot set SO_REUSEADDR for");
  acceptor_.bind(endpoint, ec);
  if (ec) return failed("cannot bind");
  acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return failed("cannot listen on");
  auto local = acceptor_.local_endpoint(ec);
  if (ec) return failed("cannot read the bound address of");
  return local;
}

void Listener::accept() {
  acceptor_.async_accept(next_executor_(), [self = shared_from_this()](boost::system::error_code ec,
                                                                       tcp::socket socket) {
    self->on_accept(ec, std::move(socket));
  });
}

void Listener::close() {
  net::post(acceptor_.get_executor(), [self = shared_from_this()] {
    self->closed_ = true;
    boost::system::error_code ignored;
    self->acceptor_.close(ignored);
    self->retry_.cancel();
  });
}

void Listener::on_accept(boost::system::error_code ec, tcp::socket socket) {
  if (closed_ || ec == net::error::operation_aborted) return;
  if (ec) {
    // Typically out of file descriptors: pause briefly rather than spin on the error.
    log(LogLevel::warn, "http_accept", {{"error", ec.message()}});
    retry_.expires_after(std::chrono::milliseconds(50));
    retry_.async_wait([self = shared_from_this()](boost::system::error_code wait_ec) {
      if (!wait_ec && !self->closed_) self->accept();
    });
    return;
  }
  boost::system::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);  // small JSON answers: don't wait for Nagle
  ServerState::Ticket ticket;
  const auto peer = socket.remote_endpoint(ignored);
  if (!ignored) {
    const auto canonical = canonical_address(peer.address());
    ticket.address = address_key(canonical);
    ticket.capped = !state_->is_uncapped(canonical);
  }
  state_->try_open_connection(ticket);
  switch (ticket.admission) {
    case ServerState::Admission::serve:
    case ServerState::Admission::health_only:
      std::make_shared<Session>(std::move(socket), state_, std::move(ticket))->run();
      break;
    case ServerState::Admission::over_cap:
    case ServerState::Admission::over_address_cap:
      state_->connection_rejected(ticket);
      reject_connection(std::move(socket), ticket.admission);
      break;
  }
  accept();
}

}  // namespace triagebot::bot::http
