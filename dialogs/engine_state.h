// The engine's private part of a Session (Session::engine_state), typed: the step copies
// it, and storage writes it as JSON (state_to_json) and reads it back (state_from_json).
// Findings are kept by id so a session survives a knowledge file that gains findings;
// ids the current knowledge base does not know are dropped when a step makes them Facts
// (facts_of). Members of a stored state that this type does not know are dropped on read.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dialogs/knowledge_data.h"
#include "dialogs/reasoner.h"

namespace triagebot::dialogs {

struct EngineState {
  bool started = false;  // greeted; the next text is the opening unless a question is pending
  bool previous_ended = false;  // this interview replaced one that ended (/restart)
  // In the order of their ids (KnowledgeData::findings_by_id), as the JSON holds them.
  // During a step they are the Facts' business (facts_of); the step writes them back
  // when it ends (set_findings).
  std::vector<std::pair<std::string, bool>> findings;
  // Findings the person stated (answered, or wrote), by id, with their own words when the
  // reader quoted them ("" when they answered a question). Only these may be given as a
  // reason (issue 10 §7); findings inferred (a group's other members) are not here.
  // In the order of their ids, as the JSON holds them (note_said keeps it).
  // A vector, read from storage at its exact size: the session cache holds 2,048 of
  // these states, and a deque took ~576 bytes even empty (its map and first block).
  // (A deque was chosen when the server ran on glibc's malloc, where a vector's growth
  // past 1 KiB made it tidy its free lists; jemalloc has no such cost.)
  std::vector<std::pair<std::string, std::string>> said;
  std::vector<std::string> asked;  // questions asked, in order
  std::string pending;             // question awaiting an answer ("" = none)
  bool plainer = false;            // the pending question is the plainer re-ask
  // The red flag whose open rule the pending question closes ("" = none): its "not sure"
  // gets the plainer re-ask, as a screen's does.
  std::string pending_for;
  // Red-flag questions (screens and closing questions) still "not sure" after the re-ask.
  std::vector<std::string> unsure_screens;
  // The person answered a plainer re-ask with a hedged denial ("not that I've noticed",
  // asked twice): their hedges are how they say no, so later ones are taken as no at once
  // instead of being asked twice each (docs/reading.md). Written to the JSON only when set.
  bool hedges_mean_no = false;
  std::vector<std::string> notes;  // one-off notes already given ("child", ...)
  int questions = 0;               // questions sent, re-asks included
  std::int64_t started_at = 0;     // seconds since the epoch
  // The language gate (dialogs/language_gate.h): the ISO code of the language the person
  // writes in when it is not English ("" = English); typed text is then not read.
  std::string language;
  // The last words of the previous typed message (at most kPreviousWords of its last
  // clause, folded as the safety screen reads them), kept so that a crisis split over
  // several messages is read whole (docs/safety.md "Messages split over several turns").
  // "" when that message was a command, a button, a bare answer ("no") or already
  // answered by the screen. Written to the JSON only when set.
  std::string previous_words;
  // The kept words of the message before that one, when the previous message carried
  // its clause on (one clause, sent within kPreviousWithinSeconds of it): a crisis typed
  // in three pieces ("i dont want" ... "to be" ... "here anymore") is read whole. Never
  // more words than kPreviousWords leaves beside previous_words, and never a third
  // message's. Written to the JSON only when set.
  std::string earlier_words;
  // When the server received the previous message (seconds since the epoch), kept with
  // previous_words: they are read on only into a message received within
  // kPreviousWithinSeconds of it. None when no words are kept, and in sessions stored
  // before the time was kept: such words could be days old, so they are not read on.
  std::optional<std::int64_t> previous_at;

  // A step wrote this state, or it was read from a stored one that had members. A new
  // session's state was never written: it is stored as {}, as it always was, where a
  // written one is stored whole, every member, even when each holds its default
  // (state_to_json).
  bool written = false;

  // At most this many words are kept, both messages together.
  static constexpr int kPreviousWords = 8;
  // Five minutes from one message to the next (docs/safety.md "Messages split over
  // several turns"): the pieces of one thought come within seconds, or a minute or two
  // for someone typing slowly in distress; words from an earlier conversation must not
  // complete today's.
  static constexpr std::int64_t kPreviousWithinSeconds = 300;

  bool was_asked(const std::string& id) const;
  // Records that the person stated finding `f`, with the words of this statement: the
  // latest statement wins (late news counts, brief §5.8), so a quote never outlives it.
  void note_said(const KnowledgeData& k, int f, const std::string& quote);
  std::map<int, std::string> said_by_index(const KnowledgeData& k) const;
  bool has_note(const std::string& id) const;
  // Member for member; `said` in the same order too (the JSON holds it by id).
  bool operator==(const EngineState&) const = default;
};

// The stored JSON object and back. Members of another type read as their default, as
// do absent ones; members this type does not know are dropped. A state equal to
// EngineState{} (never written) is {}; any other has every member but those written only
// when set (hedges_mean_no, and the kept words with their time). `said` is written by
// id, so it reads back in id order.
EngineState state_from_json(const nlohmann::json& json);
nlohmann::json state_to_json(const EngineState& state);
// Appends state_to_json(state).dump() to `out`, byte for byte, without building the tree:
// the stored text is made once per turn (session_to_text).
void append_state_text(std::string& out, const EngineState& state);

// What a step uses: the stored findings as Facts (ids this knowledge base lacks are
// dropped), and the Facts back as findings, in id order, at the step's end.
Facts facts_of(const KnowledgeData& k, const EngineState& state);
void set_findings(EngineState& state, const KnowledgeData& k, const Facts& facts);

}  // namespace triagebot::dialogs
