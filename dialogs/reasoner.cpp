#include "dialogs/reasoner.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace triagebot::dialogs {

void Facts::set(int f, bool value) {
  values_[f] = value ? yes : no;
  if (!value) return;
  for (int g : k_->findings[f].siblings) values_[g] = no;
}

bool Facts::group_has_true(int f) const {
  if (k_->findings[f].group.empty()) return false;
  if (values_[f] == yes) return true;
  const auto& siblings = k_->findings[f].siblings;
  return std::any_of(siblings.begin(), siblings.end(), [&](int g) { return values_[g] == yes; });
}

bool Facts::holds(const Condition& c) const {
  for (int f : c.all)
    if (!is_true(f)) return false;
  for (int f : c.none)
    if (is_true(f)) return false;
  for (int f : c.not_false)
    if (is_false(f)) return false;
  if (!c.any.empty() && std::none_of(c.any.begin(), c.any.end(), [&](int f) { return is_true(f); }))
    return false;
  return true;
}

bool Facts::could_hold(const Condition& c, const std::vector<int>& may_turn_true) const {
  auto may_be_true = [&](int f) {
    return is_true(f) ||
           std::find(may_turn_true.begin(), may_turn_true.end(), f) != may_turn_true.end();
  };
  // A true finding stays true, and a false one stays false unless it may turn true.
  for (int f : c.all)
    if (!may_be_true(f)) return false;
  for (int f : c.none)
    if (is_true(f)) return false;
  for (int f : c.not_false)
    if (is_false(f) && !may_be_true(f)) return false;
  return c.any.empty() || std::any_of(c.any.begin(), c.any.end(), may_be_true);
}

Triage more_urgent(Triage a, Triage b) { return static_cast<int>(a) < static_cast<int>(b) ? a : b; }

namespace {

// The terms a known finding adds to log P(findings | cause): a true finding adds log P,
// a false one log (1 - P). A false member of a group whose true member is known adds
// nothing: the true member already carries the group's evidence. The same findings for
// every cause, so listed once per posterior, in finding order; each cause then sums
// only those (a few dozen of the knowledge base's findings are known at a time).
struct Term {
  int finding;
  bool yes;
};

std::vector<Term> terms(const KnowledgeData& k, const Facts& facts) {
  std::vector<Term> out;
  for (size_t f = 0; f < k.findings.size(); ++f) {
    const int i = static_cast<int>(f);
    if (facts.is_true(i))
      out.push_back({i, true});
    else if (facts.is_false(i) && !facts.group_has_true(i))
      out.push_back({i, false});
  }
  return out;
}

// log P(findings | cause), summed in finding order from the logarithms taken at load.
double log_likelihood(const KnowledgeData& k, const std::vector<Term>& terms, int c) {
  double sum = 0;
  const CauseDef& cause = k.causes[c];
  for (const Term& t : terms) sum += t.yes ? cause.log_yes[t.finding] : cause.log_no[t.finding];
  return sum;
}

std::vector<double> normalise_logs(std::vector<double> logs) {
  double top = *std::max_element(logs.begin(), logs.end());
  double total = 0;
  for (auto& v : logs) total += (v = std::exp(v - top));
  for (auto& v : logs) v /= total;
  return logs;
}

double entropy(const std::vector<double>& p) {
  double h = 0;
  for (double v : p)
    if (v > 0) h -= v * std::log2(v);
  return h;
}

// P(outcome | cause) for each answer of `q` except "not sure", normalised per cause.
std::vector<std::vector<double>> outcome_likelihoods(const KnowledgeData& k, const QuestionDef& q) {
  std::vector<std::vector<double>> out;  // [outcome][cause]
  size_t causes = k.causes.size();
  if (q.kind == QuestionKind::yes_no) {
    std::vector<double> yes(causes), no(causes);
    for (size_t c = 0; c < causes; ++c) {
      yes[c] = k.causes[c].likelihood[q.finding];
      no[c] = 1 - yes[c];
    }
    return {yes, no};
  }
  for (const auto& choice : q.choices) {
    if (choice.unsure) continue;
    std::vector<double> row(causes, 1.0);
    for (size_t c = 0; c < causes; ++c) {
      for (int f : choice.sets) row[c] *= k.causes[c].likelihood[f];
    }
    out.push_back(row);
  }
  for (size_t c = 0; c < causes; ++c) {
    double total = 0;
    for (auto& row : out) total += row[c];
    for (auto& row : out) row[c] = total > 0 ? row[c] / total : 0;
  }
  return out;
}

}  // namespace

