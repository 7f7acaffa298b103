// The language gate (issue 10 §6): telling a message in another language from English,
// so the interview never reads foreign words as answers ("no sé" is not "no"). The
// identifier (CLD2 behind dialogs/language_tools.h) is unreliable on very short text: it
// calls "finger" Danish and "nah fine now" Indonesian with confidence. So a foreign
// language is only concluded
//   - from a small list of common short replies ("sí", "no sé", "oui", "je ne sais pas",
//     "nein", "ja", "não sei", "non lo so"), matched against the whole message, or
//   - from the identifier, on three words or more, when it names one of the languages we
//     have texts for and the message has almost no English function words in it, or
//   - from the identifier on text mostly in a non-Latin script (no English reads so).
// Anything else stays English. docs/safety.md describes the gate and its limits. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "dialogs/language_tools.h"
#include "dialogs/safety_text.h"

namespace triagebot::dialogs {

// The ISO 639-1 code of the language `text` is in, when it is confidently not English;
// nullopt for English and for anything it cannot tell. `languages` may be null (then
// only the list of short replies is used).
std::optional<std::string> foreign_language(std::string_view text,
                                            const LanguageIdentifier* languages);
// The same with `text` already cut into clauses (safety::clauses_of(text)), as the engine
// has it from the safety screen.
std::optional<std::string> foreign_language(std::string_view text,
                                            const std::vector<safety::Clause>& clauses,
                                            const LanguageIdentifier* languages);

// Whether `text` is confidently English: the identifier says so on three words or more,
// or it has English function words ("the", "my", "and" ...) in it. Used to leave the
// gate when a person switches back to English.
bool confidently_english(std::string_view text, const LanguageIdentifier* languages);
bool confidently_english(std::string_view text, const std::vector<safety::Clause>& clauses,
                         const LanguageIdentifier* languages);

}  // namespace triagebot::dialogs
