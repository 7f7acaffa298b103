// SQLite `synchronous` levels the store supports, by their PRAGMA names.
#pragma once

#include <optional>
#include <string_view>

namespace triagebot::storage {

// FULL (the default) fsyncs the WAL at every commit: a committed transaction survives
// process crash *and* power loss. NORMAL survives a process crash but may lose the last
// commits on power loss. Group commit makes FULL as fast as NORMAL under load
// (DESIGN.md step 2), so FULL is what we ship.
enum class Synchronous { normal, full };

std::string_view to_string(Synchronous level);
std::optional<Synchronous> synchronous_from_string(std::string_view name);

}  // namespace triagebot::storage
