// Transport: how the shell hands one outbound call to a platform's API and gets its
// answer back, whoever does the sending (the dispatcher's pooled client, a poller's
// blocking client, a test's script). The types live here, beside the HTTPS client,
// so the dispatcher and the channels share them without including each other.
//
// Threads: a Transport may be called from any thread; its `done` runs exactly once, on
// whatever thread the sender completes on.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include "adapters/http_types.h"
#include "adapters/outbound.h"
#include "bot/net/http_client.h"
#include "dialogs/result.h"

namespace triagebot::bot {

// What a platform answered: any HTTP status is an answer (the adapter classifies it).
struct TransportResponse {
  int status = 0;
  adapters::Headers headers;
  std::string body;
};
using TransportDone = std::function<void(Result<TransportResponse>)>;
// Sends one call; `done` is called exactly once, on any thread.
using Transport = std::function<void(adapters::OutboundCall, TransportDone)>;

// The deadline of one delivery call through client_transport: a platform that has not
// answered by then counts as a timeout (retried with backoff). The dispatcher waits
// longer than this for the sends in flight when it stops (DispatcherOptions::stop_grace,
// checked there), so a send is answered or timed out and recorded before the process
// exits, never abandoned and sent again after a restart. Generous beside the Bot API's
// usual sub-second answers; a long poll has its own, longer deadline.
inline constexpr std::chrono::milliseconds kDeliveryTimeout{std::chrono::seconds(10)};

// How many delivery calls a dispatcher has in flight at once (DispatcherOptions::
// max_sending), and so how many idle connections a delivery client keeps: with fewer,
// most calls of a busy dispatcher would open (and resolve, and for TLS shake hands on)
// a connection of their own and close it after one request.
inline constexpr std::size_t kDeliveryConnections = 32;

// The options of a platform's delivery client (the one client_transport wraps).
net::HttpClientOptions delivery_client_options();

// A Transport over the pooled, asynchronous HTTPS client, each call with
// kDeliveryTimeout as its deadline: transport failures become errors, every HTTP answer
// a TransportResponse.
Transport client_transport(net::HttpClient client);

// The same conversion for one answer of net::send_blocking or a BlockingClient.
Result<TransportResponse> transport_response(Result<net::ClientResponse> answer);

}  // namespace triagebot::bot
