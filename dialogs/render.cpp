#include "dialogs/render.h"

#include <algorithm>
#include <cmath>
#include <numeric>

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

Assessment build_assessment(const KnowledgeData& k, const Facts& facts,
                            const std::vector<double>& post, Triage triage,
                            std::vector<std::string> red_flags) {
  Assessment out;
  out.triage = triage;
  out.red_flags = std::move(red_flags);
  std::vector<size_t> order(post.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return post[a] > post[b]; });
  for (size_t i = 0; i < order.size() && static_cast<int>(i) < k.settings.max_causes; ++i) {
    if (i > 0 && post[order[i]] < 0.01) break;  // a 0% line tells the person nothing
    const CauseDef& c = k.causes[order[i]];
    // Rounded down so the shown scores never sum above 1.
    double score = std::floor(post[order[i]] * 1000.0) / 1000.0;
    out.causes.push_back({c.id, c.name, score, reasons_for(k, facts, static_cast<int>(order[i]))});
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
    std::string description = def == k.causes.end() ? std::string() : def->description;
    append(out, "\n",
           fill(k.text("cause_line"),
                {{"rank", std::to_string(rank++)},
                 {"name", c.name},
                 {"percent", std::to_string(static_cast<int>(std::lround(c.score * 100)))},
                 {"description", description}}));
    std::string reasons;
    for (const auto& why : c.why) {
      if (!reasons.empty()) reasons += "; ";
      reasons += fill(k.text("you_said"), {{"what", why}});
    }
    if (reasons.empty()) reasons = k.text("why_general");
    append(out, "\n", fill(k.text("why_line"), {{"reasons", reasons}}));
  }
  return out;
}

}  // namespace

std::string render_assessment(const KnowledgeData& k, const EngineOptions& options,
                              const Assessment& a, const AssessmentNotes& notes) {
  std::map<std::string, std::string> vars = {{"number", options.emergency_number}};
  const auto& [label, advice] = k.triage_texts.at(a.triage);
  std::string out = k.text("assessment_heading");
  append(out, "\n\n", fill(k.text("triage_line"), {{"label", label}}) + "\n" + fill(advice, vars));
  if (notes.unsure_screens) append(out, "\n", k.text("unsure_floor_note"));
  if (notes.child) append(out, "\n", k.text("adult_only"));
  if (notes.pregnant) append(out, "\n", k.text("pregnancy_note"));
  if (notes.chemo) append(out, "\n", k.text("chemo_note"));
  if (notes.medicine) append(out, "\n", k.text("medicine_note"));
  append(out, "\n\n", causes_block(k, a));
  append(out, "\n\n", fill(k.text("safety_net"), vars));
  append(out, "\n\n", k.text("disclaimer"));
  return out;
}

std::string render_emergency(const KnowledgeData& k, const EngineOptions& options,
                             const Assessment& a, const std::vector<int>& new_flags) {
  std::map<std::string, std::string> vars = {{"number", options.emergency_number}};
  std::vector<std::string> ids;
  for (int f : new_flags) ids.push_back(k.red_flags[f].id);
  std::string out = fill(k.text("emergency_heading"), {{"flags", flag_names(k, ids)}});
  for (int f : new_flags) append(out, "\n", fill(k.red_flags[f].guidance, vars));
  append(out, "\n\n", fill(k.triage_texts.at(Triage::emergency).second, vars));
  if (!a.causes.empty()) append(out, "\n\n", causes_block(k, a));
  append(out, "\n\n", k.text("disclaimer"));
  return out;
}

}  // namespace triagebot::dialogs
