// Internal to bot/http: accepts connections and deals them round robin to the io
// threads' io_contexts (see server.cpp for why one io_context per thread).
//
// The acceptor lives on the first io_context; its handlers run there only.
// close() may be called from any thread.
#pragma once

#include <functional>
#include <memory>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "bot/http/server_state.h"
#include "dialogs/result.h"

namespace triagebot::bot::http {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  using ExecutorPicker = std::function<boost::asio::any_io_executor()>;

  Listener(boost::asio::io_context& context, ExecutorPicker next_executor,
           std::shared_ptr<ServerState> state);

  // Opens, binds and listens; the real endpoint (port 0 resolved) or why it failed.
  Result<boost::asio::ip::tcp::endpoint> listen(const boost::asio::ip::tcp::endpoint& endpoint);
  void accept();
  void close();

 private:
  void on_accept(boost::system::error_code ec, boost::asio::ip::tcp::socket socket);

  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_;
  ExecutorPicker next_executor_;
  std::shared_ptr<ServerState> state_;
  bool closed_ = false;
};

}  // namespace triagebot::bot::http
