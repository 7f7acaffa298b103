#include "bot/http/open_files.h"

#include <sys/resource.h>

#include "bot/http/server.h"

namespace triagebot::bot::http {

Result<ConnectionBudget> fit_connections(std::size_t max_connections, bool explicitly_set,
                                         std::optional<std::uint64_t> open_files) {
  constexpr std::size_t kOverhead = kReservedDescriptors + kHealthSlots;
  if (!open_files || *open_files >= max_connections + kOverhead) {
    return ConnectionBudget{.max_connections = max_connections, .lowered_from = std::nullopt};
  }
  const auto limit = std::to_string(*open_files);
  if (explicitly_set) {
    return make_error(ErrorCode::bad_config,
                      "TRIAGEBOT_MAX_CONNECTIONS: " + std::to_string(max_connections) +
                          " connections need " + std::to_string(max_connections + kOverhead) +
                          " open files, but the limit is " + limit +
                          "; raise it (ulimit -n, LimitNOFILE=, docker --ulimit nofile=) or "
                          "lower TRIAGEBOT_MAX_CONNECTIONS");
  }
  if (*open_files <= kOverhead) {
    return make_error(ErrorCode::bad_config,
                      "the open-file limit " + limit +
                          " is too low to serve; raise it (ulimit -n) above " +
                          std::to_string(kOverhead));
  }
  return ConnectionBudget{.max_connections = static_cast<std::size_t>(*open_files - kOverhead),
                          .lowered_from = std::to_string(max_connections)};
}

std::optional<std::uint64_t> raise_open_file_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur != limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  if (limit.rlim_cur == RLIM_INFINITY) return std::nullopt;
  return static_cast<std::uint64_t>(limit.rlim_cur);
}

}  // namespace triagebot::bot::http
