#include "dialogs/phrase_list.h"

#include <algorithm>

namespace triagebot::dialogs {

PhraseList::PhraseList(std::vector<Phrase> phrases) : phrases_(std::move(phrases)) {
  for (size_t i = 0; i < phrases_.size(); ++i) index_.add(phrases_[i], static_cast<int>(i));
}

int PhraseList::match_at(const std::vector<Token>& tokens, int at, int* last) const {
  if (at < 0 || at >= static_cast<int>(tokens.size())) return -1;
  // List order: the first phrase that matches wins, so the lowest id that matches.
  int best = -1, best_last = at;
  index_.visit(tokens[at], [&](int id) {
    int end = at;
    if ((best < 0 || id < best) && matches_at(tokens, phrases_[id], at, &end)) {
      best = id;
      best_last = end;
    }
    return false;
  });
  if (best >= 0 && last) *last = best_last;
  return best;
}

bool PhraseList::any_in(const std::vector<Token>& tokens, int from, int to, bool within) const {
  from = std::max(from, 0);
  to = std::min(to, static_cast<int>(tokens.size()));
  for (int i = from; i < to; ++i) {
    bool found = index_.visit(tokens[i], [&](int id) {
      int last = i;
      return matches_at(tokens, phrases_[id], i, &last) && (!within || last < to);
    });
    if (found) return true;
  }
  return false;
}

}  // namespace triagebot::dialogs
