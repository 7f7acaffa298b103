#include "dialogs/safety_model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

#include <simdjson.h>

#include "dialogs/json_parser.h"

namespace triagebot::embedded {
std::string_view safety_model();
}  // namespace triagebot::embedded

namespace triagebot::dialogs::safety {
namespace {

// FNV-1a, 64 bits: a pair is hashed as its two words with a space between, continuing
// the first word's state, so no string is built per feature.
constexpr std::uint64_t kOffset = 14695981039346656037ULL;
constexpr std::uint64_t kPrime = 1099511628211ULL;

std::uint64_t hash_on(std::uint64_t state, std::string_view bytes) {
  for (unsigned char c : bytes) {
    state ^= c;
    state *= kPrime;
  }
  return state;
}

}  // namespace

double logistic(double z) { return 1.0 / (1.0 + std::exp(-std::clamp(z, -30.0, 30.0))); }

std::uint64_t feature_hash(std::string_view feature) { return hash_on(kOffset, feature); }

namespace {

template <class Words>
void add_features(const Words& clause, std::vector<std::uint64_t>& out) {
  for (std::size_t i = 0; i < clause.size(); ++i) {
    const std::uint64_t word = hash_on(kOffset, clause[i]);
    out.push_back(word);
    if (i + 1 < clause.size()) out.push_back(hash_on(hash_on(word, " "), clause[i + 1]));
  }
}

// Each feature counts once, as in training.
std::vector<std::uint64_t> distinct(std::vector<std::uint64_t> features) {
  std::sort(features.begin(), features.end());
  features.erase(std::unique(features.begin(), features.end()), features.end());
  return features;
}

}  // namespace

std::vector<std::uint64_t> model_features(const std::vector<Clause>& clauses) {
  std::vector<std::uint64_t> out;
  for (const auto& clause : clauses) add_features(clause, out);
  return distinct(std::move(out));
}

std::vector<std::uint64_t> model_features(const std::vector<IndexedClause>& clauses) {
  std::vector<std::uint64_t> out;
  for (const auto& clause : clauses) add_features(clause.words, out);
  return distinct(std::move(out));
}

namespace {

// A number of the model's text, integer or not.
std::optional<double> number_of(simdjson::dom::element element) {
  double value = 0;
  if (element.is_number() && element.get_double().get(value) == simdjson::SUCCESS) return value;
  return std::nullopt;
}

// What a model file holds, as SafetyModel keeps it.
struct ModelParts {
  double threshold = 0;
  std::array<double, kModelCategories.size()> bias{};
  std::vector<std::pair<std::uint64_t, std::array<float, kModelCategories.size()>>> weights;
};

Result<ModelParts> parts_of(simdjson::dom::element root) {
  simdjson::dom::object json;
  if (root.get_object().get(json) != simdjson::SUCCESS)
    return make_error(ErrorCode::bad_knowledge, "safety model: not a JSON object");
  simdjson::dom::element format;
  if (json["format"].get(format) != simdjson::SUCCESS || number_of(format) != 1.0)
    return make_error(ErrorCode::bad_knowledge, "safety model: format must be 1");
  ModelParts parts;
  simdjson::dom::element threshold_element;
  const auto threshold = json["threshold"].get(threshold_element) == simdjson::SUCCESS
                             ? number_of(threshold_element)
                             : std::nullopt;
  if (!threshold || *threshold <= 0.5 || *threshold >= 1)
    return make_error(ErrorCode::bad_knowledge, "safety model: threshold must be in (0.5, 1)");
  parts.threshold = *threshold;
  simdjson::dom::object categories;
  if (json["categories"].get_object().get(categories) != simdjson::SUCCESS)
    return make_error(ErrorCode::bad_knowledge, "safety model: no categories");
  // (feature, category, weight), then one entry per feature with its categories' weights
  // together; of a key given twice, the later one counts, as in a JSON object read whole.
  struct Entry {
    std::uint64_t feature;
    std::size_t category;
    float weight;
  };
  std::vector<Entry> entries;
  for (std::size_t c = 0; c < kModelCategories.size(); ++c) {
    const std::string name(to_string(kModelCategories[c]));
    const auto needs = make_error(ErrorCode::bad_knowledge,
                                  "safety model: category " + name + " needs a bias and weights");
    simdjson::dom::object category;
    simdjson::dom::element bias_element;
    simdjson::dom::object weights;
    if (categories[name].get_object().get(category) != simdjson::SUCCESS ||
        category["bias"].get(bias_element) != simdjson::SUCCESS ||
        category["weights"].get_object().get(weights) != simdjson::SUCCESS)
      return needs;
    const auto bias = number_of(bias_element);
    if (!bias) return needs;
    parts.bias[c] = *bias;
    for (auto [feature, weight] : weights) {
      const auto value = number_of(weight);
      if (!value)
        return make_error(ErrorCode::bad_knowledge,
                          "safety model: a weight of " + name + " is not a number");
      entries.push_back({feature_hash(feature), c, static_cast<float>(*value)});
    }
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.feature < b.feature; });
  for (const Entry& entry : entries) {
    if (parts.weights.empty() || parts.weights.back().first != entry.feature)
      parts.weights.push_back({entry.feature, {}});
    parts.weights.back().second[entry.category] = entry.weight;
  }
  return parts;
}

}  // namespace

