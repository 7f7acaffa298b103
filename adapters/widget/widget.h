// The widget adapter in one include: everything bot/ needs to serve the widget routes
// of API.md. Each header states its own contract; all of it is pure (no storage, no
// network), so the HTTP handlers in bot/ decide when, and these decide what.
//
//   inbound.h         verify(request, stored hash), parse(request) -> events
//   turn.h            parse_turn(body) -> Input
//   tokens.h          new_session_id, new_token, token_hash, token_matches, bearer_token
//   messages.h        message_json and the response bodies
//   cors.h            CorsPolicy, cors_headers, preflight, origin_refusal
//   client_address.h  TrustedProxies, client_address
#pragma once

#include "adapters/widget/client_address.h"
#include "adapters/widget/cors.h"
#include "adapters/widget/inbound.h"
#include "adapters/widget/messages.h"
#include "adapters/widget/tokens.h"
#include "adapters/widget/turn.h"
