// The safety screen's second stage: signs that add up (docs/safety.md "Signs that add
// up"). The first stage (safety_rules.h) fires on one phrasing that says the emergency
// in a clause ("crushing chest pain", "can't breathe"). People who do not name it still
// tell its signs, each in words of their own and often in different clauses: "a vice
// clamped round my ribcage" ... "sweating buckets"; "on the bathroom floor" ... "shaking
// him" ... "nothing going on behind his eyes". A sign rule lists the kinds of sign a
// clinician looks for together (a place, what it feels like, an alarm feature); it fires
// when the message holds one sign of every kind, each in scope (not denied, not a
// condition asked about, not in a clause about the distant past). One sign alone is
// ordinary life; signs of different kinds together are how an emergency reads. Built
// once with the rest of the screen (safety_rules.cpp), immutable, any thread.
#pragma once

#include <string>
#include <vector>

#include "dialogs/safety_pattern.h"
#include "dialogs/safety_screen.h"

namespace triagebot::dialogs::safety {

struct SignRule {
  SafetyCategory category;
  // One in-scope match of each kind, anywhere in the message, fires the rule.
  std::vector<std::vector<Pattern>> kinds;
  // A match of any of these anywhere in the message cancels it (a job, a course).
  std::vector<Pattern> unless;
};

// The rules, compiled but not indexed (safety_rules.cpp indexes them with the rest).
std::vector<SignRule> build_sign_rules();

}  // namespace triagebot::dialogs::safety
