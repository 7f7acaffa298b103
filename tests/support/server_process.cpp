#include "tests/support/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <map>
#include <stdexcept>

#include "tests/support/wait.h"

extern char** environ;

namespace triagebot::testing {

// Reads one pipe to its end in a thread, keeping everything read.
struct ServerProcess::Output {
  explicit Output(int fd) : fd_(fd), reader_([this] { read_all(); }) {}
  ~Output() {
    reader_.join();
    ::close(fd_);
  }

  bool wait_closed(std::chrono::milliseconds deadline) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, deadline, [&] { return closed_; });
  }

  std::string text() const {
    std::lock_guard lock(mutex_);
    return text_;
  }

  // True once `done(text)` holds, false at the deadline.
  template <class Done>
  bool wait(std::chrono::milliseconds deadline, Done&& done) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, deadline, [&] { return done(text_) || closed_; }) && done(text_);
  }

 private:
  void read_all() {
    char buffer[4096];
    for (;;) {
      const auto n = ::read(fd_, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      std::lock_guard lock(mutex_);
      if (n <= 0) {
        closed_ = true;
        changed_.notify_all();
        return;
      }
      text_.append(buffer, static_cast<std::size_t>(n));
      changed_.notify_all();
    }
  }

  int fd_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::string text_;
  bool closed_ = false;
  std::thread reader_;
};

namespace {

std::vector<std::string> child_environment(const EnvVars& defaults, const EnvVars& extra) {
  std::map<std::string, std::string> vars;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text = *entry;
    const auto equals = text.find('=');
    if (equals == std::string::npos || text.rfind("TRIAGEBOT_", 0) == 0) continue;
    vars[text.substr(0, equals)] = text.substr(equals + 1);
  }
  for (const auto& [name, value] : defaults) vars[name] = value;
  for (const auto& [name, value] : extra) vars[name] = value;
  std::vector<std::string> out;
  for (const auto& [name, value] : vars) out.push_back(name + "=" + value);
  return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

ServerProcess::ServerProcess(ServerProcessOptions options) : options_(std::move(options)) {
  const EnvVars defaults = {{"TRIAGEBOT_LISTEN", "127.0.0.1:0"},
                            {"TRIAGEBOT_DB", (dir_ / "triagebot.db").string()},
                            {"TRIAGEBOT_THREADS", "2"}};
  auto env = child_environment(defaults, options_.env);
  std::vector<std::string> argv = {options_.binary};
  argv.insert(argv.end(), options_.args.begin(), options_.args.end());
  auto envp = pointers(env);
  auto argvp = pointers(argv);

  int in_pipe[2];
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0 ||
      ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe2 failed");
  }
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    // Child: only async-signal-safe calls from here on.
    ::signal(SIGPIPE, SIG_DFL);  // the parent ignores it (below); the child gets the default
    ::dup2(in_pipe[0], STDIN_FILENO);
    ::dup2(out_pipe[1], STDOUT_FILENO);
    ::dup2(err_pipe[1], STDERR_FILENO);
    // Nothing else of the test process may live on in the child: a fake server's
    // listening socket (Asio opens it without CLOEXEC) would keep listening there after
    // the fake closed it, so go_down() would leave connections hanging in its backlog
    // and come_up() could not bind the port again.
    if (::close_range(3, ~0U, 0) != 0) {
      for (int fd = 3; fd < 65536; ++fd) ::close(fd);
    }
    ::execve(argvp[0], argvp.data(), envp.data());
    ::_exit(127);
  }
  // A child that exits before reading its stdin must fail the write, not kill the test.
  ::signal(SIGPIPE, SIG_IGN);
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  // Small texts fit the pipe buffer; a child that exits early just ends the write.
  const std::string& input = options_.stdin_text;
  for (std::size_t written = 0; written < input.size();) {
    const auto n = ::write(in_pipe[1], input.data() + written, input.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  ::close(in_pipe[1]);
  out_ = std::make_unique<Output>(out_pipe[0]);
  err_ = std::make_unique<Output>(err_pipe[0]);
}

ServerProcess::~ServerProcess() {
  if (running()) {
    kill();
    (void)wait_for_exit();
  }
  out_.reset();  // joins the readers: the pipes are at end of file once the child is gone
  err_.reset();
}

bool ServerProcess::wait_for_listening() {
  constexpr std::string_view prefix = "listening on http://";
  std::string address;  // "HOST:PORT" or "[V6]:PORT"
  const bool found = out_->wait(options_.start_timeout, [&](const std::string& text) {
    const auto start = text.find(prefix);
    if (start == std::string::npos) return false;
    const auto end = text.find('\n', start);
    if (end == std::string::npos) return false;
    address = text.substr(start + prefix.size(), end - start - prefix.size());
    return true;
  });
  const auto colon = address.rfind(':');
  if (!found || colon == std::string::npos) return false;
  host_ = address.substr(0, colon);
  if (host_.size() > 2 && host_.front() == '[') host_ = host_.substr(1, host_.size() - 2);
  port_ = static_cast<std::uint16_t>(std::stoi(address.substr(colon + 1)));
  return true;
}

std::string ServerProcess::host() const { return host_; }
std::uint16_t ServerProcess::port() const { return port_; }
std::string ServerProcess::stdout_text() const { return out_->text(); }
std::string ServerProcess::stderr_text() const { return err_->text(); }

bool ServerProcess::wait_for_stderr(std::string_view needle,
                                    std::chrono::milliseconds deadline) const {
  return err_->wait(
      deadline, [&](const std::string& text) { return text.find(needle) != std::string::npos; });
}

bool ServerProcess::wait_for_output_end(std::chrono::milliseconds deadline) const {
  return out_->wait_closed(deadline) && err_->wait_closed(deadline);
}

void ServerProcess::send_signal(int signal) {
  if (pid_ > 0 && !exit_code_) ::kill(pid_, signal);
}
void ServerProcess::terminate() { send_signal(SIGTERM); }
void ServerProcess::kill() { send_signal(SIGKILL); }

bool ServerProcess::running() {
  if (pid_ <= 0 || exit_code_) return false;
  int status = 0;
  const pid_t done = ::waitpid(pid_, &status, WNOHANG);
  if (done == pid_) {
    exit_code_ = decode_status(status);
    return false;
  }
  return done == 0;
}

std::optional<int> ServerProcess::wait_for_exit(std::chrono::milliseconds deadline) {
  wait_until([&] { return !running(); }, deadline);
  return exit_code_;
}

ProcessResult run_triagebot(std::vector<std::string> args, EnvVars env,
                            std::chrono::milliseconds deadline) {
  return run_triagebot(ServerProcessOptions{.args = std::move(args), .env = std::move(env)},
                       deadline);
}

ProcessResult run_triagebot(ServerProcessOptions options, std::chrono::milliseconds deadline) {
  ServerProcess process(std::move(options));
  ProcessResult result;
  const auto code = process.wait_for_exit(deadline);
  if (!code) process.kill();
  result.exit_code = code.value_or(-1);
  process.wait_for_output_end();
  result.out = process.stdout_text();
  result.err = process.stderr_text();
  return result;
}

}  // namespace triagebot::testing
