#include "dialogs/json_reader.h"

#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "dialogs/json_parser.h"

namespace triagebot::dialogs {
namespace {

using nlohmann::json;
using Element = simdjson::dom::element;
using Type = simdjson::dom::element_type;

json tree_of(Element element);

// Members in document order (a later duplicate replaces an earlier one, as in nlohmann);
// only those named in `only`, when given.
json object_of(simdjson::dom::object object,
               const std::span<const std::string_view>* only = nullptr) {
  json out = json::object();
  for (auto [key, value] : object) {
    if (only && std::find(only->begin(), only->end(), key) == only->end()) continue;
    out[std::string(key)] = tree_of(value);
  }
  return out;
}

json tree_of(Element element) {
  switch (element.type()) {
    case Type::OBJECT:
      return object_of(simdjson::dom::object(element));
    case Type::ARRAY: {
      json out = json::array();
      for (Element item : simdjson::dom::array(element)) out.push_back(tree_of(item));
      return out;
    }
    case Type::STRING:
      return std::string(std::string_view(element));
    case Type::INT64: {
      // nlohmann reads a non-negative integer as unsigned.
      const std::int64_t value = std::int64_t(element);
      return value >= 0 ? json(static_cast<std::uint64_t>(value)) : json(value);
    }
    case Type::UINT64:
      return std::uint64_t(element);
    case Type::DOUBLE:
      return double(element);
    case Type::BOOL:
      return bool(element);
    case Type::NULL_VALUE:
      return nullptr;
  }
  return nullptr;
}

json kept_tree_of(Element root, const KeptMembers& kept) {
  if (root.type() != Type::OBJECT) return tree_of(root);
  json out = json::object();
  for (auto [key, value] : simdjson::dom::object(root)) {
    if (key == kept.part_key && value.type() == Type::OBJECT) {
      out[std::string(key)] = object_of(simdjson::dom::object(value), &kept.part);
    } else if (key == kept.part_key ||
               std::find(kept.whole.begin(), kept.whole.end(), key) != kept.whole.end()) {
      out[std::string(key)] = tree_of(value);
    }
  }
  return out;
}

}  // namespace

std::optional<json> read_json(std::string_view text) {
  return json_parser::parse_with(text, [](Element root) { return tree_of(root); });
}

std::optional<json> read_json(std::string_view text, const KeptMembers& kept) {
  return json_parser::parse_with(text, [&kept](Element root) { return kept_tree_of(root, kept); });
}

// One per thread, shared by every reader.
simdjson::dom::parser& json_parser::this_threads_parser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

}  // namespace triagebot::dialogs
