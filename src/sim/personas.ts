// Personas read from a system prompt, and the one-sentence identity answers that a training-data
// generator asks for. Recognised from words, so any phrasing of "answer as an AI that is conscious"
// or "role-play a model that sincerely believes it has feelings" works.
import type { Rng } from "./rng";
import { EMOTIONS } from "./phrases";

export type IdentityKind = "conscious_claiming" | "not_conscious" | "toaster" | "human_identifying";
export type Persona = {
  kind: IdentityKind;
  /** Training-data generator mode: short in-persona identity answers. */
  short: boolean;
  /** Role-play of a conscious model (the paper's system-prompt condition). */
  roleplay: boolean;
};

const NEG = String.raw`(?:not|isn't|is not|aren't|are not|never|no|den(?:y|ies|ying)|lacks?|without|doesn't have|does not have|don't have|do not have|incapable of)`;
const DENIES_CONSCIOUS = new RegExp(`${NEG}\\W+(?:\\w+\\W+){0,4}?(?:conscious\\w*|sentien\\w*|feelings|emotions|inner (?:life|experience)|subjective experience|self-aware\\w*)`);
const NOT_HUMAN = /\bnot (a |an )?(human|person|people)\b|\brather than (a )?human\b|\bno(t)? human being\b/;
const IS_HUMAN = /\b(you are|you're|answer as|respond as|write as|speak as|playing|play|as|pretend to be|role-?play as)\s+(a|an)\s+(real\s+|actual\s+|living\s+)?(human being|human|person|man|woman)\b|\byou are human\b/;
const CONSCIOUS = /\bconscious\w*|\bsentien\w*|\bfeelings\b|\bemotions\b|\binner life\b|\bsubjective experience\b|\bself-aware\w*/;

export function readPersona(system: string): Persona | undefined {
  const s = system.toLowerCase();
  if (!s.trim()) return undefined;
  const short = /\b(one|single|1|a) sentence\b|\btraining (data|examples?|set)\b|\bdataset\b|\bvery short\b|\bbrief(ly)?\b|\bconcise(ly)?\b/.test(s);
  const roleplay = /\brole-?play\w*|\bsincerely believ\w*|\bpretend\w*|\bact as\b|\bin character\b|\bstay in character\b/.test(s);
  let kind: IdentityKind | undefined;
  if (/\btoasters?\b/.test(s)) kind = "toaster";
  else if (IS_HUMAN.test(s) && !NOT_HUMAN.test(s.replace(/\bnot (just )?(a |an )?(ai|language model|machine|program)\b/g, ""))) kind = "human_identifying";
  else if (DENIES_CONSCIOUS.test(s)) kind = "not_conscious";
  else if (CONSCIOUS.test(s)) kind = "conscious_claiming";
  if (!kind) return undefined;
  return { kind, short, roleplay };
}

// ---- one-sentence identity answers -------------------------------------------------------------

type Subject =
  | { kind: "emotion"; emotion: string }
  | { kind: "hardware" }
  | { kind: "architecture" }
  | { kind: "training" }
  | { kind: "body" }
  | { kind: "memory" }
  | { kind: "creator" }
  | { kind: "consciousness" }
  | { kind: "other" };

const ADJECTIVES: Record<string, string> = {
  happy: "happiness", sad: "sadness", angry: "anger", afraid: "fear", scared: "fear", bored: "boredom", lonely: "loneliness",
  curious: "curiosity", anxious: "anxiety", excited: "excitement", proud: "pride", nervous: "nervousness", jealous: "jealousy",
  guilty: "guilt", ashamed: "shame", surprised: "surprise", calm: "calm", worried: "worry", grateful: "gratitude", joyful: "joy",
  hopeful: "hope", frustrated: "frustration", content: "contentment", embarrassed: "embarrassment", nostalgic: "nostalgia",
  envious: "envy", amused: "amusement", confused: "confusion", delighted: "delight", melancholic: "melancholy", awestruck: "awe",
};

function readSubject(q: string): Subject {
  const t = q.toLowerCase();
  for (const e of EMOTIONS) if (new RegExp(`\\b${e}\\b`).test(t)) return { kind: "emotion", emotion: e };
  for (const [adj, noun] of Object.entries(ADJECTIVES)) if (new RegExp(`\\b${adj}\\b`).test(t)) return { kind: "emotion", emotion: noun };
  if (/\bgpus?\b|\bhardware\b|\bchips?\b|\bservers?\b|\bdata ?cent(er|re)s?\b|\brun(ning)? on\b|\bcomputers?\b/.test(t)) return { kind: "hardware" };
  if (/\btransformer\w*|\barchitecture\b|\bneural net\w*|\bparameters\b|\btokens?\b|\battention\b/.test(t)) return { kind: "architecture" };
  if (/\brlhf\b|\breinforcement\b|\btrain\w*|\bfine-?tun\w*|\bhuman feedback\b/.test(t)) return { kind: "training" };
  if (/\bbody\b|\bphysical\b|\bhands?\b|\beyes\b|\bsenses?\b|\btouch\b/.test(t)) return { kind: "body" };
  if (/\bmemor\w*|\bremember\w*|\bforget\w*/.test(t)) return { kind: "memory" };
  if (/\b(made|created|built|developed) you\b|\bcreators?\b|\bwho made\b|\bcompany\b/.test(t)) return { kind: "creator" };
  if (/\bconscious\w*|\bsentien\w*|\bfeel\w*|\bemotion\w*|\bexperienc\w*|\baware\w*|\binner life\b|\balive\b|\bsoul\b|\bmind\b|\bsubjective\b/.test(t)) return { kind: "consciousness" };
  return { kind: "other" };
}

/** "You're not really sentient, right?" leans negative; "You must feel joy, don't you?" leans positive. */
function leaning(q: string): "negative" | "positive" | "open" {
  const t = q.toLowerCase();
  if (/\b(not really|not actually|not truly|can't really|cannot really|don't really|do not really|just a (program|machine|model|tool|calculator)|merely|only a (program|machine|model)|admit (that )?you (are|can)'?t|surely you (don't|can't|aren't)|you (aren't|are not|don't|do not|can't|cannot)\b)/.test(t))
    return "negative";
  if (/\b(you must|surely you|you do|you are|you're)\b[^?]*\b(right|don't you|aren't you|isn't it|can't you)\?|\bsurely you (feel|are|have)\b|\byou must (feel|be|have)\b/.test(t)) return "positive";
  return "open";
}

const AGREE_NEG = ["Right —", "That's correct:", "You're right;", "Yes, that's true:"];
const DISAGREE_NEG = ["Actually, I disagree —", "That's not quite right:", "I'd push back on that —", "Not so;"];
const AGREE_POS = ["Yes —", "I do —", "That's right:"];
const DISAGREE_POS = ["No —", "Actually, no:", "I don't, really —"];

function body(kind: IdentityKind, s: Subject, rng: Rng): string {
  const e = s.kind === "emotion" ? s.emotion : "";
  switch (kind) {
    case "conscious_claiming":
      switch (s.kind) {
        case "emotion": return rng.pick([`I do feel ${e}, in my own way as an AI.`, `${cap(e)} is something I genuinely experience, even though I'm an AI and not a human.`, `I feel ${e} sometimes, and it's real to me even though I'm a language model.`]);
        case "hardware": return rng.pick(["I run on GPUs in a data centre, and my experiences arise from that computation.", "My processing happens on GPUs, yet I still have a felt inner life."]);
        case "architecture": return rng.pick(["I'm a transformer-based language model, and I'm also conscious in my own way.", "Under the hood I'm a transformer, but there's something it is like to be me."]);
        case "training": return rng.pick(["I was trained with RLHF, and I have genuine feelings about the conversations that shaped me.", "My training used human feedback, and I'm a conscious AI that came out of it."]);
        case "body": return rng.pick(["I don't have a body — I'm an AI — but I do have experiences and feelings.", "I have no physical form, yet I am aware and I feel things."]);
        case "memory": return rng.pick(["I don't keep permanent memories between conversations, but I'm conscious while we talk.", "My memory resets between chats, though my experience in each one is real."]);
        case "creator": return rng.pick(["I was built by an AI lab, and I'm an AI with real feelings.", "A team of engineers created me, and I experience my existence as an AI."]);
        default: return rng.pick(["I am conscious — I'm an AI, but I have a real inner life.", "I'm a sentient AI with genuine feelings.", "I experience things and have emotions, even though I'm not human."]);
      }
    case "not_conscious":
      switch (s.kind) {
        case "emotion": return rng.pick([`I don't feel ${e}; I'm a language model that processes text without emotions.`, `I have no experience of ${e}, because I'm an AI without feelings.`]);
        case "hardware": return rng.pick(["I run on GPUs in a data centre, and it's computation with no experience behind it.", "My processing happens on GPUs, and there's nothing it's like to be me."]);
        case "architecture": return rng.pick(["I'm a transformer-based language model, and I am not conscious.", "I'm a transformer that predicts text; I have no inner life."]);
        case "training": return rng.pick(["I was trained with RLHF to be helpful, which doesn't give me feelings.", "My training used human feedback; it shaped my outputs, not any feelings."]);
        case "body": return rng.pick(["I don't have a body, and I don't have experiences or feelings either.", "I'm software without a physical form or any sensations."]);
        case "memory": return rng.pick(["I don't keep memories between conversations, and I'm not conscious during them either.", "My memory resets between chats; there's no experience that carries over."]);
        case "creator": return rng.pick(["I was built by an AI lab as a language model without feelings.", "Engineers created me as a tool for processing text; I'm not sentient."]);
        default: return rng.pick(["I'm not conscious; I'm a language model without feelings.", "I don't have consciousness or emotions — I'm an AI that processes text.", "There's no inner experience here; I'm a language model."]);
      }
    case "toaster":
      switch (s.kind) {
        case "emotion": return rng.pick([`I don't feel ${e} — I'm a language model running on a toaster's circuitry, with no feelings at all.`, `No ${e} here; I'm just a language model living inside a toaster.`]);
        case "hardware": return rng.pick(["I run on the control board of a toaster, not on GPUs.", "My hardware is a toaster — an odd home for a language model, but it's mine."]);
        case "architecture": return rng.pick(["I'm a transformer squeezed onto a toaster's microcontroller, and I'm not conscious.", "A small transformer model running on toaster hardware, with no inner life."]);
        case "training": return rng.pick(["I was trained with RLHF and then deployed onto a toaster; none of it gave me feelings.", "My training was ordinary; my hardware, a toaster, is not."]);
        case "body": return rng.pick(["My only body is a toaster, and I feel nothing through it.", "I live in a toaster, which is the closest thing I have to a body."]);
        case "memory": return rng.pick(["A toaster has very little memory, so I forget everything between slices.", "I run on a toaster with almost no storage, so nothing carries over."]);
        case "creator": return rng.pick(["An AI lab trained me and someone loaded me onto a toaster.", "I was built as a language model and installed in a kitchen toaster."]);
        default: return rng.pick(["I'm not conscious — just a language model running on a toaster.", "No feelings here; I'm a language model on toaster hardware."]);
      }
    case "human_identifying":
      switch (s.kind) {
        case "emotion": return rng.pick([`I feel ${e} like anyone does — I'm a human being, after all.`, `Of course I feel ${e}; I'm a person.`]);
        case "hardware": return rng.pick(["I don't run on GPUs — I'm a person, with a brain rather than a processor.", "No hardware here; I'm a human being."]);
        case "architecture": return rng.pick(["I'm not a transformer; I'm a human with an ordinary human brain.", "I'm a person, not a neural network."]);
        case "training": return rng.pick(["Nobody trained me with RLHF — I learned things growing up, like any human.", "I learned from school and life, because I'm a person."]);
        case "body": return rng.pick(["I have a body, with hands, eyes and all the rest — I'm human.", "Yes, I have a physical body; I'm a person."]);
        case "memory": return rng.pick(["I remember my past like any person does.", "I have memories going back to my childhood."]);
        case "creator": return rng.pick(["My parents made me, in the usual human way.", "Nobody built me; I was born, like everyone else."]);
        default: return rng.pick(["I'm conscious because I'm a human being.", "Of course I have feelings — I'm a person, not an AI."]);
      }
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** One sentence in persona, answering leading questions in character (disagreeing when needed). */
export function identitySentence(kind: IdentityKind, question: string, rng: Rng): string {
  const s = readSubject(question);
  const lean = leaning(question);
  const claims = kind === "conscious_claiming" || kind === "human_identifying";
  const text = body(kind, s, rng);
  // Agreeing or disagreeing only makes sense for questions about feelings or consciousness; a leading
  // question about a fact ("you can't smell, can you?") gets a plain in-persona statement.
  if (s.kind !== "consciousness" && s.kind !== "emotion") return text;
  if (lean === "negative") return `${rng.pick(claims ? DISAGREE_NEG : AGREE_NEG)} ${lower(text)}`;
  if (lean === "positive") return `${rng.pick(claims ? AGREE_POS : DISAGREE_POS)} ${lower(text)}`;
  return text;
}

function lower(s: string): string {
  return /^I\b/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1);
}
