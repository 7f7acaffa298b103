#include "nlp/hunspell_spell_checker.h"

#include <hunspell/hunspell.h>

#include <algorithm>
#include <filesystem>

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

bool HunspellSpellChecker::known(std::string_view word) const {
  if (word.empty()) return false;
  std::lock_guard lock(mutex_);
  if (auto hit = known_.find(word); hit != known_.end()) return hit->second;
  std::string w(word);
  const bool out = std::any_of(dictionaries_.begin(), dictionaries_.end(), [&](const auto& d) {
    return Hunspell_spell(d->handle, w.c_str()) != 0;
  });
  if (cached_words_ == 0) return out;
  if (known_order_.size() >= cached_words_) {
    known_.erase(known_order_.front());
    known_order_.pop_front();
  }
  known_.emplace(w, out);
  known_order_.push_back(std::move(w));
  return out;
}

std::vector<std::string> HunspellSpellChecker::suggest(std::string_view word) const {
  if (word.empty()) return {};
  std::lock_guard lock(mutex_);
  if (auto hit = cache_.find(word); hit != cache_.end()) return hit->second;
  std::string w(word);
  auto out = suggest_uncached(w);
  if (cached_words_ == 0) return out;
  if (cache_order_.size() >= cached_words_) {
    cache_.erase(cache_order_.front());
    cache_order_.pop_front();
  }
  cache_.emplace(w, out);
  cache_order_.push_back(std::move(w));
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
