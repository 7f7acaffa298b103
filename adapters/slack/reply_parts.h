// Cutting a reply that Slack cannot take as one message into replies that each fit
// one chat.postMessage, so the pipeline can store one outbox row per message, exactly
// as it does for Telegram's long texts (its split_reply hook), and each row is sent,
// retried and counted on its own. Pure; any thread.
#pragma once

#include <vector>

#include "dialogs/reply.h"

namespace triagebot::adapters::slack {

// Parts in order, each rendering to exactly one message (layout_reply(part).size() is
// 1). A reply that fits is returned whole. Otherwise text is cut at paragraph breaks
// (or within a paragraph over one section's limit), the choices ride on the last parts,
// and only the first part keeps the assessment, so its header is not repeated. An
// empty reply gives no parts.
std::vector<dialogs::Reply> split_reply(const dialogs::Reply& reply);

// True only for a reply that surely lays out as one message: no assessment, text that
// fits one section once escaped, and buttons that carry their choices. Found without
// building a block (most replies are questions like that); false says nothing.
bool plainly_fits_one_message(const dialogs::Reply& reply);

}  // namespace triagebot::adapters::slack
