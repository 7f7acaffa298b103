// The knowledge-base loader (TRIAGEBOT_KNOWLEDGE): a broken file must be an Error that
// names the place, never a crash. Input: the file's bytes.
#include "dialogs/knowledge.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)triagebot::dialogs::load_knowledge(triagebot::fuzz::as_text(data, size));
  return 0;
}
