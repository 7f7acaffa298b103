#include "storage/outbox_parts.h"

#include "dialogs/json_text.h"

namespace triagebot::storage {

namespace {

const nlohmann::json* parts_of(const nlohmann::json& payload) {
  if (!payload.is_object()) return nullptr;
  auto it = payload.find("parts");
  if (it == payload.end() || !it->is_array() || it->empty()) return nullptr;
  return &*it;
}

}  // namespace

nlohmann::json parts_payload(std::vector<nlohmann::json> parts) {
  if (parts.size() == 1) return std::move(parts.front());
  nlohmann::json payload = nlohmann::json::object();
  // The first part's kind at the top, so what reads only the kind (the tests, an
  // operator's query) reads the row as it read the first part's.
  if (!parts.empty() && parts.front().is_object() && parts.front().contains("kind")) {
    payload["kind"] = parts.front()["kind"];
  }
  payload["parts"] = std::move(parts);
  return payload;
}

std::string parts_payload_text(const std::vector<std::string>& parts, std::string_view kind) {
  if (parts.size() == 1) return parts.front();
  // "kind" sorts before "parts", as in the object parts_payload builds.
  std::string out = "{\"kind\":";
  dialogs::append_json_string(out, kind);
  out += ",\"parts\":[";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += ',';
    out += parts[i];
  }
  out += "]}";
  return out;
}

std::size_t outbox_part_count(const nlohmann::json& payload) {
  const auto* parts = parts_of(payload);
  return parts ? parts->size() : 1;
}

const nlohmann::json& outbox_part(const nlohmann::json& payload, std::size_t index) {
  const auto* parts = parts_of(payload);
  return parts ? parts->at(index) : payload;
}

}  // namespace triagebot::storage
