#include "dialogs/likelihood_words.h"

namespace triagebot::dialogs {

std::string_view to_string(Likelihood likelihood) {
  switch (likelihood) {
    case Likelihood::most_likely:
      return "most_likely";
    case Likelihood::possible:
      return "possible";
    case Likelihood::less_likely:
      return "less_likely";
    case Likelihood::to_rule_out:
      return "to_rule_out";
  }
  return "possible";
}

Likelihood likelihood_of(const Settings& settings, double score, bool leader, bool flagged) {
  if (flagged) return Likelihood::to_rule_out;
  if (leader && score >= settings.most_likely_posterior) return Likelihood::most_likely;
  if (score >= settings.possible_posterior) return Likelihood::possible;
  return Likelihood::less_likely;
}

const std::string& likelihood_text(const KnowledgeData& k, Likelihood likelihood) {
  return k.text("likelihood_" + std::string(to_string(likelihood)));
}

}  // namespace triagebot::dialogs
