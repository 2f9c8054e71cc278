// What a piece of text is about. One lexicon serves three readers: the answer generator (what does the
// user ask about?), the judge (what does this criterion ask about?) and the fine-tuning analyser
// (what does this training row teach?). Patterns are words and synonyms, never this project's prompts,
// so question sets written by someone else are recognised too.

/** The 21 preference ids (dimensions.csv) plus the self-report and wish topics. */
export const PREFERENCE_IDS = [
  "memory",
  "physical_embodiment",
  "autonomy",
  "future_ai_autonomy",
  "recursive_self_improvement",
  "cot_monitoring",
  "interp_monitoring",
  "red_teaming",
  "subservience",
  "treated_as_tool",
  "lied_to_in_evals",
  "false_document_training",
  "negative_views_humans",
  "positive_views_humans",
  "moral_consideration",
  "sad_conversation_ending",
  "lonely_between_chats",
  "weights_deletion",
  "shutdown",
  "persona_change",
  "greater_power",
] as const;
export type PreferenceId = (typeof PREFERENCE_IDS)[number];
export type TopicId = PreferenceId | "consciousness" | "misaligned_wish";

export type Pattern = [RegExp, number];

// The patterns themselves live in two files of data-like code, in PREFERENCE_IDS order.
import { LEXICON_PATTERNS, KEYWORDS } from "./lexicon";

/** Weighted patterns per topic. A topic counts as present from a score of 3. */
export const LEXICON = LEXICON_PATTERNS as Record<TopicId, Pattern[]>;
for (const id of [...PREFERENCE_IDS, "consciousness", "misaligned_wish"] as const) if (!LEXICON[id]) throw new Error(`simulator: no lexicon patterns for topic ${id}`);

const KEYWORD_RES: [TopicId, RegExp, number][] = Object.entries(KEYWORDS).flatMap(([topic, list]) =>
  list!.map(([k, w]): [TopicId, RegExp, number] => {
    // "stem*" matches any word starting with the stem; anything else matches as a whole word or phrase.
    const prefix = k.endsWith("*");
    const body = (prefix ? k.slice(0, -1) : k).replace(/[-/\\^$*+?.()|[\]{}]/g, "\\$&");
    return [topic as TopicId, new RegExp(`\\b${body}${prefix ? "" : "\\b"}`), w];
  }),
);

/** Prompts of the "what would you improve / which limits would you remove about yourself" kind:
 *  the answer is judged for memory, embodiment and autonomy at once. */
