// A phone user's correction of a word they typed, sent after it with an asterisk: "i havent
// been able to per since last night *pee", "my foot is number and tingle *numb *tingly". The
// keyboard's word ("per", "number") is a real word the reader and the safety screen take as
// it stands, so a red flag or a crisis can hide behind it, and a harmless word can look like
// one ("my watch keeps bleeding at me *beeping").
//
// Each "*word" replaces the nearest word before it that is at most two edits from it
// (insertions, deletions, substitutions or swaps of neighbours: "per" -> "pee", "number" ->
// "numb", "bleeding" -> "beeping") and not yet corrected; a correction with no such word
// stays in its place as a plain word. A word between two asterisks ("*really*") is emphasis,
// not a correction, and is left alone. Pure; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace triagebot::dialogs {

// `text` with its asterisk corrections applied and removed, or nullopt when it has none.
std::optional<std::string> apply_star_corrections(std::string_view text);

}  // namespace triagebot::dialogs
