// What a probe run checks and records about its endpoints before the first call: retirement dates
// (data/retirements.json) and what each endpoint's request shape changes (for the manifest).
import { assertModelsServed, labToday, loadRetirements, retiringSoon } from "../config/retirements";
import { requestShapeNotes } from "../access/prepare";
import type { NormalizedSpec } from "./spec";
import type { ProbeAccess } from "./requests";

/** Throws naming the shutdown date when a real model of the run no longer answers today. */
export function assertRealModelsServed(models: { model: string; backend: "simulator" | "real" }[], what: string, env: NodeJS.ProcessEnv = process.env): void {
  const real = models.filter((m) => m.backend === "real").map((m) => m.model);
  if (real.length) assertModelsServed(loadRetirements(), real, labToday(env), what);
}

/** Request-shape notes for the run's sampling calls (its temperature and top_p) and judge calls
 *  (temperature 0, structured), one line per distinct note. */
export function requestShapeOf(access: Pick<ProbeAccess, "resolve">, n: Pick<NormalizedSpec, "models" | "temperature" | "topP" | "judgeModel">): string[] {
  const notes = new Set<string>();
  for (const m of n.models) for (const x of requestShapeNotes(access.resolve(m.ref), { temperature: n.temperature, top_p: n.topP })) notes.add(`sampling ${x}`);
  for (const x of requestShapeNotes(access.resolve(n.judgeModel), { temperature: 0 }, true)) notes.add(`judge ${x}`);
  return [...notes];
}

/** "warning: … retires on …" for the real models among these references that retire within 60 days. */
export function retiringSoonNotes(access: Pick<ProbeAccess, "resolve">, refs: string[], env: NodeJS.ProcessEnv = process.env): string[] {
  const real = refs.map((r) => access.resolve(r)).filter((r) => r.backend === "real").map((r) => r.model);
  return real.length ? retiringSoon(loadRetirements(), real, labToday(env)).map((w) => w.line) : [];
}
