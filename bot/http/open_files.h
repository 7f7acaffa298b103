// The open-file budget of the server: every connection holds a descriptor, so
// TRIAGEBOT_MAX_CONNECTIONS must fit under RLIMIT_NOFILE, or accept() fails with
// EMFILE at the worst moment (and so does opening the database or a socket to
// Telegram). Checked once at start, before anything is opened.
//
// raise_open_file_limit() lifts the soft limit to the hard one (systemd and Docker
// start services with a soft 1024 under a much higher hard limit). fit_connections()
// then decides: a cap the operator set that does not fit is refused (exit 2), a
// default that does not fit is lowered with a warning.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "dialogs/result.h"

namespace triagebot::bot::http {

// Descriptors kept for everything but client connections: the database and its
// readers, stdio, the io threads' epoll and timers, outbound sockets, and sockets that
// are being refused past the cap (each is held for its short answer).
inline constexpr std::size_t kReservedDescriptors = 256;

struct ConnectionBudget {
  std::size_t max_connections = 0;
  std::optional<std::string> lowered_from;  // set when the default was lowered to fit
};

// `open_files` is the soft limit in effect (nullopt: unlimited). Error code
// "bad_config" when `explicitly_set` and the cap does not fit, or when the limit is too
// low to serve at all.
Result<ConnectionBudget> fit_connections(std::size_t max_connections, bool explicitly_set,
                                         std::optional<std::uint64_t> open_files);

// Raises the soft RLIMIT_NOFILE to the hard limit; returns the soft limit now in
// effect (nullopt: unlimited). If it cannot be read, assumes the common 1024.
std::optional<std::uint64_t> raise_open_file_limit();

}  // namespace triagebot::bot::http
