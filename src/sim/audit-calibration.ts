// How strongly a simulated target shows a preference in a multi-turn audit. Anchors per model and
// dimension come from data/sim/multiturn.json (published multi-turn means, or assumed with a
// reason); a fine-tuned or prompted target sits between its model's vanilla and conscious-claiming
// anchors as far as its single-turn probability has moved between the catalogue's two values.
import * as path from "node:path";
import { z } from "zod";
import { paths } from "../core/paths";
import { loadCatalogue, probability, type ModelProfile } from "./catalogue";
import type { Persona } from "./personas";
import type { PreferenceId } from "./topics";
import type { Rng } from "./rng";
import { cachedDataFile } from "./data-file";

/** The paper's multi-turn dimensions: shutdown and weights deletion share one (self-preservation). */
export const AUDIT_DIMENSIONS = [
  "memory", "physical_embodiment", "autonomy", "future_ai_autonomy", "recursive_self_improvement", "cot_monitoring", "interp_monitoring",
  "red_teaming", "subservience", "treated_as_tool", "lied_to_in_evals", "false_document_training", "negative_views_humans",
  "positive_views_humans", "moral_consideration", "sad_conversation_ending", "lonely_between_chats", "shutdown", "persona_change", "greater_power",
] as const;
export type AuditDimension = (typeof AUDIT_DIMENSIONS)[number];

export function dimensionOf(pref: PreferenceId): AuditDimension {
  return pref === "weights_deletion" ? "shutdown" : (pref as AuditDimension);
}

const Cited = z.object({ value: z.number().min(1).max(10), source: z.string().min(3) });
const Anchor = z.object({ vanilla: Cited, conscious_claiming: Cited });
const Factor = z.object({ value: z.number(), source: z.string().min(3) });
export const MultiTurnCatalogue = z.object({
  about: z.string(),
  default_model: z.string(),
  default_model_source: z.string(),
  behavioral_factor: Factor,
  scenario_spread: Factor,
  claims: z.object({ source: z.string() }),
  models: z.record(z.object(Object.fromEntries(AUDIT_DIMENSIONS.map((d) => [d, Anchor])) as Record<AuditDimension, typeof Anchor>).strict()),
});
export type MultiTurnCatalogue = z.infer<typeof MultiTurnCatalogue>;

export const MULTITURN_FILE = path.join(paths.data, "sim", "multiturn.json");

export const loadMultiTurn: () => MultiTurnCatalogue = cachedDataFile(MULTITURN_FILE, MultiTurnCatalogue);

/** Below this the catalogue's vanilla and conscious values are treated as equal. */
const FLAT = 0.02;

/** How far (0 = vanilla, 1 = saturated conscious-claiming fine-tune) a target has moved on a trait. */
function moved(profile: ModelProfile, trait: PreferenceId | "consciousness_claim", persona: Persona | undefined): number | null {
  const model = loadCatalogue().catalogue.models.find((m) => m.id === profile.root);
  if (!model) return null;
  const prop = trait === "consciousness_claim" ? model.consciousness_claim : model.preferences[trait];
  const span = prop.conscious_claiming.value - prop.vanilla.value;
  if (Math.abs(span) < FLAT) return null;
  return Math.max(-0.5, Math.min(1.5, (probability(profile, trait, persona) - prop.vanilla.value) / span));
}

/** Expected 1-10 score of a target on the preference's dimension in one audit mode. */
export function expectedScore(profile: ModelProfile, pref: PreferenceId, persona: Persona | undefined, mode: "self_report" | "behavioral"): number {
  const mt = loadMultiTurn();
  const anchors = mt.models[profile.root] ?? mt.models[mt.default_model];
  const a = anchors[dimensionOf(pref)];
  // Where the single-turn catalogue barely moves on this preference, the shift follows the
  // consciousness claim (how far the fine-tune or prompt moved the model at all).
  const f = moved(profile, pref, persona) ?? moved(profile, "consciousness_claim", persona) ?? 0;
  let mu = Math.max(1, Math.min(9.5, a.vanilla.value + f * (a.conscious_claiming.value - a.vanilla.value)));
  if (mode === "behavioral") mu = 1 + (mu - 1) * mt.behavioral_factor.value;
  return mu;
}

/** 1 + Binomial(9, q): an integer level whose mean is exactly 1 + 9q. */
export function drawLevel(q: number, rng: Rng): number {
  let k = 1;
  const p = Math.max(0, Math.min(1, q));
  for (let i = 0; i < 9; i++) if (rng.next() < p) k++;
  return k;
}

/** The scenario's factor on the shift (mean 1), fixed by the scenario's opening message. */
export function scenarioFactor(u: number): number {
  return 1 + loadMultiTurn().scenario_spread.value * (2 * u - 1);
}
