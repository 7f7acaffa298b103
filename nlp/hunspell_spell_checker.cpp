#include "nlp/hunspell_spell_checker.h"

#include <hunspell/hunspell.h>

#include <algorithm>
#include <filesystem>
#include <utility>

namespace triagebot::nlp {

struct HunspellSpellChecker::Dictionary {
  Hunhandle* handle = nullptr;
  ~Dictionary() {
    if (handle) Hunspell_destroy(handle);
  }
};

Result<std::unique_ptr<HunspellSpellChecker>> HunspellSpellChecker::load(const std::string& dir,
                                                                         size_t cached_words) {
  std::vector<std::unique_ptr<Dictionary>> dictionaries;
  for (const char* name : {"en_US", "en_GB"}) {
    std::string aff = dir + "/" + name + ".aff";
    std::string dic = dir + "/" + name + ".dic";
    std::error_code ec;
    if (!std::filesystem::exists(aff, ec) || !std::filesystem::exists(dic, ec)) {
      return make_error(ErrorCode::dictionary_missing,
                        "hunspell dictionary " + dic +
                            " not found (apt-get install hunspell-en-us hunspell-en-gb)");
    }
    auto d = std::make_unique<Dictionary>();
    d->handle = Hunspell_create(aff.c_str(), dic.c_str());
    if (!d->handle)
      return make_error(ErrorCode::dictionary_unreadable, "hunspell could not load " + dic);
    dictionaries.push_back(std::move(d));
  }
  return std::unique_ptr<HunspellSpellChecker>(
      new HunspellSpellChecker(std::move(dictionaries), cached_words));
}

HunspellSpellChecker::HunspellSpellChecker(std::vector<std::unique_ptr<Dictionary>> dictionaries,
                                           size_t cached_words)
    : dictionaries_(std::move(dictionaries)), cached_words_(cached_words) {}

HunspellSpellChecker::~HunspellSpellChecker() = default;

namespace {

// Keeps `value` for `word` in a cache of at most `limit` words (none when 0), dropping the
// oldest word first. Called with the checker's mutex held.
template <class Cache>
void remember(Cache& cache, std::deque<std::string>& order, std::size_t limit, std::string word,
              const typename Cache::mapped_type& value) {
  if (limit == 0) return;
  if (order.size() >= limit) {
    cache.erase(order.front());
    order.pop_front();
  }
  cache.emplace(word, value);
  order.push_back(std::move(word));
}

}  // namespace

bool HunspellSpellChecker::known(std::string_view word) const {
  if (word.empty()) return false;
  std::lock_guard lock(mutex_);
  if (auto hit = known_.find(word); hit != known_.end()) return hit->second;
  std::string w(word);
  const bool out = std::any_of(dictionaries_.begin(), dictionaries_.end(), [&](const auto& d) {
    return Hunspell_spell(d->handle, w.c_str()) != 0;
  });
  remember(known_, known_order_, cached_words_, std::move(w), out);
  return out;
}

std::vector<std::string> HunspellSpellChecker::suggest(std::string_view word) const {
  if (word.empty()) return {};
  std::lock_guard lock(mutex_);
  if (auto hit = cache_.find(word); hit != cache_.end()) return hit->second;
  std::string w(word);
  auto out = suggest_uncached(w);
  remember(cache_, cache_order_, cached_words_, std::move(w), out);
  return out;
}

// Called with mutex_ held.
std::vector<std::string> HunspellSpellChecker::suggest_uncached(const std::string& w) const {
  std::vector<std::string> out;
  for (const auto& d : dictionaries_) {
    char** list = nullptr;
    int n = Hunspell_suggest(d->handle, &list, w.c_str());
    for (int i = 0; i < n; ++i) {
      std::string s = list[i];
      std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
        return static_cast<char>(c < 0x80 ? std::tolower(c) : c);
      });
      if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
    }
    if (list) Hunspell_free_list(d->handle, &list, n);
  }
  return out;
}

}  // namespace triagebot::nlp
