#include "dialogs/render.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <numeric>
#include <string_view>

#include "dialogs/likelihood_words.h"

namespace triagebot::dialogs {

std::string fill(std::string text, const std::map<std::string, std::string>& vars) {
  for (const auto& [key, value] : vars) {
    std::string token = "{" + key + "}";
    for (size_t at = text.find(token); at != std::string::npos;
         at = text.find(token, at + value.size())) {
      text.replace(at, token.size(), value);
    }
  }
  return text;
}

namespace {

// fill() for a few variables given as views, with the same text out: the variables are
// taken in the order of their names (a std::map's; no caller repeats a name), and each
// "{name}" is replaced from the left, the search going on after the value put in. No map
// and no copy of each value are built: an assessment fills three lines per cause.
using Var = std::pair<std::string_view, std::string_view>;

std::string fill_in(std::string text, std::initializer_list<Var> given) {
  std::array<Var, 4> vars;
  const size_t n = std::min(given.size(), vars.size());
  std::copy_n(given.begin(), n, vars.begin());
  std::sort(vars.begin(), vars.begin() + static_cast<std::ptrdiff_t>(n),
            [](const Var& a, const Var& b) { return a.first < b.first; });
  std::string token;
  for (size_t v = 0; v < n; ++v) {
    const auto& [key, value] = vars[v];
    // Character by character: GCC 12 warns falsely (-Wrestrict) on assign("{") once
    // inlined into some unity chunks.
    token.clear();
    token.push_back('{');
    token.append(key);
    token.push_back('}');
    for (size_t at = text.find(token); at != std::string::npos;
         at = text.find(token, at + value.size())) {
      text.replace(at, token.size(), value);
    }
  }
  return text;
}

std::vector<bool> flagged_causes(const KnowledgeData& k, const std::vector<std::string>& flags) {
  std::vector<bool> out(k.causes.size(), false);
  for (const auto& flag : k.red_flags) {
    if (std::find(flags.begin(), flags.end(), flag.id) == flags.end()) continue;
    for (int c : flag.causes) out[c] = true;
  }
  return out;
}

}  // namespace

Assessment build_assessment(const KnowledgeData& k, const AssessmentBasis& basis, Triage triage,
                            std::vector<std::string> red_flags) {
  const auto& post = basis.posterior;
  Assessment out;
  out.triage = triage;
  std::vector<bool> flagged = flagged_causes(k, red_flags);
  out.red_flags = std::move(red_flags);
  // Brief §5.1 and issue 10 §7: when a red flag fired, its causes lead, whatever their
  // score; a benign cause is never ranked above the emergency being named.
  std::vector<size_t> order(post.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (flagged[a] != flagged[b]) return static_cast<bool>(flagged[a]);
    return post[a] > post[b];
  });
  double top = *std::max_element(post.begin(), post.end());
  // Beside an emergency nothing else is "most likely": the flag's causes must be ruled
  // out first, whatever the model's ranking (brief §5.9: never reassure about a red flag).
  bool flag_fired = std::find(flagged.begin(), flagged.end(), true) != flagged.end();
  for (size_t i = 0;
       i < order.size() && static_cast<int>(out.causes.size()) < k.settings.max_causes; ++i) {
    size_t c = order[i];
    if (i > 0 && !flagged[c] && post[c] < 0.01) break;  // a line at ~0 tells the person nothing
    const CauseDef& def = k.causes[c];
    // Rounded down so the stored scores never sum above 1.
    double score = std::floor(post[c] * 1000.0) / 1000.0;
    Likelihood words =
        likelihood_of(k.settings, post[c], !flag_fired && post[c] >= top, flagged[c]);
    out.causes.push_back({def.id, def.name, score,
                          reasons_for(k, basis.facts, static_cast<int>(c), basis.said),
                          std::string(to_string(words)), likelihood_text(k, words)});
  }
  return out;
}