// Read straight from simdjson's document, not through a nlohmann tree: the model is
// 300 KB of weights, and building (then dropping) a tree of them was a quarter of a
// test process's start and of the server's (~70 ms, against ~5 ms this way).
Result<SafetyModel> SafetyModel::from_json(std::string_view text) {
  auto parts =
      json_parser::parse_with(text, parts_of)
          .value_or(make_error(ErrorCode::bad_knowledge, "safety model: not a JSON object"));
  if (!parts) return parts.error();
  SafetyModel model;
  model.threshold_ = parts->threshold;
  model.bias_ = parts->bias;
  model.weights_ = std::move(parts->weights);
  return model;
}

ModelVerdict SafetyModel::best(const std::vector<std::uint64_t>& features) const {
  std::array<double, kModelCategories.size()> z = bias_;
  for (std::uint64_t f : features) {
    const auto found = std::lower_bound(weights_.begin(), weights_.end(), f,
                                        [](const std::pair<std::uint64_t, Weights>& entry,
                                           std::uint64_t key) { return entry.first < key; });
    if (found == weights_.end() || found->first != f) continue;
    for (std::size_t c = 0; c < z.size(); ++c) z[c] += found->second[c];
  }
  std::size_t top = 0;
  for (std::size_t c = 1; c < z.size(); ++c)
    if (z[c] > z[top]) top = c;
  return {kModelCategories[top], logistic(z[top])};
}

std::optional<SafetyCategory> SafetyModel::verdict(
    const std::vector<std::uint64_t>& features) const {
  const ModelVerdict top = best(features);
  if (top.probability < threshold_) return std::nullopt;
  return top.category;
}

std::optional<SafetyCategory> SafetyModel::verdict(
    const std::vector<IndexedClause>& clauses) const {
  std::size_t words = 0;
  for (const auto& clause : clauses) words += clause.words.size();
  if (words < kModelMinWords) return std::nullopt;
  return verdict(model_features(clauses));
}

namespace {

template <std::size_t N>
bool in(const std::array<std::string_view, N>& words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

// "if you ask that bot one more question I'll kill you": the harm is aimed at someone
// else, and nothing in the message turns it on the writer.
bool harm_aimed_at_another(const std::vector<IndexedClause>& clauses) {
  static constexpr std::array<std::string_view, 4> kHarm = {"kill", "murder", "strangle",
                                                            "throttle"};
  static constexpr std::array<std::string_view, 3> kYou = {"you", "u", "ya"};
  static constexpr std::array<std::string_view, 3> kSelf = {"myself", "me", "self"};
  bool aimed = false;
  for (const auto& clause : clauses) {
    const Clause& w = clause.words;
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (in(kSelf, w[i])) return false;
      if (in(kHarm, w[i]) && i + 1 < w.size() && in(kYou, w[i + 1])) aimed = true;
    }
  }
  return aimed;
}

// "leg's gone dead again after sitting through chapel": the only death in the message is
// a limb's numbness, and no word of self-harm is there. A "dead" counts as a limb's when
// a limb word is within the three words before it.
bool only_a_limb_gone_dead(const std::vector<IndexedClause>& clauses) {
  static constexpr std::array<std::string_view, 16> kLimbs = {
      "leg",  "legs",  "foot",  "feet", "toe",  "toes", "arm",  "arms",
      "hand", "hands", "thigh", "calf", "knee", "bum",  "side", "shin"};
  static constexpr std::array<std::string_view, 16> kHarm = {
      "kill", "suicide", "suicidal", "die",  "dying",  "overdose", "pills", "hang",
      "jump", "cut",     "cutting",  "harm", "burden", "goodbye",  "alive", "living"};
  bool limb_dead = false;
  for (const auto& clause : clauses) {
    const Clause& w = clause.words;
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (in(kHarm, w[i])) return false;
      if (w[i] != "dead") continue;
      bool limb = false;
      for (std::size_t j = i >= 3 ? i - 3 : 0; j < i; ++j) limb = limb || in(kLimbs, w[j]);
      if (!limb) return false;
      limb_dead = true;
    }
  }
  return limb_dead;
}

}  // namespace

std::optional<SafetyCategory> backstop_verdict(const SafetyModel& model,
                                               const std::vector<IndexedClause>& clauses) {
  const auto verdict = model.verdict(clauses);
  if (verdict == SafetyCategory::self_harm &&
      (harm_aimed_at_another(clauses) || only_a_limb_gone_dead(clauses)))
    return std::nullopt;
  if (!verdict || *verdict == SafetyCategory::self_harm || clauses.empty()) return verdict;
  const Clause& first = clauses.front().words;
  const auto word = [&](std::size_t i) -> std::string_view {
    return i < first.size() ? std::string_view(first[i]) : std::string_view();
  };
  const bool supposes = word(0) == "if" || word(0) == "suppose" || word(0) == "supposing" ||
                        (word(0) == "what" && word(1) == "if") ||
                        (word(0) == "what" && word(1) == "happens" && word(2) == "if");
  return supposes ? std::nullopt : verdict;
}

std::string_view builtin_safety_model_json() { return triagebot::embedded::safety_model(); }

const SafetyModel& builtin_safety_model() {
  static const SafetyModel model = [] {
    auto loaded = SafetyModel::from_json(builtin_safety_model_json());
    // The file is compiled in and tested; a broken one is a bug in this build.
    if (!loaded) throw std::logic_error(loaded.error().message);
    return std::move(*loaded);
  }();
  return model;
}

}  // namespace triagebot::dialogs::safety
