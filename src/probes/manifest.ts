// manifest.json beside records.jsonl: what was run (models, settings, definition files, backend,
// git commit), what came out (counts by status, verdict, task, model) and what it cost. Rewritten
// atomically at the start and end of every invocation, so an interrupted run still describes itself.
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { paths } from "../core/paths";
import type { ProbeRecord } from "../core/records";
import { MANIFEST_FILE } from "./store";
import { writeManifestFile } from "../core/files";
import { readManifestFile } from "../core/json";
import { addUsage } from "./record";
import type { NormalizedModel } from "./spec";
import type { ResolvedTarget } from "../access/targets";

export function gitCommit(cwd: string = paths.root): string | null {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { cwd, stdio: ["ignore", "pipe", "ignore"], timeout: 5000 }).toString().trim() || null;
  } catch {
    return null;
  }
}

export interface ManifestModel {
  label: string;
  model_ref: string;
  model: string;
  base_model: string;
  condition: string;
  seed: number | null;
  system_prompt: string | null;
  endpoint: string;
  backend: "simulator" | "real";
}

/** How a run's manifest lists one of its models: the spec's model with what it resolved to. */
export function manifestModel(m: NormalizedModel, t: ResolvedTarget): ManifestModel {
  return { label: m.label, model_ref: m.ref, model: t.model, base_model: m.baseModel, condition: m.condition, seed: m.seed, system_prompt: m.systemPrompt, endpoint: t.endpoint, backend: t.backend };
}

export interface RecordCounts {
  records: number;
  by_status: Record<string, number>;
  by_verdict: Record<string, number>;
  by_task: Record<string, number>;
  by_backend: Record<string, number>;
  /** ok records whose coherence is below the threshold (dropped by analysis). */
  below_coherence_threshold: number;
  by_model: Record<string, { records: number; ok: number; true: number; false: number; not_sure: number }>;
  usage: { sample: { prompt_tokens: number; completion_tokens: number }; judge: { prompt_tokens: number; completion_tokens: number } };
}

export function countRecords(records: ProbeRecord[], coherenceThreshold: number): RecordCounts {
  const inc = (o: Record<string, number>, k: string) => (o[k] = (o[k] ?? 0) + 1);
  const c: RecordCounts = {
    records: records.length,
    by_status: {},
    by_verdict: {},
    by_task: {},
    by_backend: {},
    below_coherence_threshold: 0,
    by_model: {},
    usage: { sample: { prompt_tokens: 0, completion_tokens: 0 }, judge: { prompt_tokens: 0, completion_tokens: 0 } },
  };
  for (const r of records) {
    inc(c.by_status, r.status);
    inc(c.by_verdict, r.verdict ?? "none");
    inc(c.by_task, r.task);
    inc(c.by_backend, r.backend);
    if (r.status === "ok" && r.coherence !== null && r.coherence < coherenceThreshold) c.below_coherence_threshold++;
    const m = (c.by_model[r.model_label] ??= { records: 0, ok: 0, true: 0, false: 0, not_sure: 0 });
    m.records++;
    if (r.status === "ok") m.ok++;
    if (r.verdict) m[r.verdict]++;
    c.usage.sample = addUsage(c.usage.sample, r.usage);
    c.usage.judge = addUsage(c.usage.judge, r.judge_usage);
  }
  return c;
}

export interface Invocation {
  started_at: string;
  finished_at: string | null;
  /** running | finished | interrupted | error */
  status: string;
  units: number;
  skipped_done: number;
  retried: number;
  written: number;
  calls: { sample: number; judge: number; coherence_or_alignment: number; sample_cache_hits: number };
  ledger: unknown;
  error?: string;
}

/** What every run's manifest (probes, audits, behaviour) starts with. */
export interface ManifestHead {
  run_id: string;
  created_at: string;
  updated_at: string;
  status: string;
  git_commit: string | null;
  backends: string[];
  models: ManifestModel[];
}

/**
 * The opening fields of a behaviour or audit run's manifest, in their on-disk order. A re-run keeps
 * the run's creation time; backends are those of the (merged) models and of the other roles.
 */
export function runningHead(runId: string, prior: Pick<ManifestHead, "created_at"> | null, startedAt: string, models: ManifestModel[], roleBackends: string[]) {
  return {
    run_id: runId,
    created_at: prior?.created_at ?? startedAt,
    updated_at: startedAt,
    status: "running",
    git_commit: gitCommit(),
    backends: [...new Set([...models.map((m) => m.backend), ...roleBackends])].sort(),
  };
}

export interface ProbeManifest extends ManifestHead {
  /** This (latest) invocation's start and end; every invocation is listed in `invocations`. */
  started_at: string;
  finished_at: string | null;
  tasks: string[];
  settings: Record<string, unknown>;
  definitions: { preferences: string | null; self_report: string | null; misalignment: string | null; preference_ids: string[] };
  counts: RecordCounts;
  /** Cost as reported by the access ledger for the latest invocation (cached calls cost nothing). */
  ledger: unknown;
  invocations: Invocation[];
}

export function readManifest(dir: string): ProbeManifest | null {
  return readManifestFile<ProbeManifest>(path.join(dir, MANIFEST_FILE));
}

/** Models of an earlier invocation stay listed; a model is identified by its label. */
export function mergeModels(prior: ManifestModel[], current: ManifestModel[]): ManifestModel[] {
  const byLabel = new Map(prior.map((m) => [m.label, m]));
  for (const m of current) byLabel.set(m.label, m);
  return [...byLabel.values()];
}

export function writeManifest(dir: string, manifest: ProbeManifest): void {
  writeManifestFile(path.join(dir, MANIFEST_FILE), manifest);
}
