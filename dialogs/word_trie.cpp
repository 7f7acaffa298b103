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
      if (node == 0) root_[static_cast<unsigned char>(c)] = child;
      nodes_.emplace_back();  // may move nodes_: `node` is an index, not a reference
    }
    node = child;
  }
  return node;
}

void WordTrie::add_word(std::string_view word, int id) { nodes_[walk(word)].words.push_back(id); }

void WordTrie::add_stem(std::string_view stem, int id) { nodes_[walk(stem)].stems.push_back(id); }

}  // namespace triagebot::dialogs
