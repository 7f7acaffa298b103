// What a typed reply to a yes/no question means: yes, no, unsure, a request to explain
// the question (clarify), or none (not an answer: "ok", "hello?", "hang on").
// Issue 10 §3. The reader has its own vocabulary (answer_reader.cpp) on top of the
// knowledge base's lexicon and the question's own yes/no phrases, and reads by meaning
// rather than by the first word:
// - "fine", "normal", "same", "ok" describing the thing asked about deny it ("my face
//   is fine", "it's the same colour as the other one", "I'm fine thanks");
// - hedges and minimisers still affirm ("a bit", "kinda", "sometimes", "only when I walk
//   far"), an exclusive "just"/"only" denies ("just an inhaler", "only in my thigh");
// - a stated symptom the question asks about is a yes whatever the lead word ("not my
//   face but my arm went numb"); a symptom of another question leaves the answer alone
//   ("no, but my back hurts" is no, and the back pain is recorded as a finding);
// - time scope: a past event only ("fell off a bike when I was 12", "had a stroke 5
//   years ago, nothing new since") is no when the question asks about now; long-standing
//   and unchanged is no when it asks about something new;
// - a no that turns in its turning clause to the question's own words is a yes ("not
//   cold, tho it looks a bit bluish"), as is, on a screen for something new, a no
//   limited to now before an episode that passed ("nothing now, it was yesterday for
//   10 min"); when both answers are there, the clause after the last "but" concludes;
// - a self-correction counts from the last correction ("no wait yes, ...");
// - a red-flag question never turns a hedged or unsure reply into no ("not that I know
//   of", "don't think so, he hasn't said" are unsure there);
// - a few foreign yes/no/don't-know words are read ("sí", "nein", "no sé") so they are
//   never mistaken for English ("no sé" is not "no").
// Pure; safe from any thread.
#pragma once

#include <vector>

#include "dialogs/context_scope.h"
#include "dialogs/knowledge_data.h"
#include "dialogs/parser.h"

namespace triagebot::dialogs {

// `tokens` are spelling-corrected; `reading` holds the findings already read from them.
// Sets `hedged_denial` when the answer is unsure only because a red-flag question got a
// hedged no ("not that I know of"): the engine takes that as no on the plainer re-ask.
// Sets `about_someone_else` when the answer is clarify because it names only a relative's
// illness ("my dad had bowel cancer"): the engine asks again about the person themselves.
// What the caller has read of `tokens` already: their scopes (read_scopes with the
// lexicon's distant_past) and the phrase index's starts in them. Used when the whole
// reply is read (no self-correction or shrug cut off), so neither is worked out twice.
struct ReadSoFar {
  const Scopes* scopes = nullptr;
  const std::vector<PhraseStart>* starts = nullptr;
};

Answer read_answer(const KnowledgeData& knowledge, const std::vector<Token>& tokens,
                   const QuestionDef& question, const Reading& reading, bool& hedged_denial,
                   bool& about_someone_else, const ReadSoFar* so_far = nullptr);

// The reply opens by quoting the question's own words back as a question, then answers
// ("cold, pale or blue? no none of those", "standing still for a minute or two? no"):
// the index of the answer word after the quote, else 0. Its findings are the question's,
// not the person's (parser.cpp forgets them as it does a question back's).
int after_question_echo(const std::vector<Token>& tokens, const QuestionDef& question);

// A screen, or a question whose finding a red-flag rule uses: never guessed towards no.
bool is_red_flag_question(const KnowledgeData& knowledge, const QuestionDef& question);

// Every word of the reader's own vocabulary, so spelling correction leaves them alone
// (the foreign words above would otherwise be "corrected" into English ones).
void add_answer_words(Vocabulary& words);

}  // namespace triagebot::dialogs
