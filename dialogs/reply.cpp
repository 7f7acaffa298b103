#include "dialogs/reply.h"

#include "dialogs/json_text.h"

namespace triagebot::dialogs {

using nlohmann::json;

std::string_view to_string(Triage triage) {
  switch (triage) {
    case Triage::emergency:
      return "emergency";
    case Triage::urgent:
      return "urgent";
    case Triage::routine:
      return "routine";
    case Triage::self_care:
      return "self_care";
  }
  return "routine";
}

std::optional<Triage> triage_from_string(std::string_view name) {
  for (Triage t : {Triage::emergency, Triage::urgent, Triage::routine, Triage::self_care}) {
    if (to_string(t) == name) return t;
  }
  return std::nullopt;
}

void to_json(json& out, const Choice& choice) {
  out = json{{"id", choice.id}, {"label", choice.label}};
}

void to_json(json& out, const CauseScore& cause) {
  out = json{{"id", cause.id}, {"name", cause.name}, {"score", cause.score}, {"why", cause.why}};
  if (!cause.likelihood.empty()) {
    out["likelihood"] = cause.likelihood;
    out["likelihood_text"] = cause.likelihood_text;
  }
}

void to_json(json& out, const Assessment& assessment) {
  out = json{{"triage", to_string(assessment.triage)},
             {"causes", assessment.causes},
             {"red_flags", assessment.red_flags}};
}

void to_json(json& out, const Reply& reply) {
  out = json{{"text", reply.text}};
  if (!reply.choices.empty()) out["choices"] = reply.choices;
  if (reply.assessment) out["assessment"] = *reply.assessment;
}

// Each object's members in key order, as nlohmann's std::map holds them.
void append_json(std::string& out, const std::vector<Choice>& choices) {
  out += '[';
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"id\":";
    append_json_string(out, choices[i].id);
    out += ",\"label\":";
    append_json_string(out, choices[i].label);
    out += '}';
  }
  out += ']';
}

namespace {

void append_json(std::string& out, const CauseScore& cause) {
  out += "{\"id\":";
  append_json_string(out, cause.id);
  if (!cause.likelihood.empty()) {
    out += ",\"likelihood\":";
    append_json_string(out, cause.likelihood);
    out += ",\"likelihood_text\":";
    append_json_string(out, cause.likelihood_text);
  }
  out += ",\"name\":";
  append_json_string(out, cause.name);
  out += ",\"score\":";
  append_json_number(out, cause.score);
  out += ",\"why\":";
  append_json_strings(out, cause.why);
  out += '}';
}

}  // namespace

void append_json(std::string& out, const Assessment& assessment) {
  out += "{\"causes\":[";
  for (std::size_t i = 0; i < assessment.causes.size(); ++i) {
    if (i > 0) out += ',';
    append_json(out, assessment.causes[i]);
  }
  out += "],\"red_flags\":";
  append_json_strings(out, assessment.red_flags);
  out += ",\"triage\":";
  append_json_string(out, to_string(assessment.triage));
  out += '}';
}

void append_json(std::string& out, const Reply& reply) {
  out += '{';
  if (reply.assessment) {
    out += "\"assessment\":";
    append_json(out, *reply.assessment);
    out += ',';
  }
  if (!reply.choices.empty()) {
    out += "\"choices\":";
    append_json(out, reply.choices);
    out += ',';
  }
  out += "\"text\":";
  append_json_string(out, reply.text);
  out += '}';
}

namespace {

std::string string_or_empty(const json& in, const char* key) {
  auto it = in.find(key);
  return it != in.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> strings(const json& in, const char* key) {
  std::vector<std::string> out;
  auto it = in.find(key);
  if (it == in.end() || !it->is_array()) return out;
  for (const auto& item : *it) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace

std::optional<Assessment> assessment_from_json(const json& in) {
  if (!in.is_object()) return std::nullopt;
  auto triage = triage_from_string(string_or_empty(in, "triage"));
  if (!triage) return std::nullopt;
  Assessment out;
  out.triage = *triage;
  out.red_flags = strings(in, "red_flags");
  if (auto it = in.find("causes"); it != in.end() && it->is_array()) {
    for (const auto& c : *it) {
      if (!c.is_object()) continue;
      CauseScore cause{string_or_empty(c, "id"),
                       string_or_empty(c, "name"),
                       0,
                       strings(c, "why"),
                       string_or_empty(c, "likelihood"),
                       string_or_empty(c, "likelihood_text")};
      if (auto s = c.find("score"); s != c.end() && s->is_number()) cause.score = s->get<double>();
      out.causes.push_back(std::move(cause));
    }
  }
  return out;
}

std::optional<Reply> reply_from_json(const json& in) {
  if (!in.is_object() || !in.contains("text") || !in["text"].is_string()) return std::nullopt;
  Reply out;
  out.text = in["text"].get<std::string>();
  if (auto it = in.find("choices"); it != in.end() && it->is_array()) {
    for (const auto& c : *it) {
      if (c.is_object())
        out.choices.push_back({string_or_empty(c, "id"), string_or_empty(c, "label")});
    }
  }
  if (auto it = in.find("assessment"); it != in.end()) out.assessment = assessment_from_json(*it);
  return out;
}

}  // namespace triagebot::dialogs
