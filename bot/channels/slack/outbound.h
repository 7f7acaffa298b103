// Slack delivery of outbox rows (PLATFORMS.md §2.4): chat.postMessage with Block Kit for
// replies and the thread pointer, chat.update for a pressed question, rendered and
// classified by the adapter's pure functions (adapters/slack/outbound.h): 429 and
// `ratelimited` wait out Retry-After, Slack's transient errors back off, every other
// `ok:false` is dead with Slack's word (channel_not_found, not_in_channel, ...), and
// credential errors (invalid_auth, missing_scope, ...) are logged for the operator.
//
// A reply addressed to a person ({"user": "U…"}, after a mention in a channel) needs
// their DM's channel id first: the transport asks conversations.open, remembers the
// answer for the life of the process, and posts there. Both calls are one delivery of
// one row, so the generic dispatcher never learns about DMs; a failed open is
// classified like a failed post (ratelimited waits, invalid_auth is dead).
//
// Threads: render, classify and pace_key run on the dispatcher's thread; the transport
// completes on the client's (the same io_context).
#pragma once

#include <memory>

#include "bot/channels/slack/identity.h"
#include "bot/flow/dispatcher.h"
#include "bot/net/http_client.h"

namespace triagebot::bot {

PlatformOutbound slack_outbound(std::shared_ptr<const SlackIdentity> identity,
                                net::HttpClient client);

}  // namespace triagebot::bot
