// A character trie over the first words of the phrase and pattern indexes
// (phrase_index.h, safety_index.h): which ids a typed word selects, either as the whole
// word or because a stem ("numb*", "pain*") begins it.
//
// Why a trie: a typed word is matched against every stem that begins it. Looking each
// prefix up in a hash table hashed the word once per stem length (a dozen times); one
// walk down the trie, a character at a time, meets every stem on the way and ends at
// the whole word. No hashing and no allocation per word.
// Immutable after build; safe to share between threads.
#pragma once

#include <array>
#include <string_view>
#include <utility>
#include <vector>

namespace triagebot::dialogs {

class WordTrie {
 public:
  // `id` is selected by exactly `word`.
  void add_word(std::string_view word, int id);
  // `id` is selected by every word that begins with `stem` (the stem itself included).
  void add_stem(std::string_view stem, int id);

  // Calls `fn(id)` for every id `word` selects (stems first, shortest first, then the
  // word's own, each as often as it was added under a matching key) until `fn` returns
  // true; returns whether it did. Nothing is collected: the readers ask this for nearly
  // every token, and a vector of ids per question was an allocation each time.
  template <class Fn>
  bool visit(std::string_view word, Fn&& fn) const {
    int node = 0;
    for (char c : word) {
      node = child(node, c);
      if (node < 0) return false;  // no key continues this way: no longer stem, not the word
      for (int id : nodes_[node].stems)
        if (fn(id)) return true;
    }
    for (int id : nodes_[node].words)
      if (fn(id)) return true;
    return false;
  }

 private:
  struct Node {
    std::vector<std::pair<char, int>> next;  // child by character; few per node
    std::vector<int> words, stems;
  };
  int walk(std::string_view key);      // the node for `key`, made as needed
  int child(int node, char c) const {  // -1 when none
    if (node == 0) return root_[static_cast<unsigned char>(c)];
    for (const auto& [ch, index] : nodes_[node].next)
      if (ch == c) return index;
    return -1;
  }
  std::vector<Node> nodes_ = std::vector<Node>(1);
  // The root's children by character: every walk starts there, and the root has a child
  // for nearly every letter, which a scan of `next` compared one by one.
  std::array<int, 256> root_ = filled(-1);
  static constexpr std::array<int, 256> filled(int value) {
    std::array<int, 256> out{};
    out.fill(value);
    return out;
  }
};

}  // namespace triagebot::dialogs
