// What a button says: the label of a choice id, so the history can show a button press
// as the words the person saw ("Yes", "Both legs") rather than an id. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "dialogs/knowledge.h"

namespace triagebot::dialogs {

// nullopt for an id the knowledge base does not have (an old or forged button).
std::optional<std::string> choice_label(const Knowledge& knowledge, std::string_view choice_id);

}  // namespace triagebot::dialogs
