#include "dialogs/word_trie.h"

namespace triagebot::dialogs {

int WordTrie::walk(std::string_view key) {
  int node = 0;
  for (char c : key) {
    int child = -1;
    for (const auto& [ch, index] : nodes_[node].next)
      if (ch == c) child = index;
    if (child < 0) {
      child = static_cast<int>(nodes_.size());
      nodes_[node].next.push_back({c, child});
      nodes_.emplace_back();  // may move nodes_: `node` is an index, not a reference
    }
    node = child;
  }
  return node;
}

void WordTrie::add_word(std::string_view word, int id) { nodes_[walk(word)].words.push_back(id); }

void WordTrie::add_stem(std::string_view stem, int id) { nodes_[walk(stem)].stems.push_back(id); }

void WordTrie::select(std::string_view word, std::vector<int>& ids) const {
  int node = 0;
  for (char c : word) {
    int child = -1;
    for (const auto& [ch, index] : nodes_[node].next)
      if (ch == c) child = index;
    if (child < 0) return;  // no key continues this way: no longer stem, not the word
    node = child;
    const auto& stems = nodes_[node].stems;
    ids.insert(ids.end(), stems.begin(), stems.end());
  }
  const auto& words = nodes_[node].words;
  ids.insert(ids.end(), words.begin(), words.end());
}

}  // namespace triagebot::dialogs
