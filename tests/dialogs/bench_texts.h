// bench-peers' load/common.lua `M.texts`, in its order: what the server bench sends, most
// of it as the first message of a new conversation. The step benchmark times them and the
// steps' golden record holds them.
#pragma once

namespace triagebot::dialogs::testing {

inline constexpr const char* kBenchTexts[] = {
    "Hi, my left leg has been numb for about 3 weeks and it gets worse when I cough",
    "both my feet feel numb and tingly, started slowly over the last few months",
    "/start",
    "yes",
    "no back pain, but my thigh burns on the outside when I stand for long",
    "since yesterday I cannot feel my right foot properly and I have trouble peeing",
    "I am diabetic and my toes feel like they are wrapped in cotton",
    "not really, only when I sit with crossed legs for a long time",
};

}  // namespace triagebot::dialogs::testing
