#include "dialogs/phrase_list.h"

#include <algorithm>

namespace triagebot::dialogs {

PhraseList::PhraseList(std::vector<Phrase> phrases) : phrases_(std::move(phrases)) {
  for (size_t i = 0; i < phrases_.size(); ++i) index_.add(phrases_[i], static_cast<int>(i));
}

int PhraseList::match_at(const std::vector<Token>& tokens, int at, int* last) const {
  if (at < 0 || at >= static_cast<int>(tokens.size())) return -1;
  std::vector<int> ids;
  index_.candidates(tokens[at], ids);
  std::sort(ids.begin(), ids.end());  // list order: the first phrase that matches wins
  for (int id : ids) {
    if (matches_at(tokens, phrases_[id], at, last)) return id;
  }
  return -1;
}

bool PhraseList::any_in(const std::vector<Token>& tokens, int from, int to, bool within) const {
  from = std::max(from, 0);
  to = std::min(to, static_cast<int>(tokens.size()));
  std::vector<int> ids;
  for (int i = from; i < to; ++i) {
    ids.clear();
    index_.candidates(tokens[i], ids);
    for (int id : ids) {
      int last = i;
      if (matches_at(tokens, phrases_[id], i, &last) && (!within || last < to)) return true;
    }
  }
  return false;
}

}  // namespace triagebot::dialogs
