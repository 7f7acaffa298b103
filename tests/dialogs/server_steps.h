// Shared by the dialogs tests that talk to the interview over several messages (the split
// message tests): each message goes through dialogs::step as the server runs it, with the
// server's options (emergency number 112), the session written to JSON text and read back
// in between, and the time the server received the message.
#pragma once

#include <chrono>
#include <string>

#include "dialogs/engine.h"
#include "dialogs/session.h"

namespace triagebot::dialogs::testing {

using SentAt = std::chrono::system_clock::time_point;

// The first message's time in these tests; later ones are given relative to it.
inline const SentAt kFirstMessageAt = SentAt(std::chrono::seconds(1700000000));

// The session as storage keeps it: JSON text, parsed again (a test failure if it does not
// parse back).
Session reloaded(const Session& session);

// One typed message, or one button press, on the stored session.
Turn say_at(const Session& session, const std::string& text, SentAt at = kFirstMessageAt);
Turn press_at(const Session& session, const std::string& choice_id, SentAt at = kFirstMessageAt);

// Whether a first message ends the interview as an emergency at once.
bool stops_at_opening(const std::string& opening);

// An interview just opened, its first question pending, as most messages arrive.
Session mid_interview(SentAt at = kFirstMessageAt);

// Further on, with an ordinary question pending: the red-flag screens come first (pressed
// "No"), and a fragment typed to one of them may be read as its answer ("numb" to "has an
// arm gone numb?").
Session past_the_screens(SentAt at = kFirstMessageAt);

// The question a turn asks (its id, from its buttons' ids), or "" when it asks none.
std::string question_asked(const Turn& turn);

}  // namespace triagebot::dialogs::testing
