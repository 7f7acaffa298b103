// The outbox's order, as SQL shared by the claim (outbox.cpp) and the dispatcher's next
// wake-up (Readers::next_outbox_due): an open row `o` may go only when no earlier open
// row of its conversation is waiting (read from the conversation's list of its rows,
// schema.cpp migration 15, each probed by rowid) and no earlier open notice of no
// conversation is waiting in its chat (one probe of outbox_open_notices_by_chat). Both
// queries must ask the same thing, or the dispatcher would wake for rows it cannot claim.
#pragma once

namespace triagebot::storage {

inline constexpr const char* kOutboxRowMayGo =
    " AND NOT EXISTS (SELECT 1 FROM conversations c CROSS JOIN json_each(c.outbox_ids) j"
    " CROSS JOIN outbox p"
    "   WHERE c.id = o.conversation_id AND j.value < o.id AND p.id = j.value"
    "   AND p.status IN ('pending', 'sending'))"
    " AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.chat_key = o.chat_key"
    "   AND p.conversation_id IS NULL AND p.status IN ('pending', 'sending') AND p.id < o.id)";

}  // namespace triagebot::storage
