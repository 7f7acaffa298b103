// ConText (Harkema et al. 2009: NegEx extended with temporality and experiencer) over one
// message: which stretch of words speaks of now or of the past, and of the person or of
// a relative. Negation itself is scoped where phrases are matched (text_match.h); this
// adds the time and person dimensions.
//
// A message is cut into segments at sentence ends, commas and terminators ("but",
// "though", "except", "now" ...). A time trigger ("years ago", "when i was 12", "for
// years", "nothing new") sets its segment's time; a segment without one takes the time
// of the segment before it in the same sentence when only a comma parts them ("a year
// ago, i had double vision"). A relative who is the subject of a past event ("my mum
// had a stroke years ago", "my dad had it, not me") makes that segment family history;
// a relative who is just the subject ("my dad's leg is numb", "she cant stand up") is a
// carer speaking of the patient, so the segment stays the patient's. Anyone else the
// subject of an event the patient then disowns ("my son fell off his bike yesterday, not
// me") is someone else too, whenever it happened. A condition asked about in a question
// ("would it be bad if I couldn't pee?", "what if my face starts drooping?") is
// hypothetical, from its "if" to the question mark: it states nothing.
// Pure; safe from any thread.
#pragma once

#include <vector>

#include "dialogs/phrase_list.h"
#include "dialogs/text_match.h"

namespace triagebot::dialogs {

enum class TimeScope {
  current,        // now, or recent enough to matter ("last week", "this morning")
  long_standing,  // present but unchanged for years ("for years, unchanged", "always")
  historical,     // over and done ("years ago", "when i was 12", "as a kid")
};

struct Segment {
  int first = 0, last = 0;  // token range, inclusive
  TimeScope time = TimeScope::current;
  bool family = false;  // about a relative, not the patient
  // A relative "had" something, without a time ("my dad had bowel cancer"): a carer's
  // report of an event, or family history of a condition; the reader decides by finding.
  bool relative_had = false;
  // A relative had or has something after the patient's own no ("no but my sister has
  // leukaemia"): someone else, for the findings that count whenever they happened.
  bool relative_apart = false;
  bool nothing_new = false;  // denies anything current ("nothing new", "not now")
  // Told with a time of its own that is now ("today", "this morning", "since monday",
  // "worse", "new").
  bool dated_now = false;
  // The condition of a question ("what if my face starts drooping?"): not a report.
  bool hypothetical = false;
  // A guess asked of the bot ("do you think it's cancer?", "could it be a clot?"): states
  // no history (parser.cpp), but a symptom or red flag named there is still read.
  bool guessed = false;
  // Neither the patient's nor a carer's report: family history, or a condition asked
  // about.
  bool states_nothing() const { return family || hypothetical; }
};

struct Scopes {
  std::vector<Segment> segments;
  std::vector<int> segment_of;  // per token

  const Segment& at(int token) const { return segments[segment_of[token]]; }
  // Any segment says nothing is going on now ("nothing new since", "not now").
  bool denies_current() const;
  // Every segment that has words is historical or long-standing.
  bool only_past() const;
  bool any(TimeScope time) const;
  // Some segment of the patient's own is dated now ("but today my words are a bit off").
  bool tells_of_now() const;
};

// `distant_past`: the knowledge base's extra historical triggers (lexicon.distant_past).
Scopes read_scopes(const std::vector<Token>& tokens, const PhraseList& distant_past);

// "for ages" that is one sitting, not months ("I sit on the loo for ages"): no
// long-standing time and no duration.
const PhraseList& one_long_sitting();

}  // namespace triagebot::dialogs
