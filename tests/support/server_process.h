// Runs the real `triagebot` binary (TRIAGEBOT_BINARY) as a child process for tests.
//
// ServerProcess starts it (by default `triagebot serve` on 127.0.0.1 port 0 with its
// database in a fresh TempDir), captures stdout and stderr in background threads,
// waits for the `listening on http://HOST:PORT` line with a deadline, and sends
// signals. The child gets this process's environment without any TRIAGEBOT_*
// variable, then the defaults below, then `env` (later entries win).
//
//   ServerProcess server({.env = {{"TRIAGEBOT_LOG_LEVEL", "debug"}}});
//   ASSERT_TRUE(server.wait_for_listening()) << server.stderr_text();
//   HttpClient client("127.0.0.1", server.port());
//   server.terminate();
//   EXPECT_EQ(server.wait_for_exit(), 0);
//
// run_triagebot() runs a command to its end (config errors, --help, ...).
// Threads: use one object from one test thread; the text getters are thread-safe.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "tests/support/temp_dir.h"

namespace triagebot::testing {

using EnvVars = std::vector<std::pair<std::string, std::string>>;

struct ServerProcessOptions {
  std::vector<std::string> args = {"serve"};
  // On top of the defaults TRIAGEBOT_LISTEN=127.0.0.1:0, TRIAGEBOT_DB=<temp>/triagebot.db,
  // TRIAGEBOT_THREADS=2.
  EnvVars env = {};
  std::string binary = TRIAGEBOT_BINARY;
  // Written to the child's stdin, which is then closed (so stdin is never the test's).
  std::string stdin_text = {};
  // Generous: sanitizer builds start slowly on a loaded 2-core machine.
  std::chrono::milliseconds start_timeout = std::chrono::seconds(30);
};

class ServerProcess {
 public:
  explicit ServerProcess(ServerProcessOptions options = {});
  ~ServerProcess();  // SIGKILL if still running, then reap
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Waits for the listening line; false if the deadline passes or the process exits.
  bool wait_for_listening();
  std::string host() const;  // from the listening line, e.g. "127.0.0.1"
  std::uint16_t port() const;

  std::string stdout_text() const;
  std::string stderr_text() const;
  // Waits until stderr contains `needle`.
  bool wait_for_stderr(std::string_view needle,
                       std::chrono::milliseconds deadline = std::chrono::seconds(10)) const;

  // After exit: waits until both pipes are read to their end, so the texts are whole.
  bool wait_for_output_end(std::chrono::milliseconds deadline = std::chrono::seconds(5)) const;

  void send_signal(int signal);
  void terminate();  // SIGTERM
  void kill();       // SIGKILL
  // Exit code (128 + signal number if a signal ended it), or nullopt at the deadline.
  std::optional<int> wait_for_exit(std::chrono::milliseconds deadline = std::chrono::seconds(30));
  bool running();
  pid_t pid() const { return pid_; }
  // The directory holding the default database.
  const TempDir& dir() const { return dir_; }

 private:
  struct Output;  // captured bytes of one pipe

  TempDir dir_;
  ServerProcessOptions options_;
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
  std::unique_ptr<Output> out_;
  std::unique_ptr<Output> err_;
  std::string host_;
  std::uint16_t port_ = 0;
};

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `triagebot args...` with the same environment rules as ServerProcess (its
// database in a temp dir unless `env` names one) and waits for it to exit.
ProcessResult run_triagebot(std::vector<std::string> args, EnvVars env = {},
                            std::chrono::milliseconds deadline = std::chrono::seconds(30));
// The same with every option, e.g. {.args = {"chat"}, .stdin_text = "hello\n"}.
ProcessResult run_triagebot(ServerProcessOptions options,
                            std::chrono::milliseconds deadline = std::chrono::seconds(30));

}  // namespace triagebot::testing
