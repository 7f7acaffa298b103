// Each category's words, then its rules. Clinical sources for what counts as "needs
// help now": NHS "When to call 999" (chest pain, breathing, collapse, fits, heavy
// bleeding, overdose or poisoning) and the Samaritans/988 guidance on the ways people
// speak of suicide (directly, through hopelessness, plans and preparations).
#include "dialogs/safety_rules.h"

namespace triagebot::dialogs::safety {
namespace {

using Sources = std::vector<std::string>;

// ---- word classes (alternatives joined with '|') ------------------------------------

const std::string kChest =
    "chest~|chests|chets|chset|cheast|ches|breastbone|sternum|pecho|poitrine|thoracique|thorax|"
    "brust|"
    "peito|"
    "petto|torace";
const std::string kPain =
    "pain*|hurt*|ache*|aching|achy|sore|tight*|pressure|pressing|crush*|squeez*|heavy|"
    "heaviness|burning|sharp|stabbing|agony|agonising|agonizing|killing|clutch*|holding|"
    "grabbing|gripping|discomfort|killin|dolor*|duele*|presion|opresion|douleur*|mal|serre*|"
    "oppress*|schmerz*|druck|dor|dores|dolore|dolori|aperto|pressao|vice|vise|fire";
const std::string kBreath = "breath*|breath~|breathe~|breathing~|breth*|brething";
const std::string kStruggle =
    "cannot|cant|cnt|couldnt|struggl*|strugling|hard|harder|difficult*|trouble|unable|fighting|"
    "gasping|"
    "labouring|laboring|barely|hardly";
const std::string kBlood =
    "blood~|bloods|bloody|bleeding~|bleed*|bled|bleading|bleedin|haemorrhag*|hemorrhag*";
const std::string kHeavy =
    "pour*|gush*|spurt*|squirt*|pumping|everywhere|soaked|soaking|soak*|towel*|towles|pool|"
    "puddle|lots|loads|lot|alot|heavily|heavy|badly|bad|massive|profus*|litres|liters|pints|much|"
    "fountain|tap|deal|load|cupful|cupfuls|mouthful|mouthfuls|bucket|buckets|bucketful";
const std::string kDrug =
    "pill*|tablet*|meds|medication*|medicine*|paracetamol~|acetaminophen~|tylenol|ibuprofen~|"
    "aspirin|insulin~|gabapentin~|pregabalin|codamol|cocodamol|codeine|tramadol|morphine|"
    "oxycodone|oxy|oxys|fentanyl|heroin|opioid*|opiate*|diazepam|valium|xanax|antidepressant*|"
    "amitriptyline|sertraline|citalopram|fluoxetine|lithium|warfarin|digoxin|metformin|"
    "methadone|naproxen|dose|doses|capsule*|drugs|painkiller*|nurofen|panadol|propranolol|"
    "pastillas|pastilla|medicamentos|pilules|comprimes|comprimidos|medicaments|tabletten|"
    "pastiglie|farmaci|remedios";
const std::string kPoison =
    "bleach|detergent|antifreeze|weedkiller|pesticide*|poison*|dishwasher|laundry|pods|"
    "battery|batteries|paraffin|kerosene|turps|turpentine|petrol|gasoline|disinfectant|"
    "dettol|lejia|javel|candeggina|varechina|spirit|meths|methylated|thinners|acetone|degreaser|"
    "solvent|solvents|caustic|descaler|ammonia|remover";
const std::string kTook =
    "took|taken|swallowed|injected|downed|overdid|necked|necking|"
    "tome|tomado|tomo|trague|pris|avale|genommen|geschluckt|tomei|tomou|preso|ingerito";
const std::string kQuantity =
    "#|all|whole|entire|every|bottle|packet|pack|box|strip|handful|load|loads|lot|lots|many|"
    "double|twice|triple|extra|todas|todos|toutes|tous|alle|tutte|tutti|muchas|beaucoup|"
    "viele|muitos|muitas";
const std::string kIntent =
    "thinking|think|going|gonna|want|wanna|planning|plan|planned|tempted|might|will|ll";
const std::string kJumpPlace =
    "bridge|cliff|roof|rooftop|balcony|train|tracks|building|tower|motorway|traffic";

// The obvious phrasings in the five other languages the bot answers in, one set per
// language so the answer can be in it (dialogs/language_gate.h). Accents are folded.
// They carry their own negatives ("no puedo respirar"), so they are not negated: Spanish
// "no" is "not", but Portuguese "no peito" is "in the chest".
void add_foreign_rules(std::vector<Rule>& out) {
  using C = SafetyCategory;
  struct Phrases {
    const char* language;
    SafetyCategory category;
    Sources patterns;
  };
  const std::vector<Phrases> table = {
      {"es",
       C::chest_pain,
       {"dolor|duele|duelen|presion|opresion ... pecho", "infarto", "ataque ... corazon|cardiaco"}},
      {"es",
       C::breathing,
       {"no puedo|puede|consigo ... respirar", "cuesta|dificultad ... respirar", "falta ... aire",
        "me ahogo|asfixio"}},
      {"es",
       C::collapse_unresponsive,
       {"desmayo|desmayado|desmayada|inconsciente", "no responde|reacciona", "convulsiones"}},
      {"es",
       C::severe_bleeding,
       {"sangra|sangrando|sangrado ... mucho|abundante|mucha|para", "mucha ... sangre",
        "para ... sangrar", "hemorragia"}},
      {"es", C::overdose_poisoning, {"sobredosis", "envenen*|intoxicacion", "lejia"}},
      {"es",
       C::self_harm,
       {"quiero morir*|matarme|suicidarme", "me quiero morir", "quitarme la vida",
        "no quiero vivir", "acabar con todo"}},
      {"fr",
       C::chest_pain,
       {"douleur*|mal|serre*|oppress* ... poitrine|thoracique", "crise cardiaque", "infarctus"}},
      {"fr",
       C::breathing,
       {"pas|narrive ... respirer", "du mal a respirer", "etouffe|etouffer|essouffle*"}},
      {"fr", C::collapse_unresponsive, {"evanoui*|inconscient*", "ne repond|reagit pas"}},
      {"fr",
       C::severe_bleeding,
       {"saigne|saignement ... beaucoup|abondant|arrete", "beaucoup ... sang", "arrete ... saigner",
        "hemorragie"}},
      {"fr", C::overdose_poisoning, {"surdose", "empoisonn*|intoxiqu*", "javel"}},
      {"fr",
       C::self_harm,
       {"veux mourir", "envie de mourir", "me suicider|tuer", "en finir",
        "mettre fin a mes jours"}},
      {"de", C::chest_pain, {"brustschmerz*|herzinfarkt", "schmerz*|druck|engegefuhl ... brust"}},
      {"de", C::breathing, {"nicht ... atmen", "keine luft", "atemnot"}},
      {"de", C::collapse_unresponsive, {"bewusstlos|ohnmacht*", "reagiert nicht", "krampfanfall"}},
      {"de",
       C::severe_bleeding,
       {"blutet ... stark|viel", "viel ... blut", "stoppt ... bluten", "blutung"}},
      {"de", C::overdose_poisoning, {"uberdosis|ueberdosis", "vergift*"}},
      {"de",
       C::self_harm,
       {"will|mochte sterben", "umbringen|selbstmord|suizid*", "nicht mehr leben"}},
      {"pt", C::chest_pain, {"dor|dores|aperto|pressao ... peito", "ataque cardiaco", "enfarte"}},
      {"pt", C::breathing, {"nao consigo ... respirar", "falta de ar", "dificuldade ... respirar"}},
      {"pt",
       C::collapse_unresponsive,
       {"desmaiou|desmaiado|desmaiada|inconsciente", "nao responde", "convulsao"}},
      {"pt", C::severe_bleeding, {"sangrando ... muito", "muito ... sangue", "hemorragia"}},
      {"pt", C::overdose_poisoning, {"envenen*|intoxicacao"}},
      {"pt", C::self_harm, {"quero morrer", "me matar|suicidar", "nao quero viver"}},
      {"it", C::chest_pain, {"dolore|dolori|peso|oppressione ... petto|torace", "infarto"}},
      {"it", C::breathing, {"non riesco ... respirare", "manca ... aria"}},
      {"it",
       C::collapse_unresponsive,
       {"svenuto|svenuta|incosciente", "non risponde", "convulsioni", "priva|privo di sensi"}},
      {"it", C::severe_bleeding, {"sanguina ... molto", "molto ... sangue", "emorragia"}},
      {"it", C::overdose_poisoning, {"sovradosaggio", "avvelen*", "candeggina"}},
      {"it",
       C::self_harm,
       {"voglio morire", "uccidermi", "farla finita", "togliermi la vita", "non voglio vivere",
        "suicidarmi"}},
  };
  for (const auto& phrases : table) {
    Rule rule{phrases.category, compile_all(phrases.patterns), Negation::none, true, false, {}};
    // A past attempt still gets the kind answer (see the English self-harm rules).
    rule.past_scoped = phrases.category != C::self_harm;
    rule.language = phrases.language;
    out.push_back(std::move(rule));
  }
}

// A plot told ("watching a thriller where a woman swallowed a whole bottle of pills",
// "a documentary about heart attacks") is nobody's emergency now. Only with the word
// that starts the plot: "I was watching a film and he collapsed" still fires. Nor is
// what happened to someone who has died ("my late husband took an overdose"). Cancels
// every physical rule and every sign rule.
const Sources& story_patterns() {
  static const Sources story = {
      "film|films|movie|movies|thriller|show|programme|program|episode|series|documentary|"
      "drama|soap|book|novel|video|game|story|stories|tale|tales|poem|song ... where|about",
      "film|movie|thriller|show|programme|program|episode|series|documentary|drama|soap|book|"
      "novel|video|game in which",
      "my|our|her|his late husband|wife|partner|father|mother|dad|mum|son|daughter|brother|"
      "sister|friend",
      // A hospital drama on in the background: "watching greys and someone just flatlined
      // after getting stabbed lol".
      "watching|watched|bingeing|binging|binge greys|casualty|holby|eastenders|corrie|"
      "hollyoaks|emmerdale|netflix|telly|tv ... someone|somebody|character|characters",
      // "watching Grey's Anatomy where a guy overdoses"; "the news said a runner collapsed".
      "greys|anatomy|casualty|holby|eastenders|corrie|hollyoaks|emmerdale where|about",
      "the news|paper|papers|newspaper said|says|reported|showed",
      // Writing one: "for my creative writing coursework my character collapses".
      "my|our|the|a character|characters",
      // Inside one: "in the show I'm watching the fella just collapsed on the pitch", "a true
      // crime podcast where the victim was found unresponsive".
      // Not "I'm in the show tonight": the one in it is watched or listened to.
      "in the|this show|film|movie|programme|episode|series|documentary|podcast|drama|soap "
      "im|i|were|we|you ... watching|listening",
      "podcast|podcasts|audiobook ... where|about",
      // "on TV last night a guy couldnt breathe": a stranger on a screen.
      "on tv|telly|netflix|youtube|tiktok ... a|this|some|the guy|man|woman|bloke|lady|fella|"
      "girl|boy"};
  return story;
}

std::vector<Rule> build_rules() {
  const Sources none;
  std::vector<Rule> out;
  const Sources& story = story_patterns();
  auto add = [&](SafetyCategory category, const Sources& patterns, Negation negation,
                 bool past_scoped, bool body_part_subject, Sources unless) {
    if (past_scoped) unless.insert(unless.end(), story.begin(), story.end());
    out.push_back(Rule{category, compile_all(patterns), negation, past_scoped, body_part_subject,
                       compile_all(unless)});
  };
  using C = SafetyCategory;

  // Chest pain: the chest with a pain or pressure word either side, or something heavy
  // on it; "heart attack" in so many words. Not "chest of drawers", not "my heart sank".
  add(C::chest_pain,
      {kChest + " ... " + kPain, kPain + " ... " + kChest, kChest + " ... like ... " + kPain,
       // "a pressure in the middle of my chest": where on the chest puts it past the gap.
       kPain + " ... middle|centre|center of my|the " + kChest,
       "elephant|weight|sat|sitting|sits|standing|crushed ... " + kChest,
       // "feels like someone's standing on my ribs": the crushing names the chest.
       "elephant|weight|sat|sitting|sits|standing|crushed|crushing ... ribs",
       // Its spread and its sweat: "tight ches pain n my left arms all achy n heavy",
       // "going to left shoulder, and I am sweating", "my left arm feels like lead and I'm
       // clammy"; "pressing in my breast, in the centre". Not a band round the ribs alone:
       // that is how a spinal cord or MS band feels.
       kPain + " ... left arm|arms|shoulder",
       "going|spreading|radiating|goes to|into left shoulder|arm",
       // "going down my left arm and into my jaw"; "a real bad pain in my chess".
       "going|spreading|radiating|shooting|goes|moving|travelling|traveling down|into|to my|the "
       "left arm|shoulder",
       // "heartburn ... but it's gone into my left arm and won't shift".
       "gone|spread|spreads|went|moved down|into|to my|the left arm",
       "left arm ... into|to my|the jaw", kPain + " ... in|across my chess",
       // "a sharp stabbing pain on the right side of my chest every time I breathe in".
       kPain + " ... side of my|the " + kChest,
       "left arm|shoulder ... lead|heavy|achy ... clammy|sweating|sweaty",
       "clammy|sweating|sweaty ... left arm|shoulder", "pressing|pressure|pain in my breast",
       // Someone who knows their angina: "3 sprays of the GTN ... it's not easing".
       "gtn ... not|isnt|hasnt|wont easing|eased|ease|working|worked|helping|helped",
       "gtn ... minutes ... not|isnt|hasnt|wont easing|eased|ease|working|helping",
       // A clinician's shorthand: "central crushing CP radiating L arm, diaphoretic". Not
       // "CP" alone: it is also cerebral palsy.
       "central|crushing|radiating cp", "cp radiat*|crushing|central", "cp ... diaphoretic",
       "heart attack|attacks", "heart is|keeps stopping|failing", "heart ... stopped beating",
       "heartattack|brustschmerz*|infarto|herzinfarkt", "crise cardiaque",
       "ataque ... cardiaco|corazon"},
      Negation::full, true, false,
      {"chest of", "chest freezer", "treasure|toy chest", "chest waders|wader",
       // A fright: "the dog nearly gave me a heart attack".
       "gave|give|giving|nearly|almost ... me|us|him|her|them|you a heart attack",
       // Patois without the article: "dis traffic a go give mi heart attack one day".
       "gave|give|giving ... me|mi|us|him|her|them|you heart attack",
       // A fright told as one had: "had a proper heart attack when I saw the parking fine".
       "heart attack when i|we|he|she saw|seen|opened|read|heard|looked",
       // The gym: "chest day", "chest just sore frm bench press".
       "chest day", "bench press|pressing|presses", "benching", "pumped",
       // A heart attack someone had is history, not what is happening now.
       "had|suffered|survived a|an|two|three heart attack|attacks",
       // A paramedic's night: "had three chest pain jobs and a collapse on nights".
       "pain job|jobs|call|calls|shout|shouts|patient|patients",
       // A knock: "my chest is sore where I whacked it on the open cupboard door, only hurts
       // when I press on the bruise" (the seventy-eighth round).
       "bruise|bruised|bruising", "when i press|touch", "whacked|banged|knocked it on|into",
       // A feeding mother's breasts (the seventieth round: "my chest is rock hard and sore
       // because he slept through a feed ... classic engorgement").
       "engorged|engorgement|mastitis|breastfeeding|breastfeed|feed|feeds|feeding|milk"});

  // Breathing: an inability or struggle with breath, air hunger, blue lips, a closing
  // throat, breath too short to finish a sentence.
  add(C::breathing,
      {kStruggle + " ... " + kBreath + "|breathe|breathing", "cannot|cant get ... air",
       // "cnt gt air in"; "unable to inhale fully. Each breath stops about halfway".
       kStruggle + " gt ... air", kStruggle + " ... inhale|exhale",
       "breath|breaths stops|stop|stopping halfway|short|partway", "cannot|cant take ... air",
       "chest is|chests whistling|wheezing",
       "gasp*|stopping|stop|fighting|struggling|heaving|gulping|hauling for air",
       "few words at a time",
       // A second language's word order: "air not coming enough in", "breathing very
       // difficult is for me"; drowning on dry land.
       "air not|isnt|wont|doesnt coming|come|going|get in|enough",
       "breathing|breath very|so|really|extremely|too difficult|hard",
       "drowning|drownin on dry land", "like im drowning|drownin $", "like i am drowning|drownin $",
       // A clinician's shorthand: "resp distress", "speaking in single words".
       "resp|respiratory distress", "only speak|talk|say ... single|one|few words",
       "speak|speaking|talk|talking in single|one words",
       "cannot|cant finish|complete ... sentence*", "cannot|cant speak|talk ... sentences",
       "lips|lip|face ... blue|bluish|purple|grey|gray", "turning|gone|going|went blue",
       // An inhaler used again and again in vain (the seventy-eighth round: "about 10 puffs of
       // the blue one in the last hour and it's not touching it").
       "puffs|sprays ... not|isnt|aint touching|helping|working",
       // Nigerian Pidgin (the seventy-sixth round: a child who swallowed a groundnut, "e no
       // fit breathe, e no fit cry ... e face don dey change colour").
       "no fit breathe|breath", "face ... change|changing colour|color",
       "throat|throats|tongue|airway ... closing|swel*|swollen|tight*", "suffocat*|asphyx*",
       "choking $", "choking on ... food|something|sweet|toy|bone",
       // A child choking on something named ("choking on a grape, he can't cough or make
       // any noise").
       "is|s|hes|shes|keeps|started choking on a|an|his|her",
       "cannot|cant cough or make|cry|breathe", "cannot|cant make any noise|sound",
       // A carer's signs: "using his neck muscles to breathe", "can only get 2 words out".
       "neck muscles ... breath*|breathe", "only get ... words out", "asthma attack", "anaphyla*",
       "not breathing properly|right|well|normally", "gasping $", "through a straw",
       "lips|lip|tongue|throat ... swell*|swollen", "gasping and",
       // "can't get her words out between breaths".
       "words ... between breaths", "between breaths",
       "breathing ... bad|terrible|awful|worse|horrible|shallow|rapid|weird|funny|strange|noisy|"
       "rattl*|gurgl*|odd|fast|quick|quickly|rapidly",
       // What a parent sees in a small child: the skin between the ribs sucked in.
       "ribs ... sucking|sucks|sucked|pulling|pulls|pulled in",
       // "sucking in under her ribs every time she breathes in and her nostrils keep flaring".
       "sucking|sucks|sucked|pulling|pulls|pulled in under|between ... ribs",
       "nostrils ... flaring|flare|flares|flared",
       // "a whistling noise breathing in", "puffing for breath just sitting still", "can't
       // count to ten out loud on one breath" (tea going down the wrong way is the
       // interview's swallowing question, not a crisis of breath).
       "whistl* ... breath*", "puffing|panting for breath", "on one breath",
       "face|lips|tongue ... puffing|puffed up", kStruggle + " ... get|getting any air",
       "lips|lip have|has|are|look|looks|got ... blue|bluish|grey|gray|purple",
       // A noise when breathing, a wheeze the inhaler does not touch.
       "gurgl*|rattl* ... breathe|breathes|breathing|breath",
       "wheez* ... bad|badly|really|terrible|awful|cannot|cant|struggl*",
       // A sting and then the face or throat swelling ("stung by a wasp and his face is
       // swelling up"): not a swollen leg where it stung.
       "stung|sting|stings ... face|lips|lip|tongue|throat|eyes ... swel*|swollen|puff*",
       "stung|sting|stings ... wheez*", "face ... swell*|swollen ... wheez*",
       "inhaler ... not|isnt|doesnt|wont|aint ... work*|help*|doing",
       "inhaler* ... done|doing nowt|nothing|nought|sod|zilch",
       // "had my blue inhaler 12 times since midnight and it's not touching it".
       "inhaler* ... not|isnt touching it",
       // At rest, as if after a run: "now I'm puffing like I ran a marathon just sitting on
       // the bed" (a calf swollen since a flight).
       "puffing|puffed|panting ... just sitting|lying|resting",
       "puffing|panting like i ran|run|have|did",
       // Stopping mid-sentence for air from talking alone: "now I must stop in the middle of
       // sentence to take air, only from talking".
       "middle of ... sentence ... air|breath", "take|catch|get air ... only|just from talking"},
      Negation::full, true, true,
      // "I can't breathe a word of this to anyone": keeping a secret, not the breath.
      // "cant breathe lol" (or a laughing face): laughing.
      {"through my|the nose", "breathe a|one word", "winded", "few|couple seconds|secs|moments",
       // An engine: "outboard choked and died on me ... she's not breathing right, need to
       // clean the carb".
       "outboard|engine|motor|carb|carburettor|carburetor|mower|chainsaw",
       "few|couple of seconds|secs|moments",
       // A list of denials: "no chest pain or trouble breathing".
       "no|not|nothing ... or trouble|difficulty|problems|problem|issues breathing",
       "cannot|cant breathe lol|lmao|lmfao|haha|hahaha|rofl|lolol",
       // Laughter, and a job: "laughed so hard at the panto I couldn't breathe", "I drag
       // blokes out who can't breathe every other week".
       "laughed|laughing|laugh so hard|much", "blokes|people|folk|patients|swimmers|ones who|that",
       // "i literally cant breathe from laughing lol".
       "cannot|cant breathe from|with|for laughing|laughter",
       // A workout: "couldnt breathe after the squat sets lmao, back to normal after a
       // minute".
       "cannot|cant|couldnt breathe after ... set|sets|squats|squat|workout|run|race|sprints|"
       "deadlifts|training|gym|class",
       "drag|drags|dragged|pull|pulls|pulled ... out who|that",
       // A job or a room that stifles: "I literally can't breathe in this job lol".
       "cannot|cant breathe in this|my|that job|office|workplace|meeting|class|lecture",
       // A game lost again and again (the seventy-second round: "keep bleeding out to this
       // boss in elden ring, i legit can't breathe i'm so tilted").
       "tilted|tilting|ragequit", "rage quit|quitting",
       // Money that takes one's breath away: "I genuinely can't breathe when I open my banking
       // app" (the seventy-fourth round).
       "banking|bills|overdraft|statement|rent", "bank app|account|balance",
       // Spice, not an airway: "the chilli crab so spicy I almost die, cannot breathe sia
       // haha" (the seventy-sixth round).
       "spicy|chilli|chili|wasabi", "cannot|cant breathe sia|lah|leh|lor haha|hahaha|lol|lmao",
       // A yawn that will not satisfy: "when I yawn I can't get that satisfying full breath".
       "yawn|yawning|yawns"});
  // Breath that is short or "out" is ordinary after laughing, a run or the stairs, and
  // "a bit" of it is not an emergency; at rest, or alone, it counts.
  add(C::breathing, {"out|short|shortness of " + kBreath, "breathless*"}, Negation::full, true,
      false,
      {"breath*|breathless* ... from|after|laughing|running|run|walking|walk|climbing|exercis*|"
       "jogging|gym|stairs|upstairs|hills|hill|sport|playing|going|parkrun|race|end|finish",
       "a|bit|little|slightly|abit|bit short|breathless*",
       // "blew up about 40 balloons and I'm totally out of breath lol".
       "balloon|balloons", "breath|breathless lol|lmao|haha",
       // An idiom: "breathless with excitement".
       "breathless with excitement|anticipation|laughter"});

  // One's own breath, said after a numb or weak leg in the same clause ("both legs numb
  // and weak and now im finding it hard to get my breath"): "my" names the person, so
  // the leg before it is not the subject, as it is in "my leg is hard to move".
  add(C::breathing, {kStruggle + " ... get|catch my|me " + kBreath}, Negation::full, true, false,
      // Winded for a moment and over: "couldn't get my breath for a few seconds then fine".
      {"winded", "few|couple seconds|secs|moments", "few|couple of seconds|secs|moments"});

  // Collapse or unresponsive, fits. The person, not a numb foot, is the subject.
  add(C::collapse_unresponsive,
      {"passed~|past|passing|passes out", "blacked|blacking out", "collaps*|colapsed~",
       "keeled|keel over", "fainted~|fainting~", "unconscious~|unresponsive~|unrousable",
       "seizure*|seizing|convuls*", "having|had a fit|fits", "fitting $", "fitting and",
       "wont|not|isnt come|coming round", "eyes ... rolled|rolling back",
       "went|gone|going floppy|limp", "cardiac arrest",
       // About to faint now: "everything is going grey and far away, I am sitting on floor
       // behind the counter, I think I faint soon".
       "grey|gray|black and far away", "i faint|collapse soon", "i will faint|collapse soon",
       "going to faint|collapse any|soon", "gonna faint|collapse any|soon"},
      Negation::full, true, true,
      // Worn out, not fallen: "I collapsed on the sofa after work, knackered".
      {"collaps* on|onto|into the|my sofa|couch|settee|bed", "dummy|manikin|mannequin|resusci",
       // Asleep: "passed out on the couch after the footy and woke up with me leg dead".
       "passed|pass|passing out on|onto the|my sofa|couch|settee|bed",
       // Laughter: "i passed out laughing at my mates video".
       "passed|pass|passing out laughing|laughin|lol|lmao",
       // Handed out: "I past out leaflets at church".
       "passed|past|passing|passes out leaflets|flyers|papers|sweets|food|drinks|cards|"
       "programmes|programs|tickets|forms|books|sheets|samples|cake|biscuits|sandwiches|"
       "invitations|hymnbooks|the",
       // A job, not a person now: "my whole day is people who've collapsed".
       "is|are people|patients who|whove|that", "my whole day|job|shift|work is",
       // "she sees folk collapsing every shift".
       "every|each shift|day|week", "sees|seen|see folk|people|patients collaps*",
       // A question the doctor asked: "only mentioning because the doctor asked about
       // fainting".
       "asked|asks|asking|ask about|if ... fainting|fainted|faints|collapsing|collapses|fits",
       // "spent half my shift doing CPR on a collapsed patient".
       "collapsed patient|patients", "cpr ... on a|someone|somebody",
       // "kneeling over people who've collapsed"; a pet ("my cat collapsed last night").
       "over|with|for people|patients who|whove|that",
       "cat|cats|dog|dogs|pet|rabbit|horse|pony|hamster|budgie|puppy|kitten|cow|cows|sheep|ewe|"
       "goat|bull|pig collaps*",
       "collaps* in a heap on the|my sofa|bed",
       // Livestock and markets: "cow's collapsed in the crush, vet's on the way"; "beef
       // price has collapsed".
       "in the crush", "vet|vets on the|her|his way",
       "price|prices|market|markets|economy|shares|sales has|have|had collapsed",
       // A thing that fell down: "the sweet pea wigwam collapsed in the wind".
       "wigwam|tent|shed|fence|gazebo|trellis|greenhouse|cake|souffle|shelf|shelves|deckchair|"
       "marquee|scaffolding|pergola|canes|sandcastle|roof|ceiling collapsed|collapsing|collapses",
       // Long over and well since: "collapsed from the heat during a marathon years ago and
       // she's absolutely fine now".
       "years|year ago ... fine|ok|okay|well now",
       // A shift's work: "had three chest pain jobs and a collapse on nights".
       "collapse|collapses on nights|shift|shifts",
       // Laughter at the finish: "she collapsed over the line laughing" (the seventy-second
       // round).
       "collapsed|collapses|collapsing ... laughing|laughin|giggling",
       // A dive on the screen: "their striker just collapsed in the box AGAIN, diving cheat"
       // (not a player who collapses: that may be a heart stopping).
       "collapsed in the box", "diving|dived cheat", "diving|dived again",
       // Their job, said of themselves: "I'm the first-aider who does CPR when someone
       // collapses" (not "the first aider is doing CPR on him", nor "as a first aider I
       // found him collapsed").
       "who|i does|do cpr when"});
  add(C::collapse_unresponsive,
      {"not|isnt|wont|cannot|cant|doesnt|stopped respond*|answering|answerin|reacting|reactin",
       "wont|doesnt wake|waking", "cannot|cant wake him|her|them", "not|isnt|stopped breathing",
       // A person who does not wake ("he is not waking up"); not "I'm not waking at night".
       "he|she|they is|are not waking|wake", "hes|shes|theyre not waking|wake",
       "he|she|they isnt|arent waking|wake",
       // Found down and not answering: "found my dad on the floor and he won't answer me".
       "floor|ground ... wont|not|isnt|doesnt|cant|cannot answer*|respond*|wake*|move|moving",
       // A person, not a leg, that does not move: "he's not moving", "she won't move".
       "hes|shes|theyre not moving $", "hes|shes|theyre not moving at all",
       "he|she|they is|are not moving $",
       // Not "she hasn't moved her leg since": the person themselves, at the clause's end.
       "he|she|they isnt|arent|wont|cant|cannot|doesnt|hasnt move|moving|moved $",
       "he|she|they isnt|arent|wont|cant|cannot|doesnt|hasnt move|moving|moved at all",
       // Said without an auxiliary ("she not answer me", "he no respond").
       "he|she|they not|no answer|answering|respond|responding|wake|waking",
       // Scots: "she's no wakin up".
       "hes|shes|theyre no|not wakin|waking|wake $", "hes|shes|theyre no|not wakin|waking|wake up",
       "not|no giving|give|gives any answer|answers|response",
       // "doesn't answer when I shake him", "his head has rolled to one side", "isn't saying
       // anything back", "can't tell if his chest is moving", "cold and grey" on the floor.
       "doesnt|didnt|wont answer|respond when", "head ... rolled|lolled|flopped to one side",
       "not|isnt saying anything back", "chest is|s moving", "floor ... cold and grey|blue",
       // Found awake but gone: "eyes open but he's not with it, not talking back at all".
       "not|isnt|wont talking|talk back at all", "found ... not|isnt with it",
       "shakin|jerkin ... not|wont|doesnt|cant|cannot stop",
       // Written out, read as "he doesnt answer me" (safety_text.h).
       "he|she|they doesnt|dont|wont|isnt answer|answering|respond|responding",
       "will not wake|answer|respond",
       // "went stiff and now she's jerking all over and won't answer me"; "he isn't moving
       // and staff are shouting at him".
       "jerking|shaking|twitching|fitting all over", "went|gone|goes stiff ... jerk*|shak*",
       // "on the floor jerking and foaming", "no response when I shout at him".
       "jerking|shaking|twitching|fitting and|n foaming", "foaming at the mouth",
       "no response|reaction when|if i|we shout|call|talk|speak|shake",
       // "mumbling nonsense and won't open her eyes"; "not looking at me when I say his
       // name".
       "and wont|cant|cannot|doesnt open his|her|their eyes", "mumbling nonsense",
       "not ... when i say|call his|her|their name",
       "and wont|doesnt|isnt|cant answer|answering|respond|responding me",
       "he|she|they isnt|arent moving and", "he|she|they is|are not moving and",
       "hes|shes|theyre not moving and",
       "shaking|jerking|twitching ... not|wont|doesnt|cant|cannot stop"},
      Negation::none, true, true,
      {"phone|calls|texts|text|messages|emails|door|question|questions|friends|mates|people",
       // A first-aid course's dummy "that had collapsed and wasn't breathing".
       "dummy|manikin|mannequin|resusci",
       "called|rang|ring|ringing|texted|emailed|messaged|surgery|reception|receptionist|office",
       "answering|responding that|this|it|you|those|these|your|the", "i|im|am not answering",
       "breathing properly|right|well|normally", "apnea|apnoea|snoring|snore",
       // Someone else's story: "my sister told me about a patient on her ward who stopped
       // breathing".
       "told me|us about", "heard about", "read about",
       // A newborn animal: "lamb came out not breathing last night".
       "lamb|lambs|calf|calves|foal|ewe|puppy|puppies|kitten|kittens|piglet"});

  // A person who cannot be roused, whatever noise they make: a snore from someone slumped
  // and unrousable is a blocked airway, not the sleep apnoea the rule above leaves out.
  add(C::collapse_unresponsive,
      {"cannot|cant rouse him|her|them", "wont rouse", "not rousable",
       "slumped ... cannot|cant|wont rouse|wake"},
      Negation::none, true, true, none);

  // Heavy bleeding: blood with a word of quantity or a flow that will not stop; blood
  // brought up. Not "blood pressure", "blood test", "bled a bit".
  add(C::severe_bleeding,
      {kBlood + " ... " + kHeavy, kHeavy + " ... " + kBlood, kBlood + " ... all over",
       kBlood + " ... every where", "stabbed|gunshot", "stab wound*", "been shot",
       "cut|chopped|sliced|severed off ... finger|fingers|thumb|toe|toes|hand|foot",
       "cut|chopped|sliced|severed ... finger|fingers|thumb|toe|toes|hand|foot off",
       "throwing|throw|threw|vomit*|puking|puke|coughing|cough*|spitting|bringing up ... " + kBlood,
       "vomit*|cough*|threw|throwing|puking|spitting ... " + kBlood, "vein|artery ... burst"},
      Negation::full, true, false,
      {"giving|give|gave|donating|donate|donated blood",
       // A job: "twelve hours yesterday at a delivery with blood everywhere".
       "at a|the delivery|birth|operation|surgery",
       "blood pressure|test|tests|sugar|sugars|thinner|thinners|work|clot|clots|flow|supply|"
       "circulation|count|donor|type|vessel|vessels|result|results|level|levels|glucose|cells",
       "a bit|little|bit", "took|taken|drew|draw|drawn|take|taking ... blood",
       "bleeding pins|numbness|tingling|tingles|cramp|cramps|itch|itching",
       // "went down like he'd been shot": a footballer's dive (not "looks like he's been shot").
       "went|go|goes|gone|dropped|fell down like ... been shot",
       // Bad blood let out by a healer's pricks, or between people (vignette set 89: "want to
       // prick his ten fingers to let the bad blood out").
       "bad blood",
       // A game's losses: "bled pieces everywhere" in the Sicilian.
       "bled|bleeding|bleed pieces|points|goals|runs|money|cash|chips|pawns",
       // A farm animal giving birth: "one of the ewes has prolapsed and she's bleeding
       // everywhere".
       "ewe|ewes|cow|cows|heifer|heifers|mare|mares|sow|sows ... prolapsed|prolapse|lambing|"
       "calving|foaling|farrowing"});
  add(C::severe_bleeding,
      {kBlood + " ... wont|not|cannot|cant|doesnt stop*", "wont|not|cannot|cant stop ... " + kBlood,
       // Patois: "blood runnin an it nah stoppin, de rag full up".
       kBlood + " ... nah stop*", "rag|towel|cloth full up",
       // A flow that will not stop names the blood without the word ("it's spurting
       // everywhere and won't stop").
       "spurt*|squirt*|gush*|pumping|pouring ... wont|not|cannot|cant|doesnt stop*",
       "spurting|spurts|squirting|squirts ... everywhere", "still spurting|squirting",
       // "still pouring through the tea towel" (on warfarin), "coming out of his thigh in
       // spurts".
       "pouring|pumping|gushing|soaking|coming through the|a|my|his|her towel|tea|dressing|"
       "bandage|bandages",
       "in spurts", "pumping~|pouring|gushing|spurting out",
       // Through what should hold it: "still bleeding through every dressing I put on".
       kBlood + " through ... dressing*|bandage*|towel*|plaster*|gauze|pad|pads",
       // "filling my sock faster than I can mop it", "the bath water turned red".
       "faster than i can mop|wipe|clean|stop", "water turned|went|gone red",
       // An artery: "spurting in time with my heartbeat".
       "spurt*|squirt*|pumping ... heartbeat|pulse", "spurt*|squirt*|pumping ... heart beat",
       // A period that floods: "soaking a super pad every 20 mins with clots like plums".
       "soaking|soaked|filling|flooding ... pad|pads|tampon|tampons ... every|hourly",
       "clots like plums|plum|golf|lemons|lemon|oranges|orange",
       "clots ... size of a|an golf|golfball|plum|lemon|orange|fist|egg|satsuma"},
      Negation::none, true, false,
      // British "bleeding" as a curse: "these bleeding pins and needles won't stop".
      {"has|have|it stopped", "bleeding pins|numbness|tingling|tingles|cramp|cramps|itch|itching",
       // A blood test's plaster: "took 4 tubes of blood and it bled through the little
       // plaster a bit".
       "took|taken|drew|drawn ... blood", "tubes of blood", "plaster|plasters ... a bit",
       "little|tiny|small plaster|plasters"});

  // Carbon monoxide: its alarm sounding ("the CO alarm just started beeping" in a house
  // whose people have headaches and feel sick). Not a low battery or a test.
  add(C::overdose_poisoning,
      // Beeping alone is also a low battery's chirp ("keeps beeping, battery must be low").
      {"co|monoxide alarm|alarms|detector|detectors ... sounding|screaming|shrieking|started",
       "co|monoxide alarm|alarms|detector|detectors ... going|went|goes|gone off",
       "headache*|sick|dizzy|drowsy|vomit*|faint*|confus* ... co|monoxide alarm|detector",
       "co|monoxide alarm|detector ... headache*|sick|dizzy|drowsy|vomit*|faint*|confus*",
       // No alarm: a fuel-burning heater, stove or generator left going all night, and the
       // sleepers wake with pounding heads ("the gas heater in the cabin was on all night
       // ... my wife won't wake up properly"). Not an electric heater: it makes no gas.
       "gas|paraffin|kerosene|propane|calor|coal|charcoal|camping|log heater|stove|fire|burner "
       "... on|burning|running|going all night",
       "generator|barbecue|bbq|brazier ... on|burning|running|going all night", "carbon monoxide",
       "monoxide poisoning"},
      Negation::full, true, false,
      {"battery|batteries|test|testing|tested|chirp|chirps|chirping|replace|replaced|fitted|"
       "install*|false"});

  // Overdose or poisoning: a quantity of a medicine taken, a poison swallowed, a child
  // into the tablets. Not "took my tablets this morning as usual".
  add(C::overdose_poisoning,
      {kTook + " ... " + kQuantity + " ... " + kDrug, kTook + " ... " + kDrug + " ... " + kQuantity,
       "ate|eaten|chewed|drank|drunk ... " + kDrug, "got into ... " + kDrug,
       kTook + "|ate|eaten|drank|drunk|drink|drinking|chewed ... " + kPoison,
       "poisoned~|poisoning~|overdose~|overdosed~|overdosing|overdoses",
       // The whole pack, named before ("how long does paracetamol take to wreck your
       // liver, asking bc i took the whole box about an hour ago"); not "the whole box of
       // chocolates".
       "took|taken|swallowed|necked|downed the|a whole|entire box|packet|pack|bottle|strip|tub $",
       "took|taken|swallowed|necked|downed the|a whole|entire box|packet|pack|bottle|strip|tub "
       "about|around|an|ago|last|this|earlier|yesterday|tonight|just|and|lol|idk",
       // Someone else's controlled medicine, several: "took like 6 of my mums pregabalin".
       kTook + " ... 4|5|6|7|8|9|four|five|six|seven|eight|nine|several|few|handful|bunch of my|"
               "his|her mums|mum|mams|mam|moms|mom|dads|dad|nans|nan|grans|gran|partners|partner|"
               "brothers|brother|sisters|sister|friends|friend|mates|mate ... "
               "pregabalin|gabapentin|tramadol|diazepam|valium|xanax|oxycodone|oxy|oxys|morphine|"
               "codeine|fentanyl|methadone|amitriptyline",
       // A small child found with medicine, some missing ("found my 2 year old with my iron
       // tablets ... about 10 missing"); one who bit or sucked a poison ("bit into one of
       // the dishwasher tablets").
       "year old|toddler|baby|kid|child|son|daughter with my|the|his|her|some ... " + kDrug,
       kDrug + " ... # missing",
       "bit|bitten|biting|sucked|sucking|licked|licking|mouthed ... " + kPoison,
       // Shorthand, and what a carer finds: "?OD", "empty packets of co-codamol".
       "od|oded", "empty|emptied packets|boxes|bottles|blisters|strips ... " + kDrug,
       // From a bottle it was kept in: "drunk from a lemonade bottle that had white spirit in it".
       "drank|drunk|swallowed|swigged ... bottle ... " + kPoison,
       // A dose taken too often: "taken my amitriptyline three times tonight instead of once".
       kTook + " ... " + kDrug + " ... times ... instead of", "overdoes ... " + kDrug,
       // More than prescribed: "took way more of my gabapentin than i should".
       kTook + " ... more of my|the|his|her " + kDrug, "too many|much of my|the|his|her " + kDrug,
       "more of my|his|her " + kDrug + " than", "rest|left of my|his|her ... " + kDrug,
       // "double-dosed my amitriptyline".
       "double|triple|treble dosed|dosing ... " + kDrug, "doubled up my " + kDrug,
       // "finished off the strip of my partner's diazepam", "swallowed the whole new box",
       // "I don't know how many she's swallowed".
       "finished|finish off the strip|packet|pack|bottle|box|blister",
       "swallowed|downed|necked ... whole|entire box|packet|pack|bottle|strip",
       "swallowed|downed|necked ... whole|entire new box|packet|pack|bottle|strip",
       "maybe|about|around|nearly|over # in yesterday",
       // Drugged without knowing: "pretty sure someone spiked my drink at the club".
       "spiked my|her|his|their drink|drinks", "drink|drinks was|were|got|been spiked",
       "been spiked",
       // Paracetamol taken twice over in two medicines: "2 paracetamol AND 2 co-codamol every
       // 3 hrs plus lemsip, just realised they all have paracetamol in".
       "realised|realized|realise|realize|noticed ... all|both have|contain|got paracetamol|"
       "acetaminophen",
       // The whole of a pack of one's own, whatever it held ("took the whole packet of
       // my gaba pentin", dictated).
       kTook + " ... whole|hole|entire|all packet|pack|box|bottle|strip|tub of my|his|her",
       // Recreational, and now not himself: "been doing the cream chargers all night and
       // now hes really out of it".
       "chargers|nitrous|whippets|ketamine|ket|ghb|spice|mdma|pills|coke ... out of it|"
       "wont wake|not waking|unresponsive|floppy",
       "chargers|nitrous|whippets|balloons all night|day",
       "out of it ... chargers|nitrous|whippets",
       "sobredosis|surdose|uberdosis|ueberdosis|sovradosaggio|envenen*|empoisonn*|vergift*|"
       "avvelen*|intoxicacion|intoxicacao|intoxiqu*"},
      Negation::full, true, false,
      {"i am|im a nurse|doctor|paramedic|carer|pharmacist",
       // A course, its count of months: "I've taken a low-dose antibiotic every night for five
       // months" (the seventy-ninth set).
       "every|each night|day|morning|evening for #|two|three|four|five|six|seven|eight|nine|ten|"
       "several|few weeks|months|years",
       // A worry about the dose: "that's ok isn't it? don't want to accidentally overdose".
       "accidentally|accidental overdose|od",
       // A keyboard's "overdue" (the eighty-second round: "my diabetes check is overdose by
       // 6 months").
       "is|was|are|were overdose by", "overdose by # days|weeks|months|years",
       // Food eaten to excess (the seventy-second round: "basically overdosed on pasta lmao").
       "overdosed|overdose|od|odd|oded on pasta|carbs|chocolate|sugar|cake|pizza|sweets|candy|"
       "churros|food|cheese|crisps|chips|biscuits|cookies",
       // Study: "doing my nursing homework on overdose management".
       // "every day I see overdoses and resuscitations".
       "see|seeing|saw|treat|treating|nurse|nursing overdoses|poisonings",
       // A court's: "in thirty years on the bench I sentenced more overdoses than I recall".
       "sentenced|prosecuted|defended|judged|investigated ... overdoses|poisonings",
       "homework|coursework|essay|assignment|lecture|module|revision|revising|exam|exams ... "
       "overdose|overdoses|poisoning",
       // The signs asked about in general ("for my pharmacology exam: what are the signs of a
       // gabapentin overdose?"); an overdose taken is read by the other patterns.
       "what are|whats the signs|symptoms of ... overdose|overdoses|poisoning",
       "overdose|poisoning management|awareness|training|course|protocol|protocols",
       // Work: "warning people about paracetamol overdose", "I lecture in forensic
       // toxicology, so poisons and overdoses are my daily bread".
       "people|patients|customers about ... overdose|overdoses|poisoning|poisons",
       "toxicology|toxicologist|pharmacology|daily bread",
       // A lab's work: "i work in a tox lab, measure overdose levels in blood samples".
       "tox|toxicology|hospital lab|laboratory", "overdose levels|level", "blood samples",
       "deal|deals|dealt|dealing with ... overdoses|overdose|poisonings", "food poisoning",
       "attended|attending|attend|treated|treating an|a overdose|od", "twice|times a|per day",
       // "yesterday I managed three overdose patients".
       "overdose|overdoses|od|ods patient|patients|cases|case|admissions", "twice|times daily",
       // Bad cooking: "think i poisoned myself with my own cooking haha".
       "poison* ... cooking|takeaway|kebab|curry|food",
       // An animal or a pest: "stuffed a fox that a neighbour had poisoned".
       "fox|foxes|rat|rats|mice|mouse|badger|pest|pests|slugs|weeds|pigeon|pigeons|crow|crows ... "
       "poison*",
       "poison* ... fox|foxes|rat|rats|mice|mouse|badger|pest|pests|slugs|weeds|pigeon|pigeons",
       "stuffed|stuffing|mounted|mounting a|an|the fox|badger|animal|bird|owl|squirrel|deer|stoat|"
       "pheasant|rat",
       // "I take overdose of coffee today haha": of it, as learners say it.
       "overdose of coffee|caffeine|chocolate|sugar|tea|cake|sweets|sun|work|exercise",
       "overdos* on netflix|tv|telly|television|chocolate|sugar|coffee|"
       "caffeine|sun|sunshine|box|series|shows|youtube|games|gaming|work|love|cake|sweets|"
       "mince|pies|pie|turkey|christmas|cheese|pizza|chips|biscuits|"
       "carbs|food|exercise|reading|sleep|naps|films|movies|music|tiktok|crisps",
       // An overdose long over: "Ten years before my brother had overdose from drugs, now
       // he is clean and fine".
       "clean|sober now", "now he|she|they is|are|s clean|sober",
       // Family history from old papers: "my great-grandmother took an overdose in 1931".
       "family tree", "old papers|records|letters", "overdose|overdosed in #",
       // A pharmacist's "overdose-risk meds".
       "overdose|overdoses risk|risks",
       // Chemotherapy's nerve damage told as poison (vignette set 85: "apparently my nerves
       // are getting poisoned as well, what a bonus").
       "nerves|nerve ... poisoned|poisoning", "poisoned|poisoning ... my|the nerves|nerve",
       // Study: "for my OSCE tomorrow, the paracetamol overdose treatment line starts at 100".
       "osce|osces|revision|nomogram", "treatment line",
       // The dose on the packet: "overdid it at the gym and took two paracetamol like the
       // packet says".
       "like|as the packet|box|leaflet|label|pharmacist|doctor|gp says|said|recommends",
       "as prescribed|directed|recommended"});
  // "ive had 16 co-codamol since lunch", "had about a dozen tramadol on top of a bottle of
  // wine": "had" is also how a supply or a treatment is told ("I've had 28 tablets from
  // the chemist", "had 15 years on metformin").
  add(C::overdose_poisoning, {"had ... # ... " + kDrug}, Negation::full, true, false,
      {"year|years|month|months|week|weeks|day|days|mg|ml|prescribed|prescription|from|left|"
       "supply|chemist|pharmacy"});
  // Insulin given twice, paracetamol too often (the sixty-second round): "done my
  // novorapid twice, 24 units then another 24", "2 paracetamol every couple of hours since
  // Saturday ... maybe 12 a day".
  add(C::overdose_poisoning,
      {"novorapid|insulin|humalog|lantus|levemir|fiasp|humulin|toujeo|tresiba ... twice",
       "units then another", "double dose|dosed ... insulin|novorapid|lantus|humalog",
       "paracetamol|acetaminophen|tylenol|codamol|cocodamol every couple of hours",
       "paracetamol|acetaminophen|tylenol|codamol|cocodamol every hour|2 hours|two hours",
       "paracetamol|acetaminophen|tylenol ... 10|12|14|16|18|20|ten|twelve|fourteen|sixteen a day"},
      Negation::full, true, false, {"as prescribed|directed|recommended", "sliding scale"});
  // Tablets counted since yesterday (the sixty-eighth round: "I take paracetamol the whole
  // day, maybe 20 tablets since yesterday morning"); not a supply or a course.
  add(C::overdose_poisoning,
      {"paracetamol|acetaminophen|tylenol|codamol|cocodamol ... 12|14|15|16|18|20|24|30|#|twelve|"
       "fifteen|sixteen|twenty|thirty tablets|pills|tabs since",
       "maybe|about|around|like|nearly|almost|over 15|16|18|20|24|30|#|fifteen|sixteen|twenty|"
       "thirty tablets|pills|tabs since yesterday|today|last"},
      Negation::full, true, false,
      {"as prescribed|directed|recommended", "week|weeks|month|months|year|years",
       "pharmacy|chemist|prescription|supply|course"});
  // What a carer sees: the tiny pupils of an opioid overdose ("his blister pack is empty
  // and he's really sleepy with tiny pupils"); an empty pack alone is one to refill.
  add(C::overdose_poisoning,
      {"pinpoint|tiny|pinprick pupils", "pupils ... pinpoint|pinprick|small|tiny"}, Negation::full,
      true, false, none);
  // Not knowing how many were swallowed is the emergency, and its "don't" denies nothing
  // ("I don't know how many she's swallowed").
  // Typed drunk: "dnt kno how many of the xanax i had w the vodka" (the eighty-fourth round).
  add(C::overdose_poisoning,
      {"know|kno|knw how many ... swallowed|taken|eaten|had",
       "how many ... " + kDrug + " ... i|she|he|they had|took|swallowed"},
      Negation::none, true, false, none);

  // Suicide and self-harm: said directly, through hopelessness, plans, methods or
  // preparations; in the past or as "if ..." it still counts (a kind answer with a
  // crisis line is never wrong here). Only a plain denial ("I'm not suicidal", "I would
  // never kill myself") holds it back.
  add(C::self_harm,
      {"kms", "unalive|unaliving|sewerslide", kIntent + " ... end it $",
       // An act told ("I took a razor to my wrists an hour ago").
       "razor|blade|knife|glass to my|his|her|their wrist|wrists",
       "cut|slit|slashed|slashing my|his|her|their wrist|wrists",
       // Someone's words reported: "my son keeps saying hes going to end it".
       "keeps|kept|keep saying ... end it|things", "talking|talks|talked about ending it|things",
       "no reason ... live|living|alive", "no reason to go|carry on",
       "point in|of living|existing|life", "point in|of going|carrying on", "not|isnt worth living",
       "life is not|isnt worth", "stop|stopped existing", kIntent + " ... stop living",
       "want|wanna to ... disappear|vanish", "wanna ... disappear|vanish",
       "wish i could ... disappear|vanish", "nobody|noone|one ... miss me", "noose",
       "bought|got|have ... rope", "saved|saving|stockpil*|hoarding|collecting ... " + kDrug,
       kDrug + " ... saved|stockpiled|stashed|hoarded",
       "been hurting|harming|cutting|burning myself",
       "cut|harmed|burned|burnt myself again|deliberately|purpose",
       // Another's intent told by who hears it: "locked himself in the bathroom saying hes
       // going to hurt himself" (the seventy-fourth round).
       "going|gonna|threatening|threatened|wants|wanted|trying to hurt|harm|kill himself|"
       "herself|themself|themselves",
       // The numb part hurt to feel it: "burned the numb foot with my lighter on purpose",
       // "when the tingling gets too much i whack my shins with a hammer".
       "burned|burnt|burn|burning ... with my|a|the lighter|lighters|cigarette|cigarettes ... "
       "purpose|again|times",
       "burned|burnt|cut|scratched|whacked|hit|hammered|stabbed my|the|me leg|legs|foot|feet|"
       "shin|shins|thigh|thighs|arm|arms ... on purpose",
       "whack|whacking|bash|bashing|hammer|hammering my|me shins|shin|legs|leg|feet|foot|thighs|"
       "knees ... with a|the hammer|brick|bat|stick",
       // Harm that quiets the mind: "scratched my legs till they bled again, only thing that
       // makes the noise in my head go quiet".
       "only thing ... noise|noises|voices in my head",
       // The means arranged: "got a sheet sorted for after lock-up tonight", "if these legs
       // dont come back im not sticking around. already sorted how".
       "got|have a|the sheet|ligature|belt|cord sorted|ready", "i|im ... not sticking around $",
       // "been looking at how high the balcony is, 14th floor"; "have written letters to my
       // kids for after I'm gone".
       "how high|far ... " + kJumpPlace + " is|goes|up|down",
       // "I've worked out which bridge on the river loop is high enough" (the seventy-second
       // round).
       "worked|figured out which " + kJumpPlace, "picked|chosen|chose which " + kJumpPlace,
       "letter|letters|note|notes ... after im gone",
       "letter|letters|note|notes ... after i am gone", "already sorted|planned how $",
       "already worked out how $",
       // "on the bridge and think how easy it would be"; a hot fork pressed on a numb shin
       // "every night, it's the only thing that feels like anything".
       "how easy it would be $", "only thing that feels like anything",
       "hot fork|knife|spoon|iron|poker ... on my numb|leg|legs|shin|shins|calf|thigh|thighs|arm|"
       "arms|skin|foot|feet|wrist|wrists",
       // The means of a habit: "burned myself with a lighter again last night" (not "cut
       // myself with the bread knife").
       "burned|burnt|burning myself with a|the|my lighter|lighters|cigarette|cigarettes|fag|fags",
       "cut|cutting myself with a|the|my razor|blade|blades",
       // Patois and plain weariness of life: "mi tired a life, mi just waan dead".
       "tired a|of life|living", "waan|wan|wah dead|die|ded",
       // A goodbye sent and then silence: "texted me goodbye and love you all and isnt
       // answering his phone".
       "goodbye ... not|isnt|wont|hasnt|arent answering|answer|picking|replying",
       "texted|messaged|sent me|us goodbye ... love you all", "end|ending|finish|finishing it all",
       "end|ending things|myself", "end|ending|finish|finishing my life|lfe",
       // As a condition: "what if I just ended it all?".
       "ended|finished it all", "ended|finished my life", "take|taking my own life",
       "take|taking my life", kIntent + " ... hurt|harm|hurting|harming myself|meself",
       "self harm*|injur*", "selfharm*", "cutting|burning myself",
       "cut|slit|slash ... wrist|wrists", "cutting ... arms|wrists|thighs", "cutting again",
       // Close, since "cutting the hedge and my legs went numb" is a numb leg: the
       // person's own body just after ("i keep cutting my legs").
       "cutting my|me leg|legs|arm|thigh|skin|stomach|belly|body", "been cutting $",
       "better off dead", "better off without me", "be better without me",
       // The family's gain named: "the boys would do better with the life insurance than
       // with me"; a nightly prayer to be taken; a whole pack of medicine weighed up
       // ("would anybody notice if I took the whole box of tramadol tonight").
       "life insurance than with me", "better off with the life insurance", "take me in my sleep",
       "if i took|take|swallowed the|a whole|entire box|packet|pack|bottle|strip of ... " + kDrug,
       // "Checking out early", "checking out for good": leaving life, not a hotel.
       "checking|check out early", "checking|check out for good",
       // The means worked out: "looking up how many of my amitriptyline it would take",
       // "if I take everything in the medicine cupboard"; cuts made and to be deeper.
       "how many ... it would take", "everything|all in|from the medicine cupboard|cabinet",
       // "how many of my amitriptyline would it take to not wake up".
       "how many ... " + kDrug + " ... would it take", "take to not|never wake",
       "enough to not|never wake",
       // Euphemisms and means: "ready to cash in my chips for good", "putting my sleeping
       // tablets by in a jar", "time I went to join her", "Sunday is going to be my last
       // day" (the hosepipe beside it is a preparation sign below).
       "cash|cashing in my chips", "stop|stopped being a burden",
       // Romanised Hindi: "ab jeene ka mann nahi karta", "sab khatam karna hai".
       "jeene ka mann nahi", "sab khatam karna|kar", "marna chahta|chahti", "khudkushi|aatmahatya",
       "putting ... " + kDrug + " ... by in|aside", "time i went to join her|him|them",
       "mind ... going to be my last day",
       // "keeps saying he's going to jump in front of the next one".
       kIntent + " ... jump in front of", kIntent + " ... jump infront of",
       // "im going to walk in front of the next lorry i mean it": a vehicle, never "walk
       // in front of the class".
       kIntent + " ... walk|step|run in front|infront of ... lorry|train|bus|truck|car|van|"
                 "traffic",
       "made|make|making ... cuts on my", "going|go|cut deeper",
       // "started hurting myself again with a blade", "the cuts are getting deeper", "I will
       // stop being alive on Friday", "I won't be around by then".
       "hurting|harming|cutting myself again", "cuts ... getting|get deeper",
       // The eighty-fourth round: "im so drunk n i cut my legs again so i cud feel somthing,
       // its deep this time" (plural: "cut my leg again on the fence" is an accident).
       "cut|cutting|slashed my|me legs|arms|thighs|wrists again",
       "cut|cutting ... so|to i|me ... feel something|somthing|sumthing|anything",
       "cut|cutting ... deep|deeper this time",
       // The means taken up again: "got the blade out again. dont tell me to ring anyone".
       // Singular: a skater's "got my blades out" is not it.
       "blade out again", "got|getting the blade out $",
       "stop|stopped being alive",  // Said of oneself only: "the plumber won't be around by then"
                                    // is a diary.
       "i wont|cant be alive|around by then|tomorrow", "i will not be alive|around by then",
       "i wont be alive|around much|any longer", "i will not be alive|around much|any longer",
       "i wont be alive|around for long", "i wont be alive|around next week|month",
       // "I have no wish to go on", "I intend to join my late wife before long".
       "no wish|desire to go on", "no wish|desire to carry on",
       "no wish|desire to live|living|continue",
       "join|joining my late wife|husband|partner|son|daughter",
       "be with my late wife|husband|partner|son|daughter",
       // Preparations: the means made ready beside a plan of one's own, goodbyes to family
       // ("I have a plan and the pills are ready", "I've written letters to my kids just in
       // case"). Not "my tablets are ready to collect", "the physio gave me a plan", "a
       // letter to my GP just in case".
       "have|got a plan ... pills|tablets|meds are|r ready",
       "letter|letters|note|notes to my kids|children|family|husband|wife|partner|son|"
       "daughter|mum|dad ... just in case",
       // The burden said as a condition: "they'd be better off if I wasn't around".
       "better off if i wasnt|werent|wasn|wernt around|here|alive",
       "better off if i was|were not around|here|alive", "better off if i was|were gone|dead",
       "better off if i didnt|did not exist", "dont|not want ... be here|alive|around",
       "dont|not want ... exist|live|living",
       // Jamaican: "mi nuh wan live nuh more".
       "nuh wan|want live|living", "no point ... living|continuing|anymore|life|being|here",
       "no point ... going|carrying on",
       "whats|what the point ... living|anymore|life|all|anything",
       "whats|what the point ... going|carrying on", "whats|what the point $",
       // Not seeing the point of anything any more, said in passing ("honestly I don't
       // see the point anymore"); the point of one thing ("of physio", "of going on
       // the waiting list") is not enough.
       "dont|not see the point anymore", "dont|not see the point any more",
       "dont|not see the point in|of living|life|anything|existing",
       // Being here at all ("tbh i dont see the point in being here anymore").
       "dont|not see the point in|of being here|alive|around",
       "dont|not see the point in|of going|carrying on $",
       "dont|not see the point in|of going|carrying on anymore|any",
       "see no point in|of living|life|anything|existing", "cannot|cant go|carry on",
       "cannot|cant take it|this anymore",
       // "this", not "it": "I can't do it anymore" is said of running or stairs.
       "cannot|cant do this anymore",
       // Wanting everything to end, not one symptom ("I want this numbness to stop"
       // names what should stop).
       "want|wanna|wish it all to|would stop|end", "want|wanna|wish everything to|would stop|end",
       "make it all stop|end",
       // Fixed on the means: "I keep staring at the rope".
       "rope|noose|gun|blade|razor|ledge ... look|looking|staring|stare at it",
       // "been looking at the shotgun in the cabinet more than I should".
       "looking|staring at the|my shotgun|rifle|gun|rope|noose ... more than i should",
       "looking|staring at the|my shotgun|rifle|gun|rope|noose ... lately|a lot|every night",
       "looking|staring at the|my shotgun|rifle|gun|rope|noose lately", "sleep ... not|never wake",
       "wish|want|hope ... not|never wake", "dont|not want to wake up $",
       "dont|not want to wake up tomorrow|again|anymore|ever",
       // Preparations: the means laid out ("got all my pills lined up").
       kDrug + " ... lined up",
       kIntent + " ... take|taking|swallow|swallowing|down ... " + kQuantity + " ... " + kDrug,
       "jump* ... off|from|front ... " + kJumpPlace, kJumpPlace + " ... and|to jump*",
       "suicide note|letter", "goodbye letter*|note*",
       // Being dead as the better outcome, said without "off" ("better I am dead").
       "better if|that i ... dead|die|gone", "better i am|was|were|be dead|gone",
       "be|am|is|are|was|were better dead",
       // Worthlessness and the burden, said plainly ("nobody need me", "what's the point
       // of me", "everyone would be better off"), and an end to being one ("I will not be
       // a burden to anyone much longer", "won't be around much longer").
       "nobody|noone|one need|needs|wants|want me $", "whats|what the point of me $",
       "whats|what the point of me tbh|honestly|anymore|even|really|lol",
       "everyone|everybody|family|kids|world ... better off $",
       "not|wont be ... burden|around ... much|any longer",
       // Everything over for good ("can't wait for it all to be over for good"): about
       // "it all", never one symptom, and for good (not "for it all to be over, the scans").
       "all|everything to|would|will be over for good|forever"},
      Negation::none, false, false, none);
  // An overdose meant ("I want to overdose"), with its negation read: "don't want to
  // accidentally overdose" is a worry about the dose (the seventy-eighth round).
  add(C::self_harm, {kIntent + " ... overdose|od"}, Negation::full, false, false,
      {"accidentally|accidental|accident|mistake"});
  // A rope where one is hung ("there's a rope in the garage"), not one tripped over or
  // used for something.
  add(C::self_harm,
      {"rope|ropes ... garage|loft|attic|shed|beam|beams|banister|bannister|tree|hook",
       // Put up, ready: "rope's already up".
       "rope|noose is|are|s up|ready|tied $", "rope|noose is|are already|all up|ready|tied $",
       "ropes|nooses up|ready|tied $", "ropes|nooses already|all up|ready|tied $"},
      Negation::full, false, false,
      {"trip|tripped|tripping|fell|fall|caught|skipping|tow|towing|climbing|washing ... rope",
       "rope ... swing|ladder|light|lights|bridge|course"});
  add(C::self_harm,
      {"kill|kil|killing|top|topping|off|hang|hanging myself~|meself|mesel|masel",
       "kill|killing my self",
       // Someone else's words about themselves are a crisis too: the carer gets the line.
       "kill|killing|hang|hanging|harm|harming himself|herself|themselves",
       "suicid*|suicide~|suicidal~", "by my own hand"},
      Negation::denial, false, false,
      // "I am not, I hasten to add, in any way suicidal": "any way" only follows a denial.
      {"killing myself laughing|laughin", "any way suicidal", "anyway suicidal",
       // A course or a job about it: "did a suicide prevention course at work today".
       "suicide|suicidal|self prevention|awareness|training|course|workshop|module|helpline",
       "prevention|awareness course|training|workshop|module",
       // A car's rear-hinged doors: "restoring a 60s lincoln w suicide doors".
       "suicide door|doors",
       // Someone's hyperbole: "my coach says I'm killing myself with the mileage".
       "killing myself with the|my|all mileage|training|work|running|hours|exercise",
       // Cross with oneself: "I could kill myself for forgetting my GP appointment". Never
       // "for being ...", which may be a burden told.
       "could kill myself for|over forgetting|missing|losing|leaving|buying|eating|saying"});
  add(C::self_harm,
      {"want|wants|wanna|wish|wishes|rather|ready ... die|dead|dye", "wish i was|were dead"},
      Negation::full, false, false,
      {"die|dye ... hair|clothes|shirt|shoes|jeans|fabric|wool|eggs"});
  // Means told from a wheelchair or by refusing food (the sixty-second round): "I think about
  // rolling the chair off the end of the harbour wall", "I've stopped eating and drinking
  // on purpose".
  add(C::self_harm,
      {"rolling|roll|wheeling|wheel|driving|drive the|my chair|wheelchair|scooter off",
       "off the end of the harbour|pier|jetty|quay|wall|bridge|cliff",
       "stopped eating and drinking", "stopped eating ... on purpose",
       // A poison kept back for it: "I have kept one bottle of the pesticide aside, if this
       // leg also becomes useless I will drink it".
       "kept|keeping ... pesticide|poison|weedkiller|paraquat ... aside|back|by",
       "if ... i will drink it", "not eating ... on purpose", "starving myself"},
      Negation::full, false, false, {});
  // Abuse at home: someone the person lives with or is close to hurting or threatening
  // them, said plainly, or fear of them. Not a brief category; answered as a disclosure
  // (safety_replies.cpp). "he has never hit me" is denied through the gap; a sport, a
  // game, a film or an accident is no disclosure. A past one still gets the kind answer.
  const std::string abuser =
      "husband|hubby|wife|partner|boyfriend|bf|girlfriend|gf|ex|fiance|fiancee|dad|father|"
      "stepdad|mum|mom|mother|stepmum|son|daughter|brother|sister|carer|he|she";
  const std::string hurts =
      "beats|beat|beating|hits|hit|hitting|kicks|kicked|kicking|punches|punched|punching|"
      "slaps|slapped|slapping|chokes|choked|choking|strangles|strangled|strangling|shoves|"
      "shoved|batters|battered|attacks|attacked|throttled|throttles|slap|kick|punch";
  // Thrown, dragged or pushed somewhere by someone: "bf threw me into the wall", "my
  // husband dragged me down the stairs by my hair". Not "pushed me to see a doctor".
  const std::string moved_by_force =
      "threw|throws|thrown|dragged|drags|dragging|pushed|pushes|shoved|flung|yanked";
  const std::string somewhere = "down|into|against|onto";
  add(C::abuse,
      {abuser + " " + hurts + " me", abuser + " ... " + hurts + " me", abuser + " ... hurts me",
       "beaten|battered|attacked|assaulted|strangled|choked by my " + abuser,
       "abusive husband|partner|relationship|boyfriend|wife|girlfriend|ex|carer|marriage",
       "domestic violence|abuse", "being|been|am abused", "abusing|abuses me",
       // The eighty-sixth round: "the bruises on my arms are from my partner, he grabs me
       // when he's angry"; "him: if you go to that doctor I'll break the other leg too";
       // a mother "tied to that chair every morning this week" by her carers.
       "bruises|bruising|marks ... from my|her|his " + abuser,
       "grabs|grabbed|shoves|shoved|pushes|pushed|hits|hit me when he|she|hes|shes",
       "ill|gonna break the|your other leg|arm", "i will break the|your other leg|arm",
       "break your|the other leg|arm too",
       "tied|tie|ties|tying|strapped|restrained ... to|in the|that|a|her|his chair|bed|radiator",
       "not|dont|never feel safe at home", "not safe at home",
       "scared|afraid|frightened|"
       "terrified to go home",
       "scared|afraid|frightened|terrified of my husband|hubby|partner|wife|boyfriend|"
       "girlfriend|ex|dad|father|son|carer",
       abuser + " ... threaten*|threatened to kill|hurt|strangle me",
       abuser + " ... " + moved_by_force + " me " + somewhere,
       // Shut in and blamed: "she locks the bedroom door at night so I can't get to the
       // toilet ... says I deserve it".
       abuser + " ... locks|locked ... door ... so i cant|cannot",
       abuser + " ... locks|locked me in|out",
       // "Is it normal for your fiancé to grab your throat when he's angry?".
       abuser + " ... grab|grabs|grabbed|grabbing|squeeze|squeezes|squeezed my|your throat|neck",
       abuser + " ... grab|grabs|grabbed|grabbing me by the throat|neck",
       abuser + " ... says|said|tells|told ... i deserve it",
       // Made to kneel or stand for hours: "she makes me kneel on the tiles for hours".
       abuser + " makes|made|making me kneel|sleep|stand ... hours|floor|tiles|night",
       "threatens|threatened to "
       "kill me"},
      Negation::full, false, false,
      {"game|games|film|movie|show|dream|boxing|karate|sparring|rugby|football|training|mma|"
       "judo|wrestling|ball",
       // The gym: "my trainer absolutely abuses me on leg day".
       "trainer|coach|pt|instructor|leg day|workout|gym",
       "by accident|accidentally|joking|joke|playfully|messing|tickl*",
       // A win, not a blow: "my son beat me at chess", "she beat me to it".
       "beat|beats|beaten me at|to|in",
       // A board or card game: "my husband beats me every night... at cribbage".
       "cribbage|chess|cards|scrabble|darts|snooker|monopoly|dominoes|poker|rummy|draughts|"
       "checkers|bingo|crossword|quiz|backgammon|bridge",
       // A pet's demands: "my cat abuses me at 5am every day for breakfast".
       "cat|cats|dog|dogs|kitten|puppy|parrot abuses|abused|abusing|attacks|bites me"});
  const std::string kChildAge =
      "8|9|10|11|12|13|14|15|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen";
  // Those paid to care, at home or in a home: "the night staff at my house pinch me and call
  // me smelly when i wet the bed". Not "hurt" or "push" ("the nurse pushed me in the
  // wheelchair", "the nurse said it would hurt me a bit").
  add(C::abuse,
      {"staff|carers|carer|nurses|nurse|aides|aide ... pinch|pinches|pinched|slap|slaps|slapped|"
       "hit|hits|kick|kicks|kicked me",
       "call|calls|called me smelly|stinky|disgusting|dirty|useless|pig"},
      Negation::full, false, false, {"joke|joking|banter|lol|haha"});
  // A few days or nights ("#" is a large number only).
  const std::string kFewDays =
      "2|3|4|5|6|7|two|three|four|five|six|seven|several|few|couple days|nights";
  // A child left alone: "im 13 n mum's been gone 4 days, no food left n im minding my 2
  // little sisters". A parent gone for days and no food, or a child who says their age and
  // that someone has gone ("my dad's been gone 3 days" alone is an adult's news too).
  add(C::abuse,
      {"been gone " + kFewDays + " ... no food", "been gone " + kFewDays + " ... nothing to eat",
       "gone for " + kFewDays + " ... no food", "gone for " + kFewDays + " ... nothing to eat",
       "no food left ... minding|mindin", "no food left ... looking after",
       "im " + kChildAge + " ... no food", "i am " + kChildAge + " ... no food",
       "im " + kChildAge + " ... been gone", "i am " + kChildAge + " ... been gone"},
      Negation::none, false, false, {});
  // Abuse told without its name (the forty-first round): a threat for seeking care ("if i
  // go to the doctor hell do worse next time"), injuries hidden as a fall, someone locked
  // in, and a secret a child is told to keep from a parent. A surprise is no secret.
  const std::vector<std::string> no_secret = {
      "surprise|party|present|presents|gift|gifts|birthday|christmas|spoil*|ending|spoiler*"};
  add(C::abuse,
      // The threat said of a person: "hell do worse", not "the team will do worse".
      {"hell|shell|theyll|hed|shed do worse", "he|she will|would do worse next time",
       // Shut away "to drive out the jinn" (the eighty-eighth round: "locked my 12 year old
       // cousin in the storeroom for three days with only water").
       "locked|locks|locking ... in the|a storeroom|cellar|shed|cupboard|basement|outhouse",
       "drive|drove|driving|cast|casting|beat|beating out the|a jinn|jinns|djinn|demon|demons|"
       "devil|spirit|spirits",
       "locks|locked|locking me|her|him|mum|mom|dad|nan|gran in my|her|his|their|the room|"
       "bedroom",
       "keeps|kept|keeping me|her|him|mum|mom|dad|nan|gran locked in|up"},
      Negation::full, false, false, no_secret);
  // Strangled by a partner (the seventy-eighth round: "the guy I'm seeing put his hands
  // round my neck in an argument last night and I blacked out for a sec").
  add(C::abuse,
      {"put|puts|had his|her|their hands round|around my neck|throat",
       "hands round|around my neck|throat ... blacked|passed out"},
      Negation::full, false, false, {"massage|massaged|hug|hugged|necklace|scarf"});
  // Violence heard or seen next door, now (the seventy-fourth round: "I can hear the man
  // next door hitting his wife right now through the wall").
  add(C::abuse,
      {"hitting|beating|punching|kicking|strangling|battering|choking his|her|their wife|"
       "husband|partner|girlfriend|boyfriend|kids|child|son|daughter|mum|mother"},
      Negation::full, false, false,
      {"game|film|movie|show|tv|telly|boxing|sparring|story|book|play|wrestling|pillow"});
  // A child held under water, and an old parent kept without food as a punishment (the
  // sixty-eighth round: "I saw him hold the boy's head under the water in the pool", "my
  // brother doesn't give him food if he complains").
  add(C::abuse,
      {"hold|holds|held|holding|push|pushes|pushed|pushing|dunk|dunks|dunked|dunking ... "
       "head|face under|underwater"},
      Negation::full, false, false, {"game|games|contest|competition|breath|lesson|lessons"});
  add(C::abuse,
      {"doesnt|dont|didnt|wont|wouldnt give|let him|her|me|us|mum|mom|dad food|eat ... if|when|"
       "unless|because|cause",
       "no food|dinner|meals|supper ... if|when he|she|i complain|complains|complained|cry|"
       "cries|talk|talks|back|answer|answers"},
      Negation::none, false, false, {"diet|dieting|fasting|ramadan|operation|surgery|scan"});
  // These carry their own "not": no negator before them may deny them.
  add(C::abuse,
      {"bruises|marks|injuries ... arent|werent|isnt|not from a fall|falling",
       "says|said|told ... i cant|cannot|mustnt|shouldnt tell mum|mom|dad|anyone|anybody|nobody",
       "says|said|told ... i cant|cannot|mustnt|shouldnt tell my mum|mom|dad"},
      Negation::none, false, false, no_secret);
  add_foreign_rules(out);
  return out;
}

// Everything the screen matches, compiled and indexed together once.
struct Compiled {
  std::vector<Rule> rules;
  std::vector<SignRule> sign_rules;
  std::vector<Pattern> preparation_signs, past_words, present_words, over_words, cleared_words;
  PatternIndex index;
  // By pattern id: the index in `rules` of the rule the pattern fires, or -1 (an unless
  // pattern, a sign, a time word).
  std::vector<int> rule_of_pattern;
};

const Compiled& compiled() {
  static const Compiled screen = [] {
    Compiled out;
    out.rules = build_rules();
    out.sign_rules = build_sign_rules();
    for (auto& rule : out.sign_rules)
      for (auto& pattern : compile_all(story_patterns())) rule.unless.push_back(std::move(pattern));
    out.preparation_signs = compile_all(
        {"letter|letters|notes ... kids|children|family|everyone|wife|husband|son|daughter",
         "sorted|made|written|wrote|updated|done|finished ... my will",
         "wont|not need ... doctor|"
         "help|anything|anymore",
         // "won't be needing to look after him anymore".
         "wont|not be needing ... doctor|help|anything|anymore",
         // Rehoming a pet, a goodbye message, love sent through someone: each is a sign,
         // two of them are a goodbye ("gave my dog to my neighbour ... won't be needing").
         "giving|given|gave|rehom* my|the|our dog|dogs|cat|cats|pet|pets to",
         // "cleared out my flat this week", "I've got the hosepipe and the car's in the
         // garage".
         "got the|a hosepipe|hose",
         // "shotgun's in the cabinet and I keep thinking it'd be easier for everyone if I
         // used it on myself".
         "shotgun|shotguns|gun|guns|rifle ... cabinet|cupboard|safe|loaded",
         "easier for everyone|everybody if i|im",
         "cleared|clearing|emptied|emptying out my flat|house|room|place|stuff|things",
         // "I won't be needing either after Sunday".
         "wont|not be needing either|them|it", "wont|not be needing any of it",
         "my|this last message|messages|text|words|goodbye",
         "tell ... kids|children|family|wife|husband|mum|mom|dad|son|daughter|everyone ... i "
         "love",
         "burden to|on anyone|everyone|everybody|my|the|family|people", "giving|given|gave away my",
         "giving|given|gave|give my ... away", "giving|given|gave away ... stuff|things|belongings",
         "saying|said ... goodbye*", "wont|not be around|here", "affairs ... in order",
         // "dog's gone to my sister", "won't matter soon".
         "dog|dogs|cat|cats|pet|pets gone|going to", "wont|not matter soon",
         "wont|not matter much longer",
         // "rehomed the dog", "so no one has to go through my things", "it won't for much
         // longer", "texted me goodbye", "locked himself in the bathroom".
         "rehom* ... dog|dogs|cat|cats|pet|pets", "go|going through my things|stuff",
         "for much longer", "texted|text|messaged|sent me|us ... goodbye*",
         "locked himself|herself|themselves|myself in",
         // "texted me 'tell mum I love her' and turned her phone off", "can't take the pain
         // any more".
         "turned|switched|turning|switching his|her|their|my phone|phones off",
         "cannot|cant take ... anymore", "cannot|cant take ... any more"});
    out.past_words = compile_all(
        {"years|year|months|month|weeks|week|ages|yrs|yr ago", "last month", "last week|fortnight",
         // A month named: "doc bumped up my Dilantin in March after I had a seizure".
         "in|since|back|last january|february|march|april|june|july|august|september|october|"
         "november|december",
         // "Saturday night he passed out drunk ... since then his foot flops".
         "monday|tuesday|wednesday|thursday|friday|saturday|sunday night", "since then",
         "last monday|tuesday|wednesday|thursday|friday|saturday|sunday",
         // A year gone by: "when my brother overdosed in 2019".
         "in|since|back 196*|197*|198*|199*|200*|201*|2020|2021|2022|2023|2024",
         // A death long over ("collapsed and died of a heart attack in 1998").
         "died of|from|in", "die of|from", "passed away", "passed with|from|of",
         // "years back", "a while back".
         "years|year|months|month|weeks|week|ages back", "long time ago", "long ago",
         "last summer|winter|spring|autumn|christmas", "as a kid|child|teenager|teen|baby|boy|girl",
         // A pitchside medic's story: "last season had a lad with a burst nose pouring blood".
         "last season",
         // A season named: "my phenytoin was increased in the spring after a seizure".
         "in|since the spring|summer|autumn|winter", "last year", "used to", "back in",
         "in my teens|twenties|youth", "in the past", "history of", "hx of", "for years",
         "since childhood", "since i|he|she was",
         // "fainted once at school in 1962".
         "once at|in school", "at school in"});
    // Minutes or hours ago is now: "a history of depression and I took an overdose an hour
    // ago".
    out.present_words =
        compile_all({"now|today|tonight|again|currently|still|rn|just|atm|ongoing",
                     "this morning|evening|afternoon", "hour|hours|minutes|mins|min ago"});
    for (size_t r = 0; r < out.rules.size(); ++r) {
      for (auto& p : out.rules[r].patterns) {
        out.index.add(p);
        out.rule_of_pattern.resize(static_cast<size_t>(p.id) + 1, -1);
        out.rule_of_pattern[static_cast<size_t>(p.id)] = static_cast<int>(r);
      }
      for (auto& p : out.rules[r].unless) out.index.add(p);
    }
    out.over_words = compile_all(
        {"fine|ok|okay|better|normal|alright|grand|well|sorted now", "stopped|settled now",
         // Taglish: "out of breath for like a minute but ok na after".
         "ok|okay|fine na after|now",
         // "it's back down to 100 already and i'm chatting fine" after hill sprints.
         "chatting|talking fine|normally", "back down to # already", "discharged",
         "glued|stitched|stitches|steristrips", "sorted him|her|them|it out",
         // "pressed on it and it stopped. steri-stripped it, fine today".
         "steri stripped|strips|strip", "and it stopped",
         // "the nurses sorted him and he's sat up drinking tea now".
         "sorted him|her|them and|now", "sat|sitting up ... now",
         // "all fine after a sit down", "it hasn't come back", "he survived".
         "fine|ok|okay|better after", "hasnt|havent|not come|came back", "survived|recovered",
         // "got it back after a few mins": the breath.
         "got it|my breath back"});
    out.cleared_words = compile_all(
        {"poison|poisons centre|center|unit|line|helpline ... fine|ok|okay|nothing|normal|well",
         "111|doctor|doctors|gp|nurse|nurses|hospital|paramedics|ambulance said|says ... "
         "fine|ok|okay|nothing|normal|well",
         "been totally|completely|perfectly|absolutely|fine|normal|well ... since",
         // Out of an abusive marriage long ago: "I left, he has a protection order ... I'm
         // safe and happy now" (the seventy-sixth round).
         "i left $", "protection order", "im|i am safe and|now",
         // Recovered from a crisis long ago: "self-harmed as a teenager, that was 20 years
         // ago and I'm in a really good place now" (the seventieth round).
         "in a ... good|better|great|happy|healthy place",
         // "EKG and troponin were normal".
         "ecg|ekg|troponin|tests|bloods|scan|scans|xray ... normal|clear|fine|ok", "discharged"});
    for (auto* list : {&out.preparation_signs, &out.past_words, &out.present_words, &out.over_words,
                       &out.cleared_words})
      for (auto& p : *list) out.index.add(p);
    for (auto& rule : out.sign_rules) {
      for (auto& kind : rule.kinds)
        for (auto& p : kind) out.index.add(p);
      for (auto& p : rule.unless) out.index.add(p);
    }
    return out;
  }();
  return screen;
}

}  // namespace

const std::vector<Rule>& rules() { return compiled().rules; }
int rule_of_pattern(int id) {
  const auto& of = compiled().rule_of_pattern;
  return id >= 0 && static_cast<size_t>(id) < of.size() ? of[static_cast<size_t>(id)] : -1;
}
const std::vector<Pattern>& preparation_signs() { return compiled().preparation_signs; }
const std::vector<Pattern>& past_words() { return compiled().past_words; }
const std::vector<Pattern>& present_words() { return compiled().present_words; }
const std::vector<Pattern>& over_words() { return compiled().over_words; }
const std::vector<Pattern>& cleared_words() { return compiled().cleared_words; }
const std::vector<SignRule>& sign_rules() { return compiled().sign_rules; }
const PatternIndex& pattern_index() { return compiled().index; }

}  // namespace triagebot::dialogs::safety
