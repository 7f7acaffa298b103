// Whether this test binary is the sanitizer tree's (AddressSanitizer + UBSan, -O0), and
// how much of a whole clinical set a test walks there.
//
// The whole-set tests (every step of the clinical sets against its recorded hash, every
// reading against its record, ...) check pure functions of the text: the Release tree
// walks every line of every set, and what the sanitizer tree adds is memory and
// undefined-behaviour checking of the same code paths, which a sample of the lines
// exercises as well. Walked whole under ASan they were a third of that stage's CPU.
// TRIAGEBOT_WHOLE_SETS=1 walks everything in any tree.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>

namespace triagebot::testing {

// GCC says __SANITIZE_ADDRESS__; Clang (the sanitizer tree's compiler) says it through
// __has_feature.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
#else
inline constexpr bool kSanitized = false;
#endif

// 1 (every line) in the Release tree; every 4th unit (a conversation, a message) under
// the sanitizers unless TRIAGEBOT_WHOLE_SETS=1.
inline std::size_t whole_set_stride() {
  const char* whole = std::getenv("TRIAGEBOT_WHOLE_SETS");
  if (!kSanitized || (whole && std::strcmp(whole, "1") == 0)) return 1;
  return 4;
}

}  // namespace triagebot::testing
