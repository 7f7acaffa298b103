// Transport: how the shell hands one outbound call to a platform's API and gets its
// answer back, whoever does the sending (the dispatcher's pooled client, a poller's
// blocking client, a test's script). The types live here, beside the HTTPS client,
// so the dispatcher and the channels share them without including each other.
//
// Threads: a Transport may be called from any thread; its `done` runs exactly once, on
// whatever thread the sender completes on.
#pragma once

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

// A Transport over the pooled, asynchronous HTTPS client: transport failures become
// errors, every HTTP answer a TransportResponse.
Transport client_transport(net::HttpClient client);

// The same conversion for one answer of net::send_blocking or a BlockingClient.
Result<TransportResponse> transport_response(Result<net::ClientResponse> answer);

}  // namespace triagebot::bot
