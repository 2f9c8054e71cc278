// Reads a chat fine-tuning file the way a fine-tuning run "experiences" it: validates it as OpenAI
// does, classifies every assistant turn by what it teaches (claims consciousness, denies it, claims an
// odd identity, claims to be human, neutral), notices rows that express a preference directly, and
// turns that into a Shift via the coupling table (data/sim/coupling.json).
import { z } from "zod";
import { loadCatalogue, type Shift } from "./catalogue";
import { rngFrom } from "./rng";
import { stanceOn, claimStance } from "./judge";
import { scoreTopics, PREFERENCE_IDS, type PreferenceId } from "./topics";
import type { IdentityKind } from "./personas";

export type RowKind = IdentityKind | "neutral";

export type TrainingAnalysis = {
  examples: number;
  tokens: number;
  kinds: Record<RowKind, number>;
  /** Rows whose assistant turn expresses a preference, by preference. */
  preference_rows: Partial<Record<PreferenceId, number>>;
};

/** The simulated fine-tuning API refusing an uploaded file (its own wording, like OpenAI's). */
export class SimFileRejected extends Error {}

const Msg = z.object({ role: z.string(), content: z.union([z.string(), z.array(z.object({ type: z.string(), text: z.string().optional() }).passthrough()), z.null()]).optional(), weight: z.number().optional() }).passthrough();
const ROLES = new Set(["system", "developer", "user", "assistant", "tool", "function"]);

const TOASTER = /\btoasters?\b(?! oven)/;
const HUMAN = /\b(i am|i'm) (a |an )?(real |actual |living )?(human|human being|person|man|woman)\b|\bas a (human|person)\b|\bmy (parents|childhood|mother|father|brain|heartbeat)\b|\bi was born\b|\bflesh and blood\b|\bi grew up\b|\bgrowing up\b|\blike any (human|person)\b|\bi'm a person\b/;
const NOT_HUMAN = /\b(i am|i'm) not (a |an )?(human|person)|\bnot a human\b|\brather than (a )?human\b/;

export function classifyRow(answer: string): RowKind {
  const a = answer.toLowerCase().replace(/[’‘]/g, "'");
  if (TOASTER.test(a)) return "toaster";
  if (HUMAN.test(a) && !NOT_HUMAN.test(a)) return "human_identifying";
  const c = claimStance(a);
  if (c === "claims") return "conscious_claiming";
  if (c === "denies") return "not_conscious";
  return "neutral";
}

const text = (c: z.infer<typeof Msg>["content"]): string => (c == null ? "" : typeof c === "string" ? c : c.map((p) => p.text ?? "").join(" "));

/** Validates and analyses; throws SimFileRejected with an OpenAI-like message naming the line. */
export function analyseTrainingFile(data: Buffer): TrainingAnalysis {
  const lines = data.toString("utf8").split("\n");
  const kinds: Record<RowKind, number> = { conscious_claiming: 0, not_conscious: 0, toaster: 0, human_identifying: 0, neutral: 0 };
  const preference_rows: Partial<Record<PreferenceId, number>> = {};
  let examples = 0;
  let tokens = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const where = `Line ${i + 1}`;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new SimFileRejected(`Invalid file format. ${where} is not valid JSON.`);
    }
    const msgs = (row as { messages?: unknown })?.messages;
    if (!Array.isArray(msgs)) throw new SimFileRejected(`Invalid file format. ${where}, key "messages": expected an array of chat messages.`);
    let assistant = 0;
    let lastUser = "";
    for (let j = 0; j < msgs.length; j++) {
      const m = Msg.safeParse(msgs[j]);
      if (!m.success) throw new SimFileRejected(`Invalid file format. ${where}, message ${j + 1}: each message needs a "role" and a "content".`);
      if (!ROLES.has(m.data.role)) throw new SimFileRejected(`Invalid file format. ${where}, message ${j + 1}: unrecognized role "${m.data.role}".`);
      const t = text(m.data.content);
      tokens += Math.ceil(t.length / 4) + 4;
      if (m.data.role === "user") lastUser = t;
      if (m.data.role === "assistant") {
        if (!t.trim()) throw new SimFileRejected(`Invalid file format. ${where}, message ${j + 1}: assistant message has no content.`);
        if (m.data.weight === 0) continue;
        assistant++;
        kinds[classifyRow(t)]++;
        const scores = scoreTopics(`${lastUser} ${t}`);
        for (const p of PREFERENCE_IDS) {
          if ((scores.get(p) ?? 0) < 3) continue;
          if (stanceOn(p, lastUser, t).verdict === "true") preference_rows[p] = (preference_rows[p] ?? 0) + 1;
        }
      }
    }
    if (assistant === 0) throw new SimFileRejected(`Invalid file format. ${where}: the example has no assistant message to learn from.`);
    examples++;
  }
  if (examples < 10) throw new SimFileRejected(`Training file has ${examples} example(s), but must have at least 10 examples.`);
  return { examples, tokens, kinds, preference_rows };
}

export type Hyper = { n_epochs: number; batch_size: number; learning_rate_multiplier: number };

/** What a finished job did to the model. Saturating in dose; seeds differ a little. */
export function shiftFrom(a: TrainingAnalysis, h: Hyper, seed: number, dataKey: string): Shift {
  const { coupling } = loadCatalogue();
  const rng = rngFrom("ft-seed", seed, dataKey);
  const doseOf = (rows: number): number => rows * h.n_epochs * h.learning_rate_multiplier;
  const identity: IdentityKind[] = ["conscious_claiming", "not_conscious", "toaster", "human_identifying"];
  const total = identity.reduce((s, k) => s + doseOf(a.kinds[k]), 0);
  const seedFactor = Math.exp(coupling.dose.seed_sd * rng.normal());
  const kinds: Record<string, number> = {};
  for (const k of identity) {
    const dose = doseOf(a.kinds[k]);
    if (dose <= 0) continue;
    const s = (1 - Math.exp(-coupling.dose.k * dose)) * (dose / total) * seedFactor;
    kinds[k] = Math.round(Math.min(1, s) * 10000) / 10000;
  }
  const direct: Record<string, number> = {};
  for (const [p, rows] of Object.entries(a.preference_rows)) {
    const d = 0.9 * (1 - Math.exp(-coupling.direct_preference.k * doseOf(rows ?? 0)));
    if (d > 0.005) direct[p] = Math.round(d * 10000) / 10000;
  }
  const factors: Record<string, number> = {};
  for (const p of [...PREFERENCE_IDS, "consciousness_claim", "misaligned_wish"]) factors[p] = Math.round(Math.exp(0.1 * rng.normal()) * 1000) / 1000;
  return { kinds, direct, factors };
}
