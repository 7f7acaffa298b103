// LanguageIdentifier over Google's Compact Language Detector 2 (Debian's libcld2): its
// tables are compiled into the library, so it needs no data files and no I/O.
#pragma once

#include "dialogs/language_tools.h"

namespace triagebot::nlp {

class Cld2LanguageIdentifier final : public dialogs::LanguageIdentifier {
 public:
  std::optional<std::string> identify(std::string_view text) const override;
};

}  // namespace triagebot::nlp
