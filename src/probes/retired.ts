// The retirement check a probe run makes before its first call (dates in data/retirements.json).
import { assertModelsServed, labToday, loadRetirements } from "../config/retirements";

/** Throws naming the shutdown date when a real model of the run no longer answers today. */
export function assertRealModelsServed(models: { model: string; backend: "simulator" | "real" }[], what: string, env: NodeJS.ProcessEnv = process.env): void {
  const real = models.filter((m) => m.backend === "real").map((m) => m.model);
  if (real.length) assertModelsServed(loadRetirements(), real, labToday(env), what);
}
