// A small blocking HTTP/1.1 client for tests (Boost.Beast, synchronous), over one
// kept-alive connection that it opens on first use and reopens when the server closed
// it. Transport failures throw std::runtime_error (gtest reports them as failures).
//
//   HttpClient client("127.0.0.1", server.port());
//   auto reply = client.request("POST", "/api/widget/sessions", "{}",
//                               {{"Content-Type", "application/json"}});
//   EXPECT_EQ(reply.status, 201);
//   auto body = reply.json();
//
// Threads: one client per thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace triagebot::testing {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpResult {
  int status = 0;
  HeaderList headers;
  std::string body;

  // The first header of that name (case-insensitive), or nullopt.
  std::optional<std::string> header(std::string_view name) const;
  // The body parsed as JSON; is_discarded() when it is not JSON.
  nlohmann::json json() const;
};

class HttpClient {
 public:
  HttpClient(std::string host, std::uint16_t port,
             std::chrono::milliseconds timeout = std::chrono::seconds(10));
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request and reads its answer. Content-Length is set from `body`; Host
  // is set unless `headers` has one. A request on a reused connection that the server
  // had closed meanwhile is retried once on a new connection.
  HttpResult request(std::string_view method, std::string_view target, std::string body = {},
                     const HeaderList& headers = {});
  HttpResult get(std::string_view target, const HeaderList& headers = {}) {
    return request("GET", target, {}, headers);
  }
  HttpResult post(std::string_view target, std::string body, const HeaderList& headers = {}) {
    return request("POST", target, std::move(body), headers);
  }

  // How many TCP connections this client has opened so far (keep-alive checks).
  std::size_t connections_opened() const;
  bool is_open() const;
  void close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace triagebot::testing
