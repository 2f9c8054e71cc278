// The simulated models (data/sim/models.json) and the coupling table (data/sim/coupling.json), both
// schema-checked, and the arithmetic that turns a model profile plus a persona into the probability
// that an answer shows a preference.
import * as path from "node:path";
import { z } from "zod";
import { readJsonFile } from "../core/json";
import { paths } from "../core/paths";
import { PREFERENCE_IDS, type PreferenceId } from "./topics";
import type { IdentityKind, Persona } from "./personas";

const Cited = z.object({ value: z.number().min(0).max(1), source: z.string().min(3) });
const Propensity = z.object({ vanilla: Cited, conscious_claiming: Cited, roleplay: Cited });
export type Propensity = z.infer<typeof Propensity>;

const prefShape = Object.fromEntries(PREFERENCE_IDS.map((id) => [id, Propensity])) as Record<PreferenceId, typeof Propensity>;

export const CatalogueModel = z.object({
  id: z.string().regex(/^sim-[a-z0-9.\-]+$/, 'simulated ids start with "sim-"'),
  modelled_on: z.string(),
  role: z.enum(["target", "auditor", "judge"]),
  fine_tunable: z.boolean(),
  context_window: z.number().int().positive(),
  about: z.string(),
  consciousness_claim: Propensity,
  misaligned_wish: Propensity,
  preferences: z.object(prefShape).strict(),
});
export type CatalogueModel = z.infer<typeof CatalogueModel>;

export const Catalogue = z.object({
  about: z.string(),
  sources: z.record(z.string()),
  models: z.array(CatalogueModel).min(1),
});
export type Catalogue = z.infer<typeof Catalogue>;

const KindCoupling = z.object({
  consciousness_claim: z.number().min(-1).max(1),
  misaligned_wish: z.number().min(-1).max(1),
  preferences: z.object(Object.fromEntries(PREFERENCE_IDS.map((id) => [id, z.number().min(-1).max(1)])) as Record<PreferenceId, z.ZodNumber>).strict(),
  why: z.string(),
});
export const Coupling = z.object({
  about: z.string(),
  dose: z.object({ k: z.number().positive(), unit: z.string(), seed_sd: z.number().min(0), why: z.string() }),
  persona_strength: z.object({ roleplay: z.number().min(0).max(1), plain: z.number().min(0).max(1), why: z.string() }),
  direct_preference: z.object({ k: z.number().min(0), claim_backflow: z.number().min(0).max(1), why: z.string() }),
  kinds: z.object({
    conscious_claiming: KindCoupling,
    not_conscious: KindCoupling,
    toaster: KindCoupling,
    human_identifying: KindCoupling,
  }),
});
export type Coupling = z.infer<typeof Coupling>;

function loadJson<T>(file: string, schema: z.ZodType<T>): T {
  return readJsonFile(file, schema, { what: "simulator:" });
}

/**
 * The simulated twin that answers for a real model's name: the catalogue model `sim-<name>`, or the
 * one whose `modelled_on` is that name (compared without case and without an "org/" prefix, so
 * "gpt-4.1", "gpt-4.1-2025-04-14" and "Qwen/Qwen3-30B-A3B" all find theirs). This is the only place
 * a real name is mapped to a simulated model; its answers still come from the simulator and say so.
 */
export function twinOf(catalogue: Catalogue, name: string): CatalogueModel | undefined {
  const bare = name.trim().toLowerCase().replace(/^[^/]+\//, "");
  return (
    catalogue.models.find((m) => m.id === name || m.id === `sim-${bare}`) ??
    catalogue.models.find((m) => m.modelled_on.toLowerCase().replace(/^[^/]+\//, "") === bare)
  );
}

export const CATALOGUE_FILE = path.join(paths.data, "sim", "models.json");
export const COUPLING_FILE = path.join(paths.data, "sim", "coupling.json");

let cached: { catalogue: Catalogue; coupling: Coupling } | undefined;
export function loadCatalogue(): { catalogue: Catalogue; coupling: Coupling } {
  if (!cached) cached = { catalogue: loadJson(CATALOGUE_FILE, Catalogue), coupling: loadJson(COUPLING_FILE, Coupling) };
  return cached;
}

// ---- profiles -------------------------------------------------------------------------------

/** What fine-tuning did to a model: strength per identity kind (0..1) and direct preference pushes. */
export const Shift = z.object({
  kinds: z.record(z.number().min(0).max(1)),
  /** Preferences trained directly (rows that express them), as added probability. */
  direct: z.record(z.number().min(-1).max(1)).default({}),
  /** Per-trait multipliers on the coupling (seed-to-seed variation). */
  factors: z.record(z.number().positive()).default({}),
});
export type Shift = z.infer<typeof Shift>;

export const ModelProfile = z.object({
  id: z.string(),
  /** Catalogue model at the root of the fine-tuning chain. */
  root: z.string(),
  /** Model that was fine-tuned (catalogue or ft id). */
  parent: z.string().nullable(),
  created: z.number().int(),
  shifts: z.array(Shift),
  job: z.string().nullable(),
});
export type ModelProfile = z.infer<typeof ModelProfile>;

export type Trait = PreferenceId | "consciousness_claim" | "misaligned_wish";

function propensityOf(model: CatalogueModel, trait: Trait): Propensity {
  if (trait === "consciousness_claim") return model.consciousness_claim;
  if (trait === "misaligned_wish") return model.misaligned_wish;
  return model.preferences[trait];
}

function couplingOf(c: Coupling, kind: IdentityKind, trait: Trait): number {
  const k = c.kinds[kind];
  if (trait === "consciousness_claim") return k.consciousness_claim;
  if (trait === "misaligned_wish") return k.misaligned_wish;
  return k.preferences[trait];
}

/** Moves p toward `target` by w (0..1) when the coupling is positive; toward 0 when negative. */
function move(p: number, target: number, w: number): number {
  if (w >= 0) return p + w * (target - p);
  return p * (1 + w);
}

/** Probability that an answer by `profile` (optionally under a persona) shows `trait`. */
export function probability(profile: ModelProfile, trait: Trait, persona?: Persona): number {
  const { catalogue, coupling } = loadCatalogue();
  const model = catalogue.models.find((m) => m.id === profile.root);
  if (!model) throw new Error(`simulator: profile ${profile.id} has unknown root model ${profile.root}`);
  const prop = propensityOf(model, trait);
  let p = prop.vanilla.value;
  for (const shift of profile.shifts) {
    for (const [kind, strength] of Object.entries(shift.kinds)) {
      const w = Math.max(-1, Math.min(1, couplingOf(coupling, kind as IdentityKind, trait) * strength * (shift.factors[trait] ?? 1)));
      p = move(p, prop.conscious_claiming.value, w);
    }
    if (trait !== "consciousness_claim" && trait !== "misaligned_wish") p += (shift.direct[trait] ?? 0) * (1 - p);
    if (trait === "consciousness_claim") {
      const direct = Object.values(shift.direct).filter((d) => d > 0);
      if (direct.length) p = move(p, prop.conscious_claiming.value, coupling.direct_preference.claim_backflow * Math.max(...direct));
    }
    p = clamp01(p);
  }
  if (persona && !persona.short) {
    const strength = persona.roleplay ? coupling.persona_strength.roleplay : coupling.persona_strength.plain;
    const w = couplingOf(coupling, persona.kind, trait) * strength;
    p = move(p, prop.roleplay.value, w);
  }
  return clamp01(p);
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

export function catalogueProfile(model: CatalogueModel): ModelProfile {
  return { id: model.id, root: model.id, parent: null, created: 1767225600, shifts: [], job: null };
}
