// TlsFront: TLS in front of one of the plain fakes (FakeApiServer, FakeSocketModeServer),
// so a client's https:// and wss:// paths are tested against the same fakes as its plain
// ones. It listens on 127.0.0.1 with an ephemeral port, completes each TLS handshake
// with the given identity (tests/support/localhost_certificate.h), then opens a plain
// connection to the fake and relays bytes both ways until either side closes or fails,
// which closes both.
//
// Why a relay rather than TLS servers of their own: a Beast WebSocket or HTTP server
// over an SSL stream was the most expensive code the suites compiled (about a minute of
// instrumented build per test file), and it duplicated what the fakes already do.
//
//   FakeApiServer api;
//   TlsFront front(make_localhost_certificate(), api.port());
//   // client to "https://localhost:" + std::to_string(front.port()), trusting the identity
//
// Ownership and threads: one io_context and one thread, started by the constructor and
// joined by the destructor (which closes every relayed connection). The getters may be
// called from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "tests/support/localhost_certificate.h"

namespace triagebot::testing {

class TlsFront {
 public:
  TlsFront(const KeyAndCertificate& identity, std::uint16_t plain_port);
  ~TlsFront();
  TlsFront(const TlsFront&) = delete;
  TlsFront& operator=(const TlsFront&) = delete;

  std::uint16_t port() const;
  // Handshakes completed so far (a client that keeps its connection alive makes one).
  int handshakes() const;
  // The server name (SNI) the last completed handshake asked for; "" if it sent none.
  std::string server_name() const;

  struct State;  // defined in the .cpp

 private:
  std::shared_ptr<State> state_;
};

}  // namespace triagebot::testing
