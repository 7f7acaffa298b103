#include "bot/net/transport.h"

#include <utility>

namespace triagebot::bot {

Result<TransportResponse> transport_response(Result<net::ClientResponse> answer) {
  if (!answer) return answer.error();
  return TransportResponse{answer->status, std::move(answer->headers), std::move(answer->body)};
}

net::HttpClientOptions delivery_client_options() {
  net::HttpClientOptions options;
  options.max_idle_connections = kDeliveryConnections;
  return options;
}

Transport client_transport(net::HttpClient client) {
  return [client](adapters::OutboundCall call, TransportDone done) {
    client.send(std::move(call), kDeliveryTimeout,
                [done = std::move(done)](Result<net::ClientResponse> answer) {
                  done(transport_response(std::move(answer)));
                });
  };
}

}  // namespace triagebot::bot
