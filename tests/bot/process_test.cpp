// The real `triagebot` binary as a child process: start-up line, signals, exit codes,
// the access log, --help/--version, and one exit-2 case per bad configuration value.
#include <signal.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "tests/support/http_client.h"
#include "tests/support/server_process.h"

namespace triagebot::testing {
namespace process_test {
namespace {

TEST(TriagebotProcess, PrintsListeningLineWithTheRealPort) {
  ServerProcess server;
  ASSERT_TRUE(server.wait_for_listening()) << server.stderr_text();
  EXPECT_EQ(server.host(), "127.0.0.1");
  EXPECT_NE(server.port(), 0);
  EXPECT_EQ(server.stdout_text(),
            "listening on http://127.0.0.1:" + std::to_string(server.port()) + "\n");
  HttpClient client(server.host(), server.port());
  EXPECT_EQ(client.get("/healthz").status, 200);
}

// The allocator the build chose is the one the running server uses: a Release build
// links jemalloc (CMakeLists.txt), and its shared object must be mapped, not shadowed.
TEST(TriagebotProcess, RunsOnTheAllocatorItWasBuiltWith) {
  ServerProcess server;
  ASSERT_TRUE(server.wait_for_listening()) << server.stderr_text();
  std::ifstream maps("/proc/" + std::to_string(server.pid()) + "/maps");
  const std::string mapped((std::istreambuf_iterator<char>(maps)), {});
  ASSERT_FALSE(mapped.empty());
  const bool jemalloc = mapped.find("libjemalloc") != std::string::npos;
  EXPECT_EQ(jemalloc, std::string(TRIAGEBOT_SERVER_ALLOCATOR) == "jemalloc")
      << "built for " << TRIAGEBOT_SERVER_ALLOCATOR;
}

// The jemalloc settings compiled into the binary (bot/jemalloc_settings.cpp) are the
// ones it runs with: jemalloc prints its options at exit when asked in MALLOC_CONF,
// which it applies after the compiled-in ones.
TEST(TriagebotProcess, RunsWithItsAllocatorSettings) {
  if (std::string(TRIAGEBOT_SERVER_ALLOCATOR) != "jemalloc") GTEST_SKIP() << "glibc build";
  const auto result = run_triagebot({"--version"}, {{"MALLOC_CONF", "stats_print:true"}});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("opt.narenas: 2\n"), std::string::npos) << result.err.substr(0, 2000);
  EXPECT_NE(result.err.find("opt.dirty_decay_ms: 1000 "), std::string::npos);
  EXPECT_NE(result.err.find("opt.background_thread: true "), std::string::npos);
}

TEST(TriagebotProcess, SigtermExitsZero) {
  ServerProcess server;
  ASSERT_TRUE(server.wait_for_listening()) << server.stderr_text();
  server.terminate();
  EXPECT_EQ(server.wait_for_exit(), 0) << server.stderr_text();
}

TEST(TriagebotProcess, SigintExitsZero) {
  ServerProcess server;
  ASSERT_TRUE(server.wait_for_listening()) << server.stderr_text();
  server.send_signal(SIGINT);
  EXPECT_EQ(server.wait_for_exit(), 0) << server.stderr_text();
}

TEST(TriagebotProcess, AccessLogHasRouteAndStatusButNoQueryString) {
  ServerProcess server;
  ASSERT_TRUE(server.wait_for_listening()) << server.stderr_text();
  HttpClient client(server.host(), server.port());
  ASSERT_EQ(client.get("/healthz?token=hunter2").status, 200);
  ASSERT_TRUE(server.wait_for_stderr(R"("event":"http")")) << server.stderr_text();
  const auto log = server.stderr_text();
  EXPECT_NE(log.find(R"("route":"/healthz")"), std::string::npos) << log;
  EXPECT_NE(log.find(R"("status":200)"), std::string::npos) << log;
  EXPECT_NE(log.find(R"("method":"GET")"), std::string::npos) << log;
  EXPECT_EQ(log.find("hunter2"), std::string::npos) << log;
}

TEST(TriagebotProcess, PortInUseExitsOneWithAMessage) {
  ServerProcess first;
  ASSERT_TRUE(first.wait_for_listening());
  const auto result =
      run_triagebot({"serve"}, {{"TRIAGEBOT_LISTEN", "127.0.0.1:" + std::to_string(first.port())}});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err.rfind("triagebot: cannot bind 127.0.0.1:" + std::to_string(first.port()), 0),
            0u)
      << result.err;
}

TEST(TriagebotProcess, HelpListsCommandsAndVariables) {
  const auto result = run_triagebot({"--help"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("serve"), std::string::npos);
  EXPECT_NE(result.out.find("TRIAGEBOT_LISTEN, --listen"), std::string::npos);
  EXPECT_EQ(result.err, "");
}

TEST(TriagebotProcess, VersionPrintsTheVersion) {
  const auto result = run_triagebot({"--version"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out, std::string("triagebot ") + TRIAGEBOT_VERSION + "\n");
}

TEST(TriagebotProcess, NoCommandIsAUsageError) {
  const auto result = run_triagebot(std::vector<std::string>{});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err.rfind("triagebot: no command given\n", 0), 0u) << result.err;
}

TEST(TriagebotProcess, UnknownCommandIsAUsageError) {
  const auto result = run_triagebot({"dance"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "triagebot: unknown command 'dance' (see triagebot --help)\n");
}

TEST(TriagebotProcess, HealthcheckPassesAgainstARunningServer) {
  ServerProcess server;
  ASSERT_TRUE(server.wait_for_listening());
  const auto result = run_triagebot(
      {"healthcheck"}, {{"TRIAGEBOT_LISTEN", "0.0.0.0:" + std::to_string(server.port())}});
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

TEST(TriagebotProcess, HealthcheckFailsWhenNothingListens) {
  // Take a port, then free it by stopping that server: nobody listens there now.
  std::uint16_t port = 0;
  {
    ServerProcess server;
    ASSERT_TRUE(server.wait_for_listening());
    port = server.port();
    server.terminate();
    ASSERT_EQ(server.wait_for_exit(), 0);
  }
  const auto result =
      run_triagebot({"healthcheck"}, {{"TRIAGEBOT_LISTEN", "127.0.0.1:" + std::to_string(port)}});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err.rfind("triagebot: healthcheck: ", 0), 0u) << result.err;
}

TEST(TriagebotProcess, ChatGreetsAndEndsAtEndOfInput) {
  const auto result = run_triagebot(ServerProcessOptions{.args = {"chat"}, .stdin_text = ""});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_FALSE(result.out.empty());
}

TEST(TriagebotProcess, ChatWithBrokenKnowledgeFileExitsTwo) {
  TempDir dir;
  const auto path = (dir / "kb.json").string();
  std::ofstream(path) << "{\"not\": \"a knowledge base\"}";
  const auto result = run_triagebot({"chat"}, {{"TRIAGEBOT_KNOWLEDGE", path}});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err.rfind("triagebot: TRIAGEBOT_KNOWLEDGE: " + path + ": ", 0), 0u)
      << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
}

struct BadConfig {
  std::string name;
  std::vector<std::string> args;
  EnvVars env;
  std::string message;  // the whole stderr line after "triagebot: "
};

class TriagebotBadConfig : public ::testing::TestWithParam<BadConfig> {};

TEST_P(TriagebotBadConfig, ExitsTwoWithOneClearLine) {
  const auto& bad = GetParam();
  std::vector<std::string> args = {"serve"};
  args.insert(args.end(), bad.args.begin(), bad.args.end());
  const auto result = run_triagebot(args, bad.env);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "triagebot: " + bad.message + "\n");
  EXPECT_EQ(result.out, "");
}

INSTANTIATE_TEST_SUITE_P(
    Values, TriagebotBadConfig,
    ::testing::Values(
        BadConfig{"PortOutOfRange",
                  {},
                  {{"TRIAGEBOT_LISTEN", "127.0.0.1:65536"}},
                  "TRIAGEBOT_LISTEN: port 65536 is out of range (0-65535)"},
        BadConfig{"PortFlagOutOfRange",
                  {"--listen", "127.0.0.1:99999"},
                  {},
                  "--listen: port 99999 is out of range (0-65535)"},
        BadConfig{"UnknownFlag",
                  {"--colour", "blue"},
                  {},
                  "unknown flag --colour (see triagebot --help)"},
        BadConfig{"BadThreads",
                  {},
                  {{"TRIAGEBOT_THREADS", "lots"}},
                  "TRIAGEBOT_THREADS: 'lots' is not a whole number"},
        BadConfig{"BadBodyLimit",
                  {"--body-limit=0"},
                  {},
                  "--body-limit: 0 is out of range (1-1073741824)"},
        BadConfig{"UnreadableKnowledge",
                  {},
                  {{"TRIAGEBOT_KNOWLEDGE", "/nonexistent/kb.json"}},
                  "TRIAGEBOT_KNOWLEDGE: cannot read /nonexistent/kb.json"},
        BadConfig{"DatabaseDirectoryMissing",
                  {},
                  {{"TRIAGEBOT_DB", "/nonexistent/dir/t.db"}},
                  "TRIAGEBOT_DB: directory /nonexistent/dir does not exist"},
        BadConfig{"BadSynchronous",
                  {},
                  {{"TRIAGEBOT_SYNCHRONOUS", "EXTRA"}},
                  "TRIAGEBOT_SYNCHRONOUS: 'EXTRA' is not FULL or NORMAL"},
        BadConfig{"BadTimeout",
                  {},
                  {{"TRIAGEBOT_IDLE_TIMEOUT", "0s"}},
                  "TRIAGEBOT_IDLE_TIMEOUT: '0s' is not a positive duration (e.g. 500ms, 10s, 2m)"},
        BadConfig{"BadTelegramMode",
                  {},
                  {{"TRIAGEBOT_TELEGRAM_TOKEN", "123:abc"}, {"TRIAGEBOT_TELEGRAM_MODE", "both"}},
                  "TRIAGEBOT_TELEGRAM_MODE: 'both' is not webhook or poll"},
        BadConfig{"PollingWithoutToken",
                  {"--telegram-mode", "poll"},
                  {},
                  "--telegram-mode: poll needs TRIAGEBOT_TELEGRAM_TOKEN"},
        BadConfig{"BadProxy",
                  {},
                  {{"TRIAGEBOT_TRUSTED_PROXIES", "10.0.0.1,proxy.local"}},
                  "TRIAGEBOT_TRUSTED_PROXIES: 'proxy.local' is not an IP address"}),
    [](const ::testing::TestParamInfo<BadConfig>& info) { return info.param.name; });

}  // namespace
}  // namespace process_test
}  // namespace triagebot::testing
