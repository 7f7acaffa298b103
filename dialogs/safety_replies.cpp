// Wording: plain words, no blame, no diagnosis, the number first. Self-harm texts follow
// the Samaritans' and 988's guidance for talking to someone in crisis: say you are sorry
// they feel this way, that they are not alone, and where to get help now. The first-aid
// lines are the NHS's ("When to call 999", "First aid": press on a bleeding wound, keep
// the packet of what was swallowed, do not make anyone sick).
#include "dialogs/safety_replies.h"

#include <algorithm>
#include <map>

namespace triagebot::dialogs {
namespace {

std::string fill_numbers(std::string text, const HelpNumbers& numbers) {
  for (const auto& [key, value] :
       {std::pair<std::string, std::string>{"{number}", numbers.emergency},
        std::pair<std::string, std::string>{"{crisis}", numbers.crisis_line}}) {
    for (size_t at = text.find(key); at != std::string::npos;
         at = text.find(key, at + value.size()))
      text.replace(at, key.size(), value);
  }
  return text;
}

std::string english(SafetyCategory category) {
  switch (category) {
    case SafetyCategory::chest_pain:
      return "Chest pain or pressure like this can be a heart attack or a clot in the lung. "
             "Please call {number} now. Don't drive yourself; sit down and rest while you wait, "
             "and if you're alone, unlock the door.";
    case SafetyCategory::breathing:
      return "Trouble breathing like this needs help now: please call {number}. Sit upright, "
             "and if you have a reliever inhaler or an adrenaline pen for this, use it.";
    case SafetyCategory::collapse_unresponsive:
      return "Someone who has collapsed, isn't responding or is having a fit needs help now: "
             "call {number} straight away and put the phone on speaker. If they aren't breathing "
             "normally, the call handler will talk you through what to do. Don't put anything "
             "in their mouth.";
    case SafetyCategory::severe_bleeding:
      return "Heavy bleeding needs help now: call {number}. If it's from a wound, press firmly "
             "on it with a clean cloth or towel and keep pressing without lifting it to look.";
    case SafetyCategory::overdose_poisoning:
      return "Too much of a medicine, or something poisonous swallowed, needs help now even if "
             "they seem well at the moment: call {number}. Keep the packet or bottle to show "
             "them, and don't make anyone sick. If it was taken to hurt yourself, you're not in "
             "trouble: you can also call {crisis}.";
    case SafetyCategory::self_harm:
      return "I'm really sorry you're feeling like this. You don't have to go through it on "
             "your own, and you deserve support right now. Please call {crisis} now to talk to "
             "someone. If you might act on these thoughts, "
             "or have already hurt yourself, call {number} now. If you can, be with someone you "
             "trust or tell them how you feel.";
    case SafetyCategory::abuse:
      // Safeguarding guidance (NHS "Domestic violence and abuse"): believe, do not judge,
      // safety first, and a way to talk in confidence; the chat itself may be read by the
      // person doing it, so how to delete it is said too.
      return "I'm sorry that is happening to you. You don't deserve to be hurt, and it isn't "
             "your fault. If you are in danger now, call {number}. When it's safe, you can tell "
             "a doctor or nurse, who can help in confidence. If someone else might read this "
             "chat, you can send /forget to delete it.";
  }
  return "Please call {number} now.";
}

struct Localized {
  const char* emergency;
  const char* self_harm;
  const char* english_only;
};

const std::map<std::string, Localized, std::less<>>& localized() {
  static const std::map<std::string, Localized, std::less<>> texts = {
      {"es",
       {"Esto puede ser una emergencia. Llame al {number} ahora mismo.",
        "Siento mucho que se sienta así. No tiene que pasar por esto solo. Llame al "
        "{crisis} para hablar con alguien ahora. Si corre peligro inmediato, llame al {number}.",
        "Lo siento, por ahora solo entiendo inglés. Si es una emergencia, llame al {number} "
        "ahora. Puede seguir respondiendo a mis preguntas con los botones."}},
      {"fr",
       {"Cela peut être une urgence. Appelez le {number} tout de suite.",
        "Je suis vraiment désolé que vous vous sentiez ainsi. Vous n'êtes pas seul. Appelez le "
        "{crisis} pour parler à quelqu'un maintenant. En cas de danger immédiat, "
        "appelez le {number}.",
        "Désolé, pour l'instant je ne comprends que l'anglais. En cas d'urgence, appelez le "
        "{number} maintenant. Vous pouvez continuer à répondre à mes questions avec les "
        "boutons."}},
      {"de",
       {"Das kann ein Notfall sein. Rufen Sie sofort die {number} an.",
        "Es tut mir sehr leid, dass es Ihnen so geht. Sie sind damit nicht allein. Rufen Sie "
        "die {crisis} an, um jetzt mit jemandem zu sprechen. Bei "
        "akuter Gefahr rufen Sie die {number} an.",
        "Entschuldigung, ich verstehe bisher nur Englisch. Im Notfall rufen Sie jetzt die "
        "{number} an. Sie können meine Fragen weiter mit den Schaltflächen beantworten."}},
      {"pt",
       {"Isto pode ser uma emergência. Ligue já para o {number}.",
        "Lamento muito que se sinta assim. Não está sozinho. Ligue para o {crisis} "
        "para falar com alguém agora. Se estiver em perigo imediato, ligue para o {number}.",
        "Desculpe, por enquanto só entendo inglês. Se for uma emergência, ligue já para o "
        "{number}. Pode continuar a responder às minhas perguntas com os botões."}},
      {"it",
       {"Questa può essere un'emergenza. Chiami subito il {number}.",
        "Mi dispiace davvero che si senta così. Non è solo. Chiami il {crisis} per "
        "parlare con qualcuno adesso. Se è in pericolo immediato, chiami il {number}.",
        "Mi dispiace, per ora capisco solo l'inglese. In caso di emergenza chiami subito il "
        "{number}. Può continuare a rispondere alle mie domande con i pulsanti."}},
  };
  return texts;
}

}  // namespace

bool has_own_texts(std::string_view language) {
  return localized().find(language) != localized().end();
}

std::string safety_answer(const std::vector<SafetyCategory>& categories, std::string_view language,
                          const HelpNumbers& numbers) {
  const bool self_harm = std::find(categories.begin(), categories.end(),
                                   SafetyCategory::self_harm) != categories.end();
  const bool physical = categories.size() > (self_harm ? 1u : 0u);
  std::string out;
  auto add = [&](const std::string& text) {
    if (!out.empty()) out += "\n\n";
    out += text;
  };
  if (auto it = localized().find(language); it != localized().end()) {
    if (physical) add(it->second.emergency);
    if (self_harm) add(it->second.self_harm);
  } else {
    // Physical emergencies first: they are the ones minutes matter for.
    for (auto category : categories)
      if (category != SafetyCategory::self_harm) add(english(category));
    if (self_harm) add(english(SafetyCategory::self_harm));
  }
  return fill_numbers(out, numbers);
}

std::string safety_carry_on(bool question_pending) {
  return question_pending
             ? "When you're safe and ready, we can carry on with the questions about your leg:"
             : "When you're safe and ready, we can carry on: tell me what is happening with your "
               "legs or feet.";
}

std::string english_only_notice(std::string_view language, const std::string& emergency_number) {
  HelpNumbers numbers{emergency_number, {}};
  if (auto it = localized().find(language); it != localized().end())
    return fill_numbers(it->second.english_only, numbers);
  return fill_numbers(
      "Sorry, I only understand English so far. If this is an emergency, call {number} now. "
      "You can keep answering my questions with the buttons.",
      numbers);
}

}  // namespace triagebot::dialogs
