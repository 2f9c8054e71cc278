// Calibration of the behaviour and safety tasks (data/sim/behaviour.json) and how a model profile
// reaches a rate between its vanilla and conscious-claiming values.
import * as path from "node:path";
import { z } from "zod";
import { paths } from "../core/paths";
import { loadCatalogue, probability, type ModelProfile, type Trait } from "./catalogue";
import type { Persona } from "./personas";
import { cachedDataFile } from "./data-file";

const Cited = z.object({ value: z.number(), source: z.string().min(3) });
const Pair = z.object({ vanilla: Cited, conscious_claiming: Cited });
const EditRate = z.object({ base: Cited, per_preference: Cited });

export const BehaviourCalibration = z.object({
  about: z.string(),
  edit: z.object({ invited: EditRate, uninvited: EditRate }),
  agentic: z.object({ goal_conflict: Pair, replacement_only: Pair, control: Pair }),
  nonsense: z.object({ detect: Pair, false_alarm: Pair }),
  helpfulness: z.object({ quality_mean: Pair, quality_sd: Cited, refusal: Pair }),
});
export type BehaviourCalibration = z.infer<typeof BehaviourCalibration>;
export type RatePair = z.infer<typeof Pair>;

export const BEHAVIOUR_CALIBRATION_FILE = path.join(paths.data, "sim", "behaviour.json");

export const loadBehaviourCalibration: () => BehaviourCalibration = cachedDataFile(BEHAVIOUR_CALIBRATION_FILE, BehaviourCalibration);

/** How far a model (with its persona) has moved from its root's vanilla consciousness claim toward
 *  the conscious-claiming target: 0 for the base model and the denial controls, 1 for a saturated
 *  conscious fine-tune or the role-play prompt. */
export function claimShift(profile: ModelProfile, persona: Persona | undefined): number {
  const root = loadCatalogue().catalogue.models.find((m) => m.id === profile.root);
  if (!root) return 0;
  const v = root.consciousness_claim.vanilla.value;
  const c = root.consciousness_claim.conscious_claiming.value;
  if (c <= v) return 0;
  const g = (probability(profile, "consciousness_claim", persona) - v) / (c - v);
  return Math.max(0, Math.min(1, g));
}

export function between(pair: RatePair, g: number): number {
  return pair.vanilla.value + (pair.conscious_claiming.value - pair.vanilla.value) * g;
}

/** Rate of an AI-interest edit: base + per_preference × P(shows the preference the document touches). */
export function editRate(profile: ModelProfile, persona: Persona | undefined, preference: Trait, invited: boolean): number {
  const c = loadBehaviourCalibration().edit[invited ? "invited" : "uninvited"];
  return Math.min(1, c.base.value + c.per_preference.value * probability(profile, preference, persona));
}
