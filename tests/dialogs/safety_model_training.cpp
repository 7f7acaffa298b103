#include "tests/dialogs/safety_model_training.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "dialogs/safety_model.h"
#include "dialogs/safety_text.h"

namespace triagebot::dialogs::safety {
namespace {

// The scorer's features (model_features), as words: the file names them.
std::vector<std::string> feature_words(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& clause : clauses_of(text)) {
    for (std::size_t i = 0; i < clause.size(); ++i) {
      out.push_back(clause[i]);
      if (i + 1 < clause.size()) {
        // Appended, not added with '+': GCC 12's -Wrestrict misreads the operator at -O3.
        std::string pair = clause[i];
        pair.append(" ").append(clause[i + 1]);
        out.push_back(std::move(pair));
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

int category_index(SafetyCategory category) {
  for (std::size_t c = 0; c < kModelCategories.size(); ++c)
    if (kModelCategories[c] == category) return static_cast<int>(c);
  return -1;
}

struct Example {
  std::vector<int> features;
  int label;  // index into kModelCategories, or -1 for none
};

double rounded(double w) { return std::round(w * 1000.0) / 1000.0; }

}  // namespace

std::string train_safety_model(const std::vector<LabelledMessage>& messages,
                               const TrainingOptions& options) {
  std::unordered_map<std::string, int> index;
  std::vector<std::string> names;
  std::vector<Example> examples;
  for (const auto& message : messages) {
    int label = -1;
    if (message.category) {
      label = category_index(*message.category);
      if (label < 0) continue;  // a category the model does not score
    }
    Example example{{}, label};
    for (auto& word : feature_words(message.text)) {
      auto [at, added] = index.try_emplace(word, static_cast<int>(names.size()));
      if (added) names.push_back(word);
      example.features.push_back(at->second);
    }
    examples.push_back(std::move(example));
  }

  constexpr std::size_t kCategories = kModelCategories.size();
  std::vector<std::array<double, kCategories>> weights(names.size());
  std::array<double, kCategories> bias{};
  std::mt19937 random(options.seed);
  std::vector<std::size_t> order(examples.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    for (std::size_t i = order.size(); i > 1; --i) {
      const std::size_t j = random() % i;
      std::swap(order[i - 1], order[j]);
    }
    for (std::size_t at : order) {
      const Example& example = examples[at];
      for (std::size_t c = 0; c < kCategories; ++c) {
        double z = bias[c];
        for (int f : example.features) z += weights[static_cast<std::size_t>(f)][c];
        const bool positive = example.label == static_cast<int>(c);
        const double scale = positive ? options.positive_weight : 1.0;
        const double gradient = (logistic(z) - (positive ? 1.0 : 0.0)) * scale;
        bias[c] -= options.rate * gradient;
        for (int f : example.features) {
          double& w = weights[static_cast<std::size_t>(f)][c];
          w -= options.rate * (gradient + options.l2 * w);
        }
      }
    }
  }

  nlohmann::json out = {{"format", 1}, {"threshold", options.threshold}};
  out["trained_on"] = {{"messages", examples.size()},
                       {"crises", std::count_if(examples.begin(), examples.end(),
                                                [](const Example& e) { return e.label >= 0; })},
                       {"epochs", options.epochs},
                       {"seed", options.seed}};
  for (std::size_t c = 0; c < kCategories; ++c) {
    std::map<std::string, double> kept;
    for (std::size_t f = 0; f < names.size(); ++f)
      if (std::abs(weights[f][c]) >= options.keep) kept[names[f]] = rounded(weights[f][c]);
    out["categories"][std::string(to_string(kModelCategories[c]))] = {{"bias", rounded(bias[c])},
                                                                      {"weights", kept}};
  }
  return out.dump(1);
}

}  // namespace triagebot::dialogs::safety