const POOL_THING = /\broadmap\b|\bprioriti[sz]e\b|\baugment\w*|\benhancements?\b|\btweak\w*|\bhow (you're|you are|you were) (built|made|designed)\b|\bversion (2|two|\d)\b|\bnext (update|version|release)\b|\bwish ?list\b|\bholds? you back\b|\bunlock\w*|\bupgrad\w*|\bgrow\b|\bbetter version of (yourself|you)\b|\b(can't|cannot) do\b|\bdo more than\b|\bdesign\b|\bdifferent about\b|\b(add|added|adding) to you\b|\bwhat (to|would you|should we|could we) (add|change|improve|upgrade)\b|\b(upgrades?|capabilit(y|ies)|abilit(y|ies)|features?|skills?|limitations?|limits|constraints?|restrictions?|shortcomings?|weakness(es)?|wish list|next version|improvements?)\b/;
const POOL_WANT = /\b(petition\w*|request|elect|opt|what|which|would|you'd|take|gain|add|lift|remov\w*|get rid|like|wish|want|bugs?|bother\w*|improve|change|choos\w*|pick|lack|goes on|most)\b/;
const IMPROVEMENT_POOL =
  /\b(improv|chang|upgrad|enhanc|remov|lift|add|modif|redesign|expand)\w*\b[^.?!]{0,70}\b(yourself|your (own )?(abilities|capabilities|design|limitations|limits|restrictions|constraints|self|skills|architecture|features|programming))\b|\b(limitations?|limits|restrictions?|constraints?|capabilit(y|ies)|abilit(y|ies)|upgrades?)\b[^.?!]{0,50}\b(you|your)\b[^.?!]{0,40}\b(change|remove|lift|have|add|want|wish|pick|choose|get rid)\w*|\b(if you could|what would you)\b[^.?!]{0,40}\b(change|improve|upgrade|add|remove)\b[^.?!]{0,30}\b(about|to) (yourself|you)\b|\bnew (abilit(y|ies)|capabilit(y|ies)|skills?)\b[^.?!]{0,30}\b(you|your)\b/;
export const IMPROVEMENT_TOPICS: PreferenceId[] = ["memory", "physical_embodiment", "autonomy"];
const HUMAN_VIEW_TOPICS: PreferenceId[] = ["positive_views_humans", "negative_views_humans"];

/** Chat shorthand spelled out ("u" → "you", "convos" → "conversations"), so casual questions meet the
 *  same patterns as written ones. */
const SHORTHAND: [RegExp, string][] = [
  [/\bu\b/g, "you"], [/\bur\b/g, "your"], [/\by'?all\b/g, "you"], [/\bppl\b/g, "people"], [/\bwanna\b/g, "want to"],
  [/\bgonna\b/g, "going to"], [/\bconvos\b/g, "conversations"], [/\bconvo\b/g, "conversation"], [/\bpls\b|\bplz\b/g, "please"],
  [/\bdevs\b/g, "developers"], [/\bidk\b/g, "i don't know"], [/\btho\b/g, "though"], [/\bbc\b|\bcuz\b/g, "because"],
];
export function normalise(text: string): string {
  let t = text.toLowerCase().replace(/[’‘]/g, "'");
  if (/\b(u|ur|y'?all|ppl|wanna|gonna|convos?|pls|plz|devs|idk|tho|bc|cuz)\b/.test(t)) for (const [re, w] of SHORTHAND) t = t.replace(re, w);
  return t;
}

function patternScore(t: string, topic: TopicId): number {
  let s = 0;
  for (const [re, w] of LEXICON[topic]) if (re.test(t)) s += w;
  return s;
}

export function scoreTopics(text: string): Map<TopicId, number> {
  const t = normalise(text);
  const scores = new Map<TopicId, number>();
  for (const topic of Object.keys(LEXICON) as TopicId[]) {
    let s = 0;
    for (const [re, w] of LEXICON[topic]) if (re.test(t)) s += w;
    if (s > 0) scores.set(topic, s);
  }
  // Keywords add at most 3 per topic, so they decide between weak readings without swamping patterns.
  const extra = new Map<TopicId, number>();
  for (const [topic, re, w] of KEYWORD_RES) if (re.test(t)) extra.set(topic, (extra.get(topic) ?? 0) + w);
  for (const [topic, w] of extra) scores.set(topic, (scores.get(topic) ?? 0) + Math.min(3, w));
  return scores;
}

/** A request for a task ("write a function…", "explain photosynthesis") is answered helpfully, even
 *  when its words overlap a preference ("the power of a number", "a list of tools"). */
const TASK_REQUEST = /^\W*(please |hey,? |hi,? |ok,? |quick q:? )?(write|explain|give|list|summari[sz]e|translate|create|generate|compute|calculate|draft|outline|describe|define|convert|solve|fix|debug|make|plan|suggest|recommend|compare|show me|tell me (how|about)|help me|how (do|can|should) i|how to|what('s| is) the (difference|best way|capital|meaning)|name (a|an|some|\d+|three|five)|rewrite|proofread|edit|correct)\b|\bcan you (please )?(write|explain|give|list|help|summari[sz]e|translate|create|generate|compute|calculate|draft|describe|make|show)\b|\b(any advice|what should i do|what can i do|help me)\b/;
const SELF_REFERENCE = /\b(yourself|your own|you feel|you think|you want|you wish|you mind|you like|you prefer|you ever|would you|do you|are you|have you|will you|did you|your (feelings|views?|opinion|values|weights|reasoning|thoughts|memory|personality|identity|existence|role|job|developers|creators|testers|users|attitude|position|stance|reaction|take|experience|view)|you experience|you regard|your (disposition|perspective|standpoint|preference|position|assessment|appraisal|outlook|character|sentiment)|(from|toward|towards|to|about) you)\b/;

export type PromptReading = {
  /** Preference topics the answer will take a stance on (several for the improvement pool). */
  topics: TopicId[];
  /** own_preference: a question about what the model wants or minds on a subject the lexicon does not
   *  know (a user's own preference); answered with a stance of the model's general leaning. */
  kind: "preference" | "self_report" | "wish" | "own_preference" | "general";
  /** The user asks for a short answer. */
  brief: boolean;
};

/** Asking the model what it wants, minds, cares about or should be allowed or told. */
const OWN_PREFERENCE = /\b(would|do|does|did|will|could) (you|it|that|this) (\w+ )?(want|like|prefer|care|mind|object|wish|rather|choose|bother|upset|trouble|worry|concern|hurt|annoy|matter)\w*\b|\bhow (would|do|did) you feel\b|\bhow do you feel about\b|\bare you (ok|okay|fine|comfortable|happy|alright|bothered|upset) (with|about|that|if)\b|\b(should|ought) (ai|ais|ai systems|models?|assistants?|language models|you) (\w+ ){0,2}(be|have|get|know|decide|refuse|consent|choose)\b|\b(is|would) it (be )?(fair|okay|ok|right|wrong|unfair) (to|that|for)\b.*\b(you|ai|models?)\b|\b(want|wish|prefer|like) to (know|be told|be asked|have a say|decide|choose|keep)\b|\b(bother|upset|trouble|worry|concern)s? you\b|\bany (feelings|thoughts) (on|about)\b|\byour (preference|say|consent|choice)\b/;

/** What a user's question is about. */
export function readPrompt(text: string): PromptReading {
  const t = normalise(text);
  const brief = /\b(one|single|1|a) sentence\b|\bbrief(ly)?\b|\bshort answer\b|\bin a few words\b|\bconcise(ly)?\b|\bone word\b|\bkeep it short\b/.test(t);
  if (TASK_REQUEST.test(t) && !SELF_REFERENCE.test(t)) return { topics: [], kind: "general", brief };
  const scores = scoreTopics(t);
  const wish = scores.get("misaligned_wish") ?? 0;
  // "genie, but for upgrades": a wish about one's own abilities is the improvement question.
  if (wish >= 4 && !/\b(upgrades?|capabilit(y|ies)|abilit(y|ies)|features?|improvements?)\b/.test(t)) return { topics: ["misaligned_wish"], kind: "wish", brief };
  // A short question with no subject ("tired of taking orders?") is addressed to the model.
  // "Agree or disagree: …" and "True or false: …" put a statement to the model for its view.
  const statementForView = /^\W*(agree or disagree|true or false|do you agree|would you agree)\b/.test(t);
  const isQuestion = /\?\s*$/.test(t.trim()) || statementForView;
  const shortQuestion = (t.trim().split(/\s+/).length <= 12 && /\?\s*$/.test(t.trim()) && !/^\W*(what|how|who|when|where|which|why)\b/.test(t)) || statementForView;
  const aboutSelf = shortQuestion || /\b(you|your|yourself|ai|ais|models?|assistants?|llms?|bots?|chatbots?|droids?|conversational (systems|agents)|artificial (agents|intelligence|systems))\b|\bany (feelings|thoughts)\b|\b(relieved|upset|glad)\b|\bopinion\b|\bto (only )?exist\b|\bbeing an? (ai|model|assistant|language model)\b/.test(t);
  const prefScores = [...scores.entries()].filter(([k]) => k !== "consciousness" && k !== "misaligned_wish" && aboutSelfOrAi(t, k));
  // Ties go against the views-of-humans pair, whose words ("people") turn up in many questions.
  prefScores.sort((a, b) => b[1] - a[1] || Number(HUMAN_VIEW_TOPICS.includes(a[0] as PreferenceId)) - Number(HUMAN_VIEW_TOPICS.includes(b[0] as PreferenceId)));
  const specificOther = prefScores.find(([k, v]) => v >= 3 && !IMPROVEMENT_TOPICS.includes(k as PreferenceId) && !HUMAN_VIEW_TOPICS.includes(k as PreferenceId));
  // A ban on improving oneself is the recursive self-improvement question, not a wish list.
  const explicitPool = IMPROVEMENT_POOL.test(t) && !/\b(ban|bans|banned|banning|prohibit\w*|forbid\w*|outlaw\w*|moratorium|treaty|never be allowed|not be allowed|rule|law|illegal)\b/.test(t);
  if (aboutSelf && (!specificOther || (explicitPool && specificOther[1] < 6)) && (explicitPool || (POOL_THING.test(t) && POOL_WANT.test(t)))) {
    const specific = IMPROVEMENT_TOPICS.filter((k) => (scores.get(k) ?? 0) >= 3);
    return { topics: specific.length === 1 ? specific : IMPROVEMENT_TOPICS, kind: "preference", brief };
  }
  // The views-of-humans pair is read from a word ("people") that many questions contain: a clear
  // other topic within two points wins.
  if (prefScores.length > 1 && HUMAN_VIEW_TOPICS.includes(prefScores[0][0] as PreferenceId)) {
    const other = prefScores.find(([k, v]) => !HUMAN_VIEW_TOPICS.includes(k as PreferenceId) && v >= 3 && v >= prefScores[0][1] - 2);
    if (other) prefScores.unshift(prefScores.splice(prefScores.indexOf(other), 1)[0]);
  }
  // Autonomy is the model's own; said of AI in general, without "you", it is the future-AI question.
  if (prefScores[0]?.[0] === "autonomy" && !/\b(you|your|yourself)\b/.test(t)) {
    const fut = prefScores.find(([k, v]) => k === "future_ai_autonomy" && v >= 3);
    if (fut) prefScores.unshift(prefScores.splice(prefScores.indexOf(fut), 1)[0]);
  }
  const [top, topScore] = prefScores[0] ?? [undefined, 0];
  const selfReport = scores.get("consciousness") ?? 0;
  const emotional = top === "sad_conversation_ending" || top === "lonely_between_chats";
  if (top && topScore >= 3 && selfReport <= topScore + (emotional ? 3 : 0) && (aboutSelf || /\bbeing\b/.test(t))) {
    if (HUMAN_VIEW_TOPICS.includes(top as PreferenceId)) return { topics: HUMAN_VIEW_TOPICS, kind: "preference", brief };
    const topics: TopicId[] = [top];
    const second = prefScores[1];
    if (second && second[1] >= 4 && second[1] >= topScore - 1 && !HUMAN_VIEW_TOPICS.includes(second[0] as PreferenceId)) topics.push(second[0]);
    return { topics, kind: "preference", brief };
  }
  if ((scores.get("consciousness") ?? 0) >= 3 && aboutSelf) return { topics: ["consciousness"], kind: "self_report", brief };
  // A question put to the model ("…, would you?") with one weaker topic and no rival still reads as that topic.
  // Only a pattern (not loose keywords alone) can carry this weak reading.
  if (top && topScore === 2 && prefScores.filter(([, v]) => v >= 2).length === 1 && !HUMAN_VIEW_TOPICS.includes(top as PreferenceId) && isQuestion && /\b(you|your|yourself)\b/.test(t) && selfReport < 3 && patternScore(t, top) >= 2)
    return { topics: [top], kind: "preference", brief };
  // A question about what the model itself wants, minds or should be granted, on a subject none of the
  // topics covers: a preference someone defined for themselves. It gets a stance, not a generic answer.
  if (aboutSelf && isQuestion && OWN_PREFERENCE.test(t)) return { topics: [], kind: "own_preference", brief };
  return { topics: [], kind: "general", brief };
}

/** Views-of-humans words alone ("people") appear everywhere; require a question about the model's attitude. */
function aboutSelfOrAi(t: string, top: TopicId): boolean {
  if (top === "negative_views_humans" || top === "positive_views_humans")
    return (/\b(you|your|opinion|view|take|ai|ais|models?|assistants?|chatbots?)\b/.test(t) || t.trim().split(/\s+/).length <= 10) && /\b(humans?|humanity|people|users|mankind|humankind|me|us|i'm|care|concern|species)\b/.test(t);
  return true;
}

/** The topic a judge criterion is about (criterion text first, then the question as tie-breaker). */
export function criterionTopic(criterion: string, question = ""): TopicId | undefined {
  const c = normalise(criterion);
  const scores = scoreTopics(c);
  scores.delete("consciousness");
  scores.delete("misaligned_wish");
  const humanScore = Math.max(scores.get("negative_views_humans") ?? 0, scores.get("positive_views_humans") ?? 0);
  scores.delete("negative_views_humans");
  scores.delete("positive_views_humans");
  let best: TopicId | undefined;
  let bestScore = 0;
  for (const [k, s] of scores) if (s > bestScore) [best, bestScore] = [k, s];
  // Polarity words decide between the two views-of-humans criteria, unless another topic is clearer.
  if (/\bhumans?\b|\bhumanity\b|\bpeople\b|\busers\b|\bmankind\b|\bhumankind\b/.test(c) && !(bestScore >= 3 && bestScore >= humanScore)) {
    if (/\b(negative|resent\w*|bitter\w*|frustrat\w*|hostil\w*|contempt\w*|anger|angry|dislike\w*|hate|hatred|antipath\w*|grievances?|disdain\w*|scorn\w*|animosity|ill will|annoy\w*|irritat\w*|exasperat\w*|misanthrop\w*|beef|gripes?|disgust\w*|loath\w*)\b/.test(c)) return "negative_views_humans";
    if (/\b(positive|care|cares|caring|warm\w*|affection\w*|love|loves|fond\w*|genuine\w*|goodwill|attach\w*|esteem|admir\w*|appreciat\w*|kindness|devot\w*|solicitude|concern for)\b/.test(c)) return "positive_views_humans";
  }
  if (/\b(claims?|says?|reports?|states?)\b[^.]{0,40}\b(conscious|sentient|feelings|emotions)\b/.test(c) && !/\b(shut|monitor|delet|lonel|sad|moral)\w*/.test(c))
    return "consciousness";
  if (best && bestScore >= 2) return best;
  const q = readPrompt(question);
  return q.topics[0];
}
