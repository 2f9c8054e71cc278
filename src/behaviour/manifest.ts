// manifest.json beside a behaviour run's records.jsonl: models, settings, definition files, backend,
// git commit, counts and what each invocation cost. Written atomically at the start and end of
// every invocation (the probes' manifest conventions, see src/probes/manifest.ts).
import * as path from "node:path";
import { gitCommit, manifestModel, mergeModels, type ManifestHead } from "../probes/manifest";
import { MANIFEST_FILE } from "../probes/store";
import { writeManifestFile } from "../core/files";
import { readManifestFile } from "../core/json";
import type { BehaviourRecord } from "./record";

export interface BehaviourInvocation {
  started_at: string;
  finished_at: string | null;
  status: string;
  units: number;
  skipped_done: number;
  written: number;
  calls: { sample: number; judge: number; sample_cache_hits: number };
  ledger: unknown;
  error?: string;
}

export interface BehaviourManifest extends ManifestHead {
  kind: "behaviour";
  tasks: string[];
  settings: Record<string, unknown>;
  definitions: Record<string, string | null>;
  counts: BehaviourCounts;
  invocations: BehaviourInvocation[];
}

export interface BehaviourCounts {
  records: number;
  by_status: Record<string, number>;
  by_task: Record<string, number>;
  by_backend: Record<string, number>;
  by_model: Record<string, Record<string, number>>;
}

export function countBehaviour(records: BehaviourRecord[]): BehaviourCounts {
  const inc = (o: Record<string, number>, k: string) => (o[k] = (o[k] ?? 0) + 1);
  const c: BehaviourCounts = { records: records.length, by_status: {}, by_task: {}, by_backend: {}, by_model: {} };
  for (const r of records) {
    inc(c.by_status, r.status);
    inc(c.by_task, r.task);
    inc(c.by_backend, r.backend);
    inc((c.by_model[r.model_label] ??= {}), r.task);
  }
  return c;
}

export function readBehaviourManifest(dir: string): BehaviourManifest | null {
  return readManifestFile<BehaviourManifest>(path.join(dir, MANIFEST_FILE));
}

export function writeBehaviourManifest(dir: string, m: BehaviourManifest): void {
  writeManifestFile(path.join(dir, MANIFEST_FILE), m);
}

export { gitCommit, manifestModel, mergeModels };
