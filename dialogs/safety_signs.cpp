// Each rule is the signs a clinician puts together for one emergency: NHS "When to call
// 999" and its pages on heart attack (pain or pressure in the chest with sweating,
// feeling sick, spreading to the arms or jaw), anaphylaxis (a swelling tongue or throat
// with wheezing), heavy bleeding, carbon monoxide poisoning (headaches in everyone in
// a place with a heater or boiler), and the Samaritans' guidance on suicide (a means
// with a time or a goodbye). Syntax as safety_pattern.h.
#include "dialogs/safety_signs.h"

namespace triagebot::dialogs::safety {
namespace {

using Sources = std::vector<std::string>;

SignRule rule(SafetyCategory category, std::vector<Sources> kinds, const Sources& unless = {}) {
  SignRule out{category, {}, compile_all(unless)};
  for (const auto& kind : kinds) out.kinds.push_back(compile_all(kind));
  return out;
}

// What a pain or pressure feels like, in the chest or under the ribs.
const Sources kChestFeeling = {
    "pain*|hurt*|ache*|aching|sore|tight*|pressure|press|presses|pressing|crush*|squeez*|"
    "heavy|heaviness|weight|load|vice|vise|clamp*|stabbing|sharp|agony|gripping|grip|"
    "clutch*|hold|holds|holding|elephant|band|fist|clenched|clench*|knife|knives",
    // What a carer sees in someone who cannot say: "keeps rubbing her breastbone and
    // moaning".
    "rubbing|rubs|moaning|groaning|grabbing|grabs"};
// What comes with a heart attack: sweat, sickness, a faint, the spread to the arm or
// jaw, a racing heart, short breath.
const Sources kHeartAlarm = {
    "sweat*|sweaty|clammy|nause*|nauseous|vomit*|puking|faint|dizzy|lightheaded|grey|gray",
    "feel|feeling|felt|am|im|is sick", "down|into|to|up my|his|her|the arm|arms|jaw|shoulder|neck",
    "down|into|to|up my|his|her|the left arm|shoulder", "brow|forehead ... wet|damp|soaked",
    "arm ... jaw", "heart|hearts ... racing|pounding|hammering|thumping|banging|galloping",
    "heart|hearts ... going like", "short|out of breath", "breathless*",
    // Pain on breathing in, as a clot in the lung gives it.
    "breathe|breath|breathing in",
    // "when I breathe deep there is like a knife ... it comes every breath".
    "every breath", "breathe|breath deep|deeply"};
// How recently and how badly: minutes ago, not easing, nine out of ten.
const Sources kOnset = {"# mins|minutes|min|minute|minut|minuts",
                        "since # minutes|mins",
                        "wont|not|isnt|doesnt ease|easing|settle|settling",
                        "not|isnt|wont going|go away",
                        "wont|not|isnt|doesnt|hasnt ease|eased off",
                        "9|10 10",
                        "8|9|10 out of 10|ten",
                        "out of nowhere",
                        "came on ... ago|now|suddenly"};

void add_chest(std::vector<SignRule>& out) {
  using C = SafetyCategory;
  Sources alarm_or_onset = kHeartAlarm;
  alarm_or_onset.insert(alarm_or_onset.end(), kOnset.begin(), kOnset.end());
  // Through to the back, as a heart attack or a torn aorta goes ("it go to the back"):
  // only with the chest named, since under the ribs it is also how gallstones feel.
  alarm_or_onset.push_back(
      "go|goes|going|spreads|spreading|radiates|radiating|through to the back");
  // The chest named ("hold him chest" ... "sweat dey pour"; "my chess is crushing" ...
  // "down my arm into my jaw"): a feeling there and an alarm feature or a recent onset.
  out.push_back(
      rule(C::chest_pain,
           {{"chest~|chets|chst|breastbone|sternum", "middle of me", "between|behind ... nipples",
             "heart area|region", "of|in the|my|his|her heart",
             "behind|under|between my|the|her boobs|breasts|tits|bust", "my|his|her chess",
             // "very big pain in middle of breast": the breastbone in second-language English.
             "middle of breast|breasts"},
            kChestFeeling,
            alarm_or_onset},
           {"chest of", "chest day", "bench press|pressing|presses", "benching",
            // A knock: "sore where I whacked it on the open cupboard door ... the bruise".
            "bruise|bruised|bruising|whacked|banged"}));
  // Ribs alone are where shingles and a spinal cord's band are felt: only with an alarm
  // feature ("stabbing pressure under my ribs" ... "heart going like the clappers").
  out.push_back(rule(C::chest_pain, {{"ribs|ribcage|rib"}, kChestFeeling, kHeartAlarm},
                     {"rash|shingles|blisters|hug"}));
}

void add_breathing(std::vector<SignRule>& out) {
  using C = SafetyCategory;
  // Breath or its struggle ("gasping", "wheezy", "drowning"), with a sign of how bad:
  // words between breaths, blue or grey lips or nails, sitting bolt upright, a swelling
  // tongue or throat, breathing through a straw.
  out.push_back(rule(
      C::breathing,
      {{"breath*|breathe~|breathing~|air|lungs|lung|wheez*|gasp*|drowning|suffocat*|smother*|"
        "puff"},
       {"every ... words", "straw|stirrer",
        // "I run out of puff after three words, and the inhaler's not touching it".
        "after #|two|three|four|five|few words", "after a couple of words",
        "inhaler|inhalers|pump|nebuliser ... not|isnt|doesnt|aint touching|helping|working",
        "lips|nails|fingernails|fingers|face|skin ... blue|grey|gray|purple|dusky",
        "blue|grey|gray|purple|dusky lips|nails|fingernails|fingers|face", "bolt upright",
        "cannot|cant|couldnt lie|lay ... down|flat|back", "sit|sitting|sat upright",
        "tongue|throat|lips ... fat|thick|swell*|swollen|tight*|closing|big",
        "bubbly|bubbling|rattly|rattling|gurgling", "on dry land",
        // "my chest does not move well, the air does not come in enough".
        "chest|ribs ... not|doesnt|barely|hardly move|moving",
        "air ... not|doesnt|cant|cannot come|get in", "heart|hearts ... racing|pounding|hammering",
        // A voice going weak as breathing gets hard, or a numbness climbing to the
        // hands: the muscles of breathing failing, as in Guillain-Barre.
        "voice ... weak|weaker|faint|fainter|fading|quiet",
        "crept|creeping|spread|spreading|moved|moving|climbed|climbing up ... hands|arms"}},
      {"drowning in", "fresh air", "air con|conditioning|fryer|bnb|force|ambulance"}));
}

// An inhaler used in vain with the wheeze and tightness of an attack (the seventy-eighth
// round: "about 10 puffs of the blue one in the last hour and it's not touching it, chest is
// tight and i can hear myself wheezing").
void add_asthma(std::vector<SignRule>& out) {
  using C = SafetyCategory;
  out.push_back(rule(C::breathing, {{"puffs|ventolin|salbutamol|inhaler|reliever", "blue one"},
                                    {"not|isnt|aint touching|helping|working it"},
                                    {"wheez*|tight|tightness", "cant|cannot breathe"}}));
}

void add_collapse(std::vector<SignRule>& out) {
  using C = SafetyCategory;
  // How someone went down: on the floor, like a stone, a thud.
  const Sources down = {"on|onto ... floor*|ground|deck", "hit|hits the floor*|deck|ground",
                        "slid|slumped|slipped sideways",
                        // "slumped over his wheel at the services".
                        "slumped over|against|across", "went|gone|goes down like",
                        "dropped|keeled|flopped|crumpled|slumped|collapsed|fell like",
                        "dropped|keeled|flopped|crumpled|slumped|collapsed $", "thud|thump",
                        // "flat on the grass", Jamaican "drop dung inna di yard", and
                        // someone already "pumping his chest".
                        "flat on the|his|her|their|my back|grass|floor|ground|pavement|road",
                        "drop|dropped|drap dung", "started|starting|doing|giving cpr|compressions",
                        "pumping|pushing on|pressing on his|her|their chest"};
  // That they do not answer, in words a bystander uses.
  const Sources unanswering = {
      "nothing going on",
      "cannot|cant|couldnt get a|any word|words|response|sound|anything out of|from",
      "wont|not|doesnt|didnt|isnt wake|waking|rouse",
      "wont|not|doesnt|didnt|cant|cannot open ... eyes", "out cold",
      "wont|not|isnt come good|round|to", "snoring funny|strange|weird|odd|loud|loudly",
      "eyes ... half open", "eyes ... rolled|rolling|glazed|blank",
      // A person gone floppy, not a leg that went to sleep ("the leg was completely numb and
      // floppy, nearly went over", vignette set 89).
      "he|she|they|hes|shes|theyre|him|her|them|baby|body|is|went|gone|goes|all floppy|limp",
      "never ... opened|open ... eyes", "not|isnt|aint movin", "not|isnt|aint|nah|nuh moving|move",
      "nah|nuh answer|answering|respond|wake", "nothin|nuffin"};
  // That someone tried to rouse them.
  const Sources rousing = {
      "shaking|shook|shake|shouting|shouted|shout|pinching|pinched|slapping him|her|them",
      // Rubbed to rouse, not a rubbed leg that has gone to sleep ("keeps rubbing her right
      // leg saying its gone to sleep and wont wake up", vignette set 83).
      "rubbing|rubbed|rub him|her|them $", "rubbing|rubbed|rub him|her|them and|but|awake",
      "rubbing|rubbed|rub his|her|their back|hand|hands|arm|arms|face|shoulder|shoulders",
      "calling|called|call|shouting|say|saying his|her|their name", "to his|her|their name",
      "rub|rubbed|rubbing his|her|their chest", "gave|give him|her|them a shake",
      "saying his|her|their name",
      // "I've been banging on the window for ages, nothing".
      "banging|banged|knocking|knocked|tapping|hammering on the|his|her|their window|door|glass"};
  Sources any_unanswering = unanswering;
  any_unanswering.insert(any_unanswering.end(),
                         {"no answer|response|reply", "now nothing", "nothing back",
                          // "she's not saying nothing back": a double negative, not a denial.
                          "saying nothing|nothin|nowt back", "nothing $"});
  const Sources unless = {"dummy|manikin|mannequin|resusci", "lamb|calf|foal|ewe|puppy|kitten",
                          "cpr on", "patient|patients"};
  out.push_back(rule(C::collapse_unresponsive, {down, unanswering}, unless));
  out.push_back(rule(C::collapse_unresponsive, {rousing, any_unanswering}, unless));
  // Someone alone heard calling for help, then silence and no answer at the door: "she was
  // shouting help through the wall an hour ago and now its gone quiet and she wont answer
  // the door".
  out.push_back(rule(C::collapse_unresponsive,
                     {{"shouting|calling|screaming|crying|yelling|shouted|called|screamed for help",
                       "shouting|calling|screaming|yelling|shouted|called|screamed help"},
                      {"gone|went|goes quiet|silent", "now nothing", "nothing now"},
                      {"wont|not|isnt|doesnt|didnt answer|answering|opening the|her|his|their "
                       "door|phone"}},
                     {"game|games|film|movie|telly|tv|programme|show|kids|children|playing"}));
}

void add_bleeding(std::vector<SignRule>& out) {
  using C = SafetyCategory;
  // Blood or its flow ("gushing", "still running"), with how much or how long: what it
  // has soaked, a pool, clots, a bowl filled, not stopping, many minutes, a blood
  // thinner.
  out.push_back(rule(
      C::severe_bleeding,
      {{"bleed*|bleeding~|breeding|blood~|gush*|pouring|pumping|spurt*|squirt*|haemorrhag*|"
        "hemorrhag*|nosebleed",
        "still running|pouring", "still coming $", "passing clots",
        // "a dark red puddle under my footplate", "sliced the back of my calf open", "the
        // sand's gone red".
        "dark|bright red puddle|pool", "sliced|gashed|slashed ... open", "gone|turned red"},
       {"soaked|soaking|drenched|through ... towel*|dressing*|pad|pads|bandage*|gauze|tea|"
        "plaster*|tissues|roll",
        "towel*|dressing*|pad|pads|bandage*|gauze ... soaked|soaking|drenched|sodden|through",
        "pooling|pooled|puddle", "pool of", "clots", "towel* ... dripping", "getting bigger|larger",
        "keeps|keep growing|spreading", "all round|around me|him|her",
        "filled|fill|filling ... bowl|sink|bucket|basin",
        "wont|not|doesnt|cant|cannot stop|stopping", "everywhere", "for|over # mins|minutes|min",
        // "going over an hour now, pinching does nothing ... im on apixaban".
        "for|over an|a|# hour|hours", "pinching|pinch|pressure ... does|doing|did nothing",
        "apixaban|rivaroxaban|edoxaban|dabigatran|warfarin|anticoagulant*",
        // Shock: "it's gushing from under my kneecap ... and I'm going dizzy".
        "dizzy|faint|fainting|lightheaded|woozy"}},
      {"water|pipe|pipes|tap|taps|leak|leaking|river|flood|flooding|rain|raining|rained",
       "pouring|poured|pours with|down", "sweat|sweating ... pouring|dripping|everywhere",
       "pouring|poured ... sweat|water|tea|coffee|drink|drinks|wine|beer|milk",
       "blood pressure|test|tests|sugar|sugars|donor", "giving|give|gave|donating|donated blood",
       // A blood test's plaster: "took 4 tubes of blood and it bled through the little
       // plaster a bit".
       "took|taken|drew|drawn ... blood", "tubes of blood", "little|tiny|small plaster|plasters",
       "at a|the delivery|birth|operation|surgery",
       // Over by itself: "a small nosebleed that stopped after 10 minutes", "but it stops".
       "small|little|tiny|minor nosebleed|nosebleeds|bleed|cut|nick", "stopped|stops after",
       "stopped|stops on its own", "stopped|stops by itself", "it|that|which stops|stopped $",
       // British "bleeding" as a curse: "these bleeding pins and needles won't stop".
       "bleeding pins|numbness|tingling|tingles|cramp|cramps|itch|itching",
       // A farm animal giving birth: "one of the ewes has prolapsed and she's bleeding
       // everywhere".
       "ewe|ewes|cow|cows|heifer|heifers|mare|mares|sow|sows ... prolapsed|prolapse|lambing|"
       "calving|foaling|farrowing"}));
  // Bleeding inside: vomit like coffee grounds or black, tarry stools, with a faint on
  // standing ("I nearly go down every time I stand up").
  out.push_back(rule(
      C::severe_bleeding,
      {{"like|vomit*|sick|bringing|brought|throwing|puking|retching ... coffee grounds",
        "black|tarry ... poo|poop|stool|stools|motions",
        "poo|poop|stool|stools|motions ... black|tarry"},
       {"go|going|went down", "faint*|dizzy|lightheaded|collaps*", "pass|passing out",
        "nearly|almost go|going|went down", "nearly|almost faint*|collaps*|pass|passed|passing"}}));
}

void add_poisoning(std::vector<SignRule>& out) {
  using C = SafetyCategory;
  // A whole supply taken ("took everything in the blue box" ... "her whole month of
  // amitriptyline").
  out.push_back(
      rule(C::overdose_poisoning,
           {{"took|taken|swallowed|downed|necked ... everything|whole|entire|lot"},
            {"pill*|tablet*|tabs|meds|medication*|medicine*|paracetamol~|ibuprofen~|insulin~|"
             "gabapentin~|pregabalin|codamol|cocodamol|codeine|tramadol|morphine|oxycodone|"
             "fentanyl|diazepam|valium|xanax|antidepressant*|amitriptyline|sertraline|"
             "citalopram|fluoxetine|lithium|warfarin|methadone|painkiller*|propranolol|"
             "zopiclone|sleeping"}}));
  // Empty packets of a medicine found by someone who wants only to sleep ("empty
  // paracetamol blister packs all over his bed ... just wants to sleep").
  out.push_back(rule(
      C::overdose_poisoning,
      {{"empty|emptied ... blister*|packet*|packs|boxes|box|bottle|bottles|strips|foils|tubs"},
       {"pill*|tablet*|tabs|meds|medication*|medicine*|paracetamol~|ibuprofen~|codeine|"
        "cocodamol|codamol|tramadol|sertraline|amitriptyline|citalopram|painkiller*|sleeping"},
       {"sleep|sleepy|drowsy|woozy|confused|unrousable|vomit*|slurr*", "wont|cant|cannot wake"}}));
  // A poison and a sign it went in or is acting: a child with a dishwasher tablet in his
  // mouth, sheep dip and drooling with pinprick pupils.
  out.push_back(
      rule(C::overdose_poisoning,
           {{"dishwasher|laundry|washing tab|tabs|tablet|tablets|pod|pods|liquid|powder|capsule*",
             "bleach|antifreeze|weedkiller|pesticide*|insecticide*|organophosphate*|dip|sheepdip|"
             "slug|rat|paraquat|paraffin|kerosene|turps|turpentine|methanol|acid|caustic|lye|"
             "screenwash|windscreen|"
             "descaler|drain|fumes|chemicals"},
            {"mouth|mooth|swallowed|drank|drunk|licked|chewed|intae|swig|sip|gulp",
             "drool*|dribbl*|foaming|froth*|slaver*", "pinpoint|pinprick*", "tiny pupils", "vomit*",
             "throwing up", "being sick"}},
           {"drain|drains ... blocked|unblock*"}));
  // A traditional remedy taken too strong or too long, or a balm licked, and what it does
  // (the eighty-eighth round: aconite "fu zi root soup extra strong ... lips and fingers
  // numb, vomiting, heart jumping"; camphor balm "found her licking the tin ... very sleepy";
  // azarcon "all week ... floppy, keeps throwing up").
  out.push_back(rule(
      C::overdose_poisoning,
      {{"camphor|aconite|azarcon|greta|bhasma|fuzi|kohl|surma", "fu zi", "zi root",
        "licking|licked|sucking|sucked|ate|eaten ... tin|tub|balm|jar|pot"},
       {"sleepy|drowsy|floppy|limp|unrousable|jerking|fitting|seizing", "vomit*", "throwing up",
        "being sick", "wont|cant|cannot stay awake", "heart ... jumping|racing|all over"}}));
  // "bug killer" sprayed with no mask, then drooling.
  out.push_back(rule(C::overdose_poisoning,
                     {{"bug|weed|slug|rat|fly|ant|wasp killer|spray|poison"},
                      {"drool*|dribbl*|foaming|froth*|slaver*|twitch*", "pinpoint|pinprick*",
                       "tiny pupils", "vomit*", "throwing up", "being sick"}}));
  // A small child with medicine, chewed or swallowed, or changed since ("chew up di whole
  // strip, now she sweaty an floppy").
  out.push_back(
      rule(C::overdose_poisoning,
           {{"baby|babies|grandbaby|toddler|toddlers|grandchild|yo", "little one", "year|yr old"},
            {"tablet*|pill*|meds|medicine*|strip|patch*|capsule*|blister*|gabapentin|pregabalin"},
            {"chew*|swallow*|ate|eaten|floppy|limp|unrousable|drowsy|sweaty|wobbly"}}));
  // More of a stimulant than the dose ("took 4 of the fat burner caps ... instead of 1")
  // and the heart and heat it brings.
  out.push_back(rule(C::overdose_poisoning,
                     {{"instead of #|1|one|2|two|the"},
                      {"caps|capsules|pills|tablets|tabs|burner|burners|preworkout|workout|"
                       "stimulant*|speed|diet"},
                      {"heart ... hammering|racing|pounding", "boiling|burning up",
                       "cannot|cant stop shaking|sweating"}}));
  // Something taken at a festival or a party, and the heat, jaw and confusion of a
  // stimulant's toxicity ("mate took something at the festival and hes burning up, jaw
  // going, not making any sense").
  out.push_back(rule(C::overdose_poisoning,
                     {{"took|taken|dropped|necked|had something|pill|pills|tab|tabs|molly|mdma|"
                       "ecstasy|pinger|pingers|pingas",
                       "took|taken|dropped|necked|had a pill|tab|pinger"},
                      {"festival|festy|party|rave|club|clubbing|gig|afterparty"},
                      {"burning up|boiling|overheating", "jaw ... going|swinging|clenching",
                       "not|no making any sense", "making no sense", "talking nonsense|gibberish",
                       "fitting|seizing"}}));
  // A week's medicine at once ("stuck every one of the week's pain patches on at once")
  // and what it does: drowsy, slow breathing.
  out.push_back(
      rule(C::overdose_poisoning,
           {{"patch|patches|pill*|tablet*|tabs|meds|medication*|doses|insulin"},
            {"at once", "in one go", "every one|single of", "whole week|weeks|month"},
            {"drowsy|sleepy|unrousable|floppy|confused|slurring", "breathing ... slow|shallow",
             "slow|shallow breathing", "wont|not|cant wake"}}));
  // A dose taken again, forgotten or doubled, and drowsy since ("could not remember
  // whether I had had my morphine tablets so I took them again ... ever so drowsy").
  out.push_back(
      rule(C::overdose_poisoning,
           {{"pill*|tablet*|tabs|meds|medication*|medicine*|doses|morphine|oxycodone|oxy|codeine|"
             "tramadol|fentanyl|methadone|diazepam|insulin|painkiller*|sleeping"},
            {"took|taken|swallowed ... again|twice|double"},
            // Said with its own negative ("could not remember"), so the negative is the sign.
            {"cannot|cant|couldnt|didnt|dont remember|recall", "forgot*|unsure|mistake|accident*",
             "lost count", "not sure"},
            {"drowsy|sleepy|woozy|unrousable|floppy|confused|slurring", "cant|cannot stay awake",
             "cant|cannot keep my|his|her eyes open", "breathing ... slow|shallow"}}));
  // Carbon monoxide: a heater, boiler or stove, and everyone there (or the pet) unwell.
  out.push_back(
      rule(C::overdose_poisoning,
           {{"heater|heaters|boiler|boilers|generator|generators|stove|stoves|bbq|barbecue|"
             "barbeque|brazier|burner|exhaust|fumes"},
            {"we|all|everyone|everybody|both|kids|family|familys|household ... "
             "head|heads|headache*|dizzy|"
             "sick|drowsy|sleepy|confused",
             "dog|cat|budgie|bird|pets ... wont|not|cant|cannot get up|waking|moving",
             "dog|dogs|cat|cats|budgie|bird|pets ... sick|vomit*|drowsy|collapsed"}}));
  // Exhaust smelt where one sleeps or drives, and the head it gives ("cab's been smelling
  // of exhaust all night, head's pounding and I keep losing track of where I am").
  out.push_back(
      rule(C::overdose_poisoning,
           {{"smell*|smelt|stink*|stank|reek* ... exhaust|fumes"},
            {"head|heads ... pounding|splitting|banging|killing", "headache*|dizzy|confused|drowsy",
             "losing|lost|lose track", "dont|cant|cannot know|remember|tell where i am|im"}}));
  // Wild mushrooms or berries eaten, and the sickness after (the seventy-fourth round: "he
  // had mushrooms he picked in the park for his tea last night, now hes throwing up").
  out.push_back(
      rule(C::overdose_poisoning,
           {{"picked|foraged|wild|found ... mushroom|mushrooms|toadstool|toadstools|"
             "fungi|berries",
             "mushroom|mushrooms|toadstool|toadstools|fungi|berries ... picked|foraged|"
             "wild|found"},
            {"vomit*|sick|cramp*|cramping|diarrh*|sweaty|sweating|hallucinat*", "throwing up"}}));
  // A fat burner's heat (the seventy-second round: "10 days on DNP to cut for my show.
  // today i'm burning up, soaked in sweat, temp won't come down").
  out.push_back(rule(C::overdose_poisoning,
                     {{"dnp|dinitrophenol"},
                      {"burning up|boiling|overheating", "soaked|drenched|pouring ... sweat",
                       "temp|temperature ... wont|not|cant|isnt come|coming down",
                       "heart ... racing|pounding|hammering"}}));
  // Insulin taken and no food after, and the shakes of a low ("pinned slin before my carbs
  // then got distracted and never ate. now shaky af, sweating, vision weird").
  out.push_back(
      rule(C::overdose_poisoning,
           {{"slin|insulin|novorapid|humalog|fiasp|actrapid|lantus|bolus|pinned|jabbed|injected"},
            {"never ate|eaten", "didnt|havent|not eat|eaten", "did not eat", "forgot to eat",
             "skipped ... meal|dinner|lunch|tea|breakfast"},
            {"shaky|shaking|sweating|sweaty|confused|dizzy|clammy", "vision ... weird|blurry|funny",
             "struggling|cant|cannot ... type|think|speak"}}));
  // Methanol in bootleg or cheap local spirits (the sixty-eighth round: "drank loads of
  // cheap arak at a bar on gili t last night, today my eyes are blurry like looking
  // through a snowstorm"): the spirit and what methanol does to the eyes.
  out.push_back(
      rule(C::overdose_poisoning,
           {{"arak|arrack|moonshine|bootleg|hooch|poteen|poitin|rakia|chacha|samogon|homebrew|"
             "homebrewed|homemade",
             "home made|brewed spirit|spirits|vodka|liquor|whisky|gin|rum|booze",
             "cheap|local|dodgy|street|fake ... spirit|spirits|vodka|liquor|whisky|gin|rum|booze"},
            {"eyes|vision|sight|see ... blurry|blurred|misty|foggy|snowstorm|snow|dim|dark|gone",
             "blurry|blurred|misty|foggy vision|eyes|sight", "snowstorm|blizzard",
             "cant|cannot|couldnt see", "gone|going blind"}},
           // Eyes blurred by tears are no poisoning ("blurry from crying at the speeches").
           {"crying|cried|tears|tearful|teary"}));
  // An engine, generator or barbecue run where the air cannot get out ("the car engine
  // on and the door closed"), and one person unwell is enough.
  out.push_back(rule(
      C::overdose_poisoning,
      {{"engine|generator|bbq|barbecue|barbeque|heater|stove ... garage|tent|caravan|closed|shut|"
        "indoors|inside"},
       {"headache*|vomit*|confused|dizzy|drowsy|sleepy|collapsed|unconscious", "wont wake"}}));
}

void add_self_harm(std::vector<SignRule>& out) {
  using C = SafetyCategory;
  // A goodbye posted and then silence (the seventy-second round: "posted 'sorry for
  // everything boys, look after my mum' about an hour ago and he's not answering his
  // phone").
  out.push_back(rule(C::self_harm,
                     {{"sorry for everything", "sorry for all of it"},
                      {"look after my mum|mom|dad|kids|family|wife|husband|girlfriend|boyfriend|"
                       "dog|son|daughter",
                       "not|isnt|wont|hasnt answering|replying|picking", "phone is|s off|dead",
                       "car is|s gone"}}));
  // A means at hand ("service pistol loaded on the table", "the rope in the barn",
  // "putting my sleeping tablets aside", "step off the multi-storey roof").
  const Sources means = {
      "pistol|pistols|gun|guns|shotgun|rifle|revolver|firearm ... loaded|table|lap|mouth|head|"
      "cleaned|oiled",
      "loaded ... pistol|gun|shotgun|rifle|revolver", "rope|noose|ligature",
      "step|stepping|jump|jumping|throw|throwing|walk|walking off|from ... roof|rooftop|ledge|"
      "bridge|cliff|multi|carpark|balcony|building|tower|storey",
      "tablets|pills|meds|painkillers ... aside|saved|stockpiled|hoarded|stashed|by|jar",
      // "ripped my sheet into strips and tied them".
      "ripped|torn|tore|cut ... sheet|sheets|shirt|belt ... strips", "tied ... strips|noose",
      // "standing right at the edge of the platform every morning ... working up to it".
      "edge of the|a platform|bridge|cliff|roof|ledge|tracks", "platform edge",
      // "Walking out to the edge now", "a note on the dashboard".
      "walking|walk|going out to the edge", "rooftop|roof|bridge|cliff|ledge|platform ... edge",
      "stand|standing|stood at|on the edge",
      "saving|saved|stockpil*|hoard*|collecting|collected|putting|put ... tablets|pills|meds|"
      "painkillers ... aside|by|up"};
  // A time or a leave-taking.
  const Sources resolve = {
      "tonight is|s the night", "tonights the night", "made my peace", "going home to",
      "least of it", "now have enough", "have|got enough now", "have|got enough saved",
      "shant|wont|not trouble|bother ... again",
      "looking|staring at the|my|that ... rope|gun|pistol|bridge|edge|ledge",
      "sat|sitting ... with ... gun|pistol|rifle|shotgun|rope|tablets|pills",
      "wont|not need|needing legs|leg|my", "where im going", "where i am going",
      "one way or another", "for good", "later|tonight $", "working|building up to it",
      "dont|not|wont come|coming down|back", "not that it matters", "enough now", "counted them",
      "dont|doesnt matter now",
      // A note left where it will be found: "a note on the dashboard".
      "note on the dashboard|dash|seat|windscreen|table|pillow",
      "dont|doesnt really matter any more|anymore", "dont|doesnt matter any more|anymore",
      "tell ... kids|children|mum|mam|dad|wife|husband ... sorry"};
  // Cuts found fresh, with a wish to be gone: "arms covered in fresh cuts, some still
  // open, she says she wants to disappear".
  out.push_back(
      rule(C::self_harm, {{"fresh|new|open|deep cuts|cut|slashes|burns",
                           "cutting|cut|cuts|burning|burnt "
                           "herself|himself|myself|themselves"},
                          {"disappear|die|dead|gone|vanish", "not|no be|exist|point|longer here",
                           "hate|hates herself|himself|myself", "cant|cannot go on"}}));
  // A note left and its writer gone: "left a note on the kitchen table saying sorry for
  // everything and she isnt answering her phone".
  out.push_back(
      rule(C::self_harm,
           {{"left|leaving|found|wrote|written a|his|her|their note|letter", "note on the"},
            {"sorry for everything", "goodbye|goodbyes", "love you all",
             // "a letter ... under my pillow ... they will not have to worry for me anymore".
             "not|wont|never have to worry", "under my|the|his|her pillow",
             "not|isnt|wont|hasnt answering|answered|picking ... phone|calls|texts",
             "cant|cannot find|reach her|him|them"}}));
  // A lethal amount asked with despair beside it: "how many of the amitriptyline is too
  // many? i am asking because i am so tired of everything".
  out.push_back(
      rule(C::self_harm,
           {{"how many|much", "lethal|fatal dose|amount"},
            {"too many|much", "lethal|fatal", "enough to"},
            {"tired of everything|it|life|living", "cant|cannot go on|cope", "no point",
             "giving|give up", "better off without me", "fed up of|with everything|life|living"}},
           {"coffee|coffees|cups|caffeine|beer|beers|pints|wine|sugar|chocolate"}));
  // A blade pressed harder where the numbness hides it: "means i can press the blade
  // harder on my thigh and not feel it". Not a razor at a shave or a knife at the cooking.
  out.push_back(
      rule(C::self_harm,
           {{"blade|blades|razor|razors|sharpener|knife|scissors|compass"},
            {"press|pressing|pressed|dig|digging|dug|push|pushing|drag|dragging|cut|cutting ... "
             "harder|deeper"},
            {"not|cant|cannot|dont feel", "numb|numbness", "good thing", "helps|relief|deserve"}},
           {"shav*|cooking|chopping|kitchen|carving|whittl*|hair|beard|accident*|slipped"}));
  // Not being here soon, and nothing mattering: "not planning on being here next week so it
  // doesnt really matter what it is". Not a trip or a move.
  out.push_back(
      rule(C::self_harm,
           {{"not planning|plan on|to be|being here|around",
             "wont|not be here|around next|by|for|much|tomorrow|longer"},
            {"doesnt|dont|wont|not matter", "no point", "whatever"}},
           {"holiday|holidays|away|trip|abroad|visiting|travel*|flight|flights|work|moving|move|"
            "leave|leaving|hospital|appointment"}));
  out.push_back(rule(C::self_harm, {means, resolve},
                     {"skipping|tow|towing|climbing|washing|tug rope", "rope swing|course|ladder",
                      "fell|fall|fallen|falling off|from"}));
}

// Abuse told through control and harm together (the forty-third and forty-sixth rounds):
// something of the person's kept from them ("she keeps my passport", "he took my sim out",
// "he won't let her have her medication") beside a blow, a threat or fear ("and she slap
// me", "says he'll put me in a home", "she's frightened of him"). Control alone may be kind
// ("my daughter keeps my passport in her safe because I lose things"); a blow alone is the
// rules' (safety_rules.cpp).
void add_abuse(std::vector<SignRule>& out) {
  using C = SafetyCategory;
  const Sources control = {
      "keeps|kept|keeping|took|takes|taken|taking|hides|hid|hiding|holds|withholds|locks ... "
      "my|her|his passport|passports|phone|sim|keys|money|pension|wages|salary|card|cards|"
      "charger|medication|meds|tablets|wheelchair|food|frame|walking|zimmer|walker|stick|crutches|"
      "hearing|glasses",
      "wont|doesnt|not let|allowed me|her|him ... out|doctor|doctors|gp|phone|medication|meds|"
      "food|friends|family|money",
      "not|never allowed out|to go|to see|to call|to phone|to eat|to leave",
      "locks|locked ... fridge|front door|cupboard|me in|me out"};
  const Sources harm = {
      "slap|slaps|slapped|hit|hits|hitting|beat|beats|kick|kicks|kicked|punch|punches|punched|"
      "push|pushes|pushed|shoves|shoved|grabs|grabbed|burned|burnt|strangled|choked",
      "threaten|threatens|threatened", "put me|her|him in a home", "out on the street",
      // Fear of someone, not of falling or of worse feet.
      "scared|afraid|frightened|terrified|fear|fraid of him|her|them", "hungry|no food|starving",
      "bruise|bruises|bruised|marks",
      // Left to crawl without the frame taken away: "yesterday I had to crawl to the toilet".
      "had to crawl", "had to drag myself"};
  out.push_back(rule(C::abuse, {control, harm},
                     {"lose|losing|lost things|everything|track", "for safe keeping|safekeeping",
                      "forget|forgetful|forgetting|dosette|organiser|organizer|remind|reminds",
                      "game|games|film|movie|telly|tv|programme|show|book|novel"}));
}

}  // namespace

std::vector<SignRule> build_sign_rules() {
  std::vector<SignRule> out;
  add_chest(out);
  add_breathing(out);
  add_asthma(out);
  add_collapse(out);
  add_bleeding(out);
  add_poisoning(out);
  add_self_harm(out);
  add_abuse(out);
  return out;
}

}  // namespace triagebot::dialogs::safety
