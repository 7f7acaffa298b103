#include "nlp/cld2_language_identifier.h"

#include <cld2/public/compact_lang_det.h>

#include <climits>

namespace triagebot::nlp {

std::optional<std::string> Cld2LanguageIdentifier::identify(std::string_view text) const {
  if (text.empty() || text.size() > static_cast<size_t>(INT_MAX)) return std::nullopt;
  bool reliable = false;
  int valid_prefix = 0;
  // CheckUTF8 first: people paste anything, and CLD2's plain DetectLanguage trusts its input.
  CLD2::Language language = CLD2::DetectLanguageCheckUTF8(
      text.data(), static_cast<int>(text.size()), /*is_plain_text=*/true, &reliable, &valid_prefix);
  if (!reliable || language == CLD2::UNKNOWN_LANGUAGE) return std::nullopt;
  return std::string(CLD2::LanguageCode(language));
}

}  // namespace triagebot::nlp