std::vector<double> posterior(const KnowledgeData& k, const Facts& facts) {
  std::vector<double> logs(k.causes.size());
  const auto known = terms(k, facts);
  for (size_t c = 0; c < k.causes.size(); ++c) {
    logs[c] = std::log(k.causes[c].prior) + log_likelihood(k, known, static_cast<int>(c));
  }
  return normalise_logs(std::move(logs));
}

double expected_gain(const KnowledgeData& k, const Facts&, const std::vector<double>& post,
                     const QuestionDef& q) {
  double before = entropy(post);
  double after = 0;
  for (const auto& row : outcome_likelihoods(k, q)) {
    std::vector<double> joint(post.size());
    double p_outcome = 0;
    for (size_t c = 0; c < post.size(); ++c) p_outcome += (joint[c] = post[c] * row[c]);
    if (p_outcome <= 0) continue;
    for (auto& v : joint) v /= p_outcome;
    after += p_outcome * entropy(joint);
  }
  return before - after;
}

TriageDecision decide_triage(const KnowledgeData& k, const Facts& facts,
                             const std::vector<double>& post) {
  auto cause_level = [&](size_t c) {
    Triage level = k.causes[c].triage;
    for (const auto& e : k.causes[c].escalations) {
      if (facts.holds(e.when)) level = e.triage;  // escalations may also relax (meralgia)
    }
    // Issue 10 §7: self-care only when the benign feature that defines it was confirmed.
    if (level == Triage::self_care && !facts.holds(k.causes[c].self_care_when))
      level = Triage::routine;
    return level;
  };
  // Brief §1: the most urgent default among causes with posterior >= threshold, never
  // below the top cause's level.
  size_t top = static_cast<size_t>(std::max_element(post.begin(), post.end()) - post.begin());
  TriageDecision out;
  out.level = cause_level(top);
  for (size_t c = 0; c < post.size(); ++c) {
    if (post[c] >= k.settings.triage_posterior) out.level = more_urgent(out.level, cause_level(c));
  }
  for (const auto& floor : k.floors) {
    if (facts.holds(floor.when) && more_urgent(floor.triage, out.level) != out.level) {
      out.level = floor.triage;
      out.floors.push_back(floor.id);
    } else if (facts.holds(floor.when)) {
      out.floors.push_back(floor.id);
    }
  }
  return out;
}

namespace {

// Long quotes are cut at a word boundary: a reason is a pointer to what they said, not
// a transcript.
std::string quoted(const std::string& words) {
  constexpr size_t kMaxQuote = 80;
  std::string text = words;
  if (text.size() > kMaxQuote) {
    size_t cut = text.rfind(' ', kMaxQuote);
    text = text.substr(0, cut == std::string::npos ? kMaxQuote : cut) + "...";
  }
  return "\"" + text + "\"";
}

}  // namespace

std::vector<std::string> reasons_for(const KnowledgeData& k, const Facts& facts, int c,
                                     const std::map<int, std::string>& said) {
  struct Scored {
    double ratio;
    size_t finding;
    bool value;
  };
  std::vector<Scored> scored;
  size_t causes = k.causes.size();
  // Only findings the person said can be reasons: those of `said`, in ascending order as
  // a walk over every finding met them (not a lookup in `said` for each finding).
  for (const auto& [said_finding, said_words] : said) {
    if (said_finding < 0 || static_cast<size_t>(said_finding) >= k.findings.size()) continue;
    const auto f = static_cast<size_t>(said_finding);
    if (!facts.known(static_cast<int>(f))) continue;
    bool value = facts.is_true(static_cast<int>(f));
    if (!value && facts.group_has_true(static_cast<int>(f))) continue;
    double mean = 0;
    for (size_t other = 0; other < causes; ++other) mean += k.causes[other].likelihood[f];
    mean /= static_cast<double>(causes);
    double mine = k.causes[c].likelihood[f];
    double ratio = value ? mine / mean : (1 - mine) / (1 - mean);
    if (ratio >= k.settings.reason_ratio) scored.push_back({ratio, f, value});
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const Scored& a, const Scored& b) { return a.ratio > b.ratio; });
  std::vector<std::string> out;
  for (const auto& s : scored) {
    if (static_cast<int>(out.size()) >= k.settings.max_reasons) break;
    const auto& def = k.findings[s.finding];
    const std::string& words = said.at(static_cast<int>(s.finding));
    std::string reason = !words.empty() ? quoted(words) : s.value ? def.says_yes : def.says_no;
    // One sentence can state several findings ("I can't feel the paper when I wipe and I
    // wet myself"): it is quoted once, and the next reason takes its place.
    if (std::find(out.begin(), out.end(), reason) == out.end()) out.push_back(std::move(reason));
  }
  return out;
}

}  // namespace triagebot::dialogs