std::string flag_names(const KnowledgeData& k, const std::vector<std::string>& ids) {
  std::string out;
  for (size_t i = 0; i < ids.size(); ++i) {
    auto it = std::find_if(k.red_flags.begin(), k.red_flags.end(),
                           [&](const RedFlagDef& r) { return r.id == ids[i]; });
    std::string name = it == k.red_flags.end() ? ids[i] : it->name;
    if (i > 0) out += i + 1 == ids.size() ? " and " : ", ";
    out += name;
  }
  return out;
}

namespace {

// Appends `separator` then `text` (two appends: GCC 12 warns falsely on "\n" + string).
void append(std::string& out, const char* separator, const std::string& text) {
  out += separator;
  out += text;
}

std::string causes_block(const KnowledgeData& k, const Assessment& a) {
  std::string out = k.text("causes_heading");
  int rank = 1;
  for (const auto& c : a.causes) {
    auto def = std::find_if(k.causes.begin(), k.causes.end(),
                            [&](const CauseDef& d) { return d.id == c.id; });
    const std::string_view description =
        def == k.causes.end() ? std::string_view() : std::string_view(def->description);
    append(out, "\n",
           fill_in(k.text("cause_line"), {{"rank", std::to_string(rank++)},
                                          {"name", c.name},
                                          {"likelihood", c.likelihood_text},
                                          {"description", description}}));
    std::string reasons;
    for (const auto& why : c.why) {
      if (!reasons.empty()) reasons += "; ";
      reasons += fill_in(k.text("you_said"), {{"what", why}});
    }
    if (reasons.empty()) reasons = k.text("why_general");
    append(out, "\n", fill_in(k.text("why_line"), {{"reasons", reasons}}));
  }
  return out;
}

// Brief §5.3: every assessment lists the red-flag signs; issue 10 §7: not one the person
// already has (a sign they have is not something to watch for).
std::string safety_net(const KnowledgeData& k, const Facts& facts) {
  std::string signs;
  for (const auto& sign : k.safety_net) {
    if (!facts.holds(sign.when)) continue;
    if (!signs.empty()) signs += "; ";
    signs += sign.text;
  }
  return fill_in(k.text("safety_net"), {{"signs", signs}});
}

}  // namespace

std::string render_assessment(const KnowledgeData& k, const EngineOptions& options,
                              const Assessment& a, const AssessmentNotes& notes,
                              const Facts& facts) {
  std::map<std::string, std::string> vars = {{"number", options.emergency_number}};
  const auto& [label, advice] = k.triage_texts.at(a.triage);
  std::string out = k.text("assessment_heading");
  append(out, "\n\n", fill(k.text("triage_line"), {{"label", label}}) + "\n" + fill(advice, vars));
  if (notes.unsure_screens) append(out, "\n", k.text("unsure_floor_note"));
  if (notes.undecided_flags) append(out, "\n", k.text("undecided_flag_note"));
  if (notes.child) append(out, "\n", k.text("adult_only"));
  if (notes.pregnant) append(out, "\n", k.text("pregnancy_note"));
  if (notes.chemo) append(out, "\n", k.text("chemo_note"));
  if (notes.medicine) append(out, "\n", k.text("medicine_note"));
  append(out, "\n\n", causes_block(k, a));
  append(out, "\n\n", fill(safety_net(k, facts), vars));
  append(out, "\n\n", k.text("disclaimer"));
  return out;
}

std::string render_emergency(const KnowledgeData& k, const EngineOptions& options,
                             const Assessment& a, const std::vector<int>& new_flags,
                             FlagBasis basis) {
  const Var number{"number", options.emergency_number};
  std::vector<std::string> ids;
  for (int f : new_flags) ids.push_back(k.red_flags[f].id);
  std::string out =
      fill_in(k.text(basis == FlagBasis::stated ? "emergency_heading" : "unsure_flag_note"),
              {{"flags", flag_names(k, ids)}});
  for (int f : new_flags) append(out, "\n", fill_in(k.red_flags[f].guidance, {number}));
  append(out, "\n\n", fill_in(k.triage_texts.at(Triage::emergency).second, {number}));
  if (!a.causes.empty()) append(out, "\n\n", causes_block(k, a));
  append(out, "\n\n", k.text("disclaimer"));
  return out;
}

}  // namespace triagebot::dialogs
