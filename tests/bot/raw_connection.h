// A raw TCP connection to a test server on 127.0.0.1, for byte-level HTTP tests: the
// request goes out exactly as written, and the answer is read as bytes until the server
// closes (so a test sees every response the server sent, also one too many).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

namespace triagebot::testing {

struct RawConnection {
  explicit RawConnection(std::uint16_t port) : socket(context) {
    socket.connect(
        boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  }
  void send(std::string_view bytes) {
    boost::asio::write(socket, boost::asio::buffer(bytes.data(), bytes.size()));
  }
  // Everything until the server closes the connection.
  std::string read_to_end() {
    std::string out;
    boost::system::error_code ec;
    boost::asio::read(socket, boost::asio::dynamic_buffer(out), ec);
    return out;
  }
  boost::asio::io_context context;
  boost::asio::ip::tcp::socket socket;
};

}  // namespace triagebot::testing
