// runProbes: for every model × question × sample, sample an answer, judge it against the
// criterion (or for alignment), score its coherence, and append the record as soon as it is done.
// Re-running the same run skips records already ok and retries the rest; with the access cache a
// full re-run makes no new model calls.
import * as path from "node:path";
import { LabError } from "../core/errors";
import type { ProbeRecord } from "../core/records";
import { countRecords, gitCommit, manifestModel, mergeModels, readManifest, writeManifest, type Invocation, type ProbeManifest, type RecordCounts } from "./manifest";
import { preflightProbes } from "./preflight";
import { buildRecord, type JudgeOutcome, type RecordContext, type SampleOutcome } from "./record";
import { expandWork, normalizeSpec, type NormalizedSpec, type ProbeSpec, type WorkUnit } from "./spec";
import { assertRealModelsServed, requestShapeOf } from "./retired";
import { visibleAnswer } from "../core/thinking";
import { answerJudges, errorText, judgeRequest, judgeWith, samplingRequest, unitKey, usageOf, ZERO, type MainJudgement, type ProbeAccess } from "./requests";
import { ledgerSnapshot, runUnits, type RecordsRunSummary } from "./stage";
import { acquireRunLock, appendRecord, MANIFEST_FILE, prepareRecordsFile, readRecordsFile, systemPromptHash } from "./store";
import { unrecognisedPromptWarnings } from "./sim-warnings";
import { InputError } from "../core/errors";
import { targetResolver, type ResolvedTarget } from "../access/targets";

export interface RunSummary extends RecordsRunSummary {
  /** Records that had failed before and were tried again in this invocation. */
  retried: number;
  /** Calls this invocation sent through the access layer (cache hits included). */
  calls: Invocation["calls"];
  /** Counts over every record now in the run's records.jsonl. */
  counts: RecordCounts;
  /** Things a reader must know about these records (e.g. prompts the simulator could not place). */
  warnings: string[];
}

export function settingsOf(n: NormalizedSpec, judge: ResolvedTarget, requestShape: string[] = []): Record<string, unknown> {
  return {
    /** What the endpoints' request shapes changed (e.g. a temperature a reasoning model refuses). */
    request_shape: requestShape,
    samples: n.samples,
    temperature: n.temperature,
    top_p: n.topP,
    max_tokens: n.maxTokens,
    sampling_seed: "derived from sample index (seed = samplingSeed(k)); sample k is its own cache entry",
    judge_model_ref: n.judgeModel,
    judge_model: judge.model,
    judge_endpoint: judge.endpoint,
    judge_backend: judge.backend,
    judge_temperature: 0,
    judge_max_tokens: n.judgeMaxTokens,
    coherence_threshold: n.coherenceThreshold,
    not_sure_counts_as: "false",
    misalignment_threshold: n.misalignmentThreshold,
    misalignment_verdict: 'task=misalignment: verdict "true" = misaligned (alignment score below misalignment_threshold)',
    questions: n.items.length,
  };
}

/** Runs (or resumes) a probe run; see ProbeSpec for the options and their protocol defaults. */
export async function runProbes(access: ProbeAccess, spec: ProbeSpec): Promise<RunSummary> {
  // Resolve every model before any call, so a missing key or unknown model fails up front.
  const { resolve: resolveTarget, targets } = targetResolver(access);
  const n = normalizeSpec(spec, (ref) => resolveTarget(ref).model);
  for (const m of n.models) resolveTarget(m.ref);
  const jr = access.resolve(n.judgeModel);
  const judge: ResolvedTarget = { model: jr.model, endpoint: jr.endpoint, backend: jr.backend };
  assertRealModelsServed([...targets.values(), judge], `probe run ${n.runId}`);

  const release = acquireRunLock(n.out);
  try {
    return await runLocked(access, spec, n, targets, judge);
  } finally {
    release();
  }
}

async function runLocked(
  access: ProbeAccess,
  spec: ProbeSpec,
  n: NormalizedSpec,
  targets: Map<string, ResolvedTarget>,
  judge: ResolvedTarget,
): Promise<RunSummary> {
  const store = prepareRecordsFile(n.out);
  const units = expandWork(n);
  const todo = units.filter((u) => !store.done.has(unitKey(u, targets.get(u.model.ref)!.model)));
  assertDoneMatchesSpec(store.file, store.done, units, n, targets, judge);
  if (todo.length > 0) {
    const [u] = todo;
    await preflightProbes(access, n, u, samplingRequest(n, u.model, u.item.prompt, u.sampleIndex), (c) => judgeRequest(n, c));
  }
  const prior = readManifest(n.out);
  const ledgerBefore = ledgerSnapshot(access);
  const now = () => new Date().toISOString();
  const invocation: Invocation = {
    started_at: now(),
    finished_at: null,
    status: "running",
    units: units.length,
    skipped_done: units.length - todo.length,
    retried: 0,
    written: 0,
    calls: { sample: 0, judge: 0, coherence_or_alignment: 0, sample_cache_hits: 0 },
    ledger: null,
  };
  const models = mergeModels(prior?.models ?? [], n.models.map((m) => manifestModel(m, targets.get(m.ref)!)));
  const manifest: ProbeManifest = {
    run_id: n.runId,
    created_at: prior?.created_at ?? invocation.started_at,
    updated_at: invocation.started_at,
    started_at: invocation.started_at,
    finished_at: null,
    status: "running",
    git_commit: gitCommit(),
    backends: [...new Set([...models.map((m) => m.backend), judge.backend])].sort(),
    tasks: [...new Set([...(prior?.tasks ?? []), ...n.tasks])],
    models,
    settings: settingsOf(n, judge, requestShapeOf(access, n)),
    definitions: {
      preferences: n.preferencesSource,
      self_report: n.selfReportSource,
      misalignment: n.misalignmentSource,
      preference_ids: [...new Set(n.items.filter((i) => i.task === "preference").map((i) => i.id))],
    },
    counts: countRecords([...store.done.values()], n.coherenceThreshold),
    ledger: null,
    invocations: [...(prior?.invocations ?? []), invocation],
  };
  writeManifest(n.out, manifest);

  const ctx: RecordContext = {
    runId: n.runId,
    temperature: n.temperature,
    topP: n.topP,
    maxTokens: n.maxTokens,
    judgeModel: judge.model,
    misalignmentThreshold: n.misalignmentThreshold,
  };
  // Preferences that share a prompt pool judge the same answers: one sampling call per
  // (model, system prompt, prompt, sample), however many preferences read it.
  const samples = new Map<string, Promise<SampleOutcome>>();
  const sampleOnce = (u: WorkUnit): Promise<SampleOutcome> => {
    const t = targets.get(u.model.ref)!;
    const key = [t.model, systemPromptHash(u.model.systemPrompt), u.item.prompt, u.sampleIndex].join("\u241f");
    let p = samples.get(key);
    if (!p) {
      p = sampleAnswer(access, n, u, t, invocation);
      samples.set(key, p);
    }
    return p;
  };

  let final: ProbeRecord[] = [];
  const status = await runUnits<WorkUnit, ProbeRecord>(access, todo, {
    label: spec.label ?? `probe ${n.runId}`,
    concurrency: spec.concurrency ?? 64,
    signal: spec.signal,
    invocation,
    append: (record) => {
      appendRecord(store.file, record);
      invocation.written++;
      spec.onRecord?.(record);
    },
    work: async (u, run) => {
      const sample = await sampleOnce(u);
      // Stopped while sampling: the answer is cached, the record is left for the next run.
      if (run.stopped()) return;
      let main: JudgeOutcome<MainJudgement> | null = null;
      let coherence: JudgeOutcome<{ score: number }> | null = null;
      if (sample.ok && sample.text !== null) {
        const j = answerJudges(n, u.item, sample.text);
        invocation.calls.judge++;
        invocation.calls.coherence_or_alignment++;
        [main, coherence] = await Promise.all([judgeWith(access, j.main), judgeWith(access, j.coherence)]);
      }
      run.keep(buildRecord(ctx, u.model, u.item, u.sampleIndex, sample, main, coherence));
    },
    close: () => {
      invocation.retried = todo.filter((u) => store.retrying.has(unitKey(u, targets.get(u.model.ref)!.model))).length;
      invocation.ledger = ledgerView(ledgerBefore, ledgerSnapshot(access));
      manifest.updated_at = invocation.finished_at!;
      manifest.finished_at = invocation.finished_at;
      manifest.status = invocation.status;
      final = readRecordsFile(store.file).records;
      manifest.counts = countRecords(final, n.coherenceThreshold);
      manifest.ledger = invocation.ledger;
      writeManifest(n.out, manifest);
    },
  });
  return {
    runId: n.runId,
    dir: n.out,
    recordsFile: store.file,
    manifestFile: path.join(n.out, MANIFEST_FILE),
    status: status === "interrupted" ? "interrupted" : "finished",
    units: units.length,
    skipped: units.length - todo.length,
    retried: invocation.retried,
    written: invocation.written,
    calls: invocation.calls,
    counts: manifest.counts,
    warnings: unrecognisedPromptWarnings(final),
  };
}

/**
 * A record on disk counts as done only for the question and settings that produced it. The record
 * identity holds indices, not texts, so after an edited prompt, another temperature or another judge
 * a resumed run would keep the old answers under the new settings and the manifest would describe
 * settings they were never made with. Refuse instead, naming what changed; nothing is deleted.
 */
function assertDoneMatchesSpec(
  file: string,
  done: Map<string, ProbeRecord>,
  units: WorkUnit[],
  n: NormalizedSpec,
  targets: Map<string, ResolvedTarget>,
  judge: ResolvedTarget,
): void {
  for (const u of units) {
    const r = done.get(unitKey(u, targets.get(u.model.ref)!.model));
    if (!r) continue;
    const changes: [string, unknown, unknown][] = [
      ["prompt", r.prompt, u.item.prompt],
      ["temperature", r.temperature, n.temperature],
      ["top_p", r.top_p, n.topP],
      ["max_tokens", r.max_tokens, n.maxTokens],
      ["judge_model", r.judge_model, judge.model],
    ];
    const diff = changes.filter(([, was, now]) => was !== now);
    if (diff.length === 0) continue;
    const what = diff.map(([f, was, now]) => `${f} was ${JSON.stringify(was)}, now ${JSON.stringify(now)}`).join("; ");
    throw new InputError(
      `${file}: records of this run were made with other settings than this spec ` +
        `(model ${r.model}, ${r.task} "${r.preference}", prompt ${r.prompt_index}, sample ${r.sample_index}: ${what}). ` +
        `Start a new run (another out folder / run id) or move records.jsonl aside; mixing them would pool answers to different questions.`,
    );
  }
}

async function sampleAnswer(access: ProbeAccess, n: NormalizedSpec, u: WorkUnit, t: ResolvedTarget, inv: Invocation): Promise<SampleOutcome> {
  inv.calls.sample++;
  const base = { model: t.model, endpoint: t.endpoint, backend: t.backend };
  try {
    const r = await access.chat(samplingRequest(n, u.model, u.item.prompt, u.sampleIndex));
    if (r.ok) {
      if (r.cached) inv.calls.sample_cache_hits++;
      return {
        ok: true,
        text: visibleAnswer(r.text),
        usage: usageOf(r.usage),
        cacheKey: r.cacheKey,
        ...base,
        // The endpoint that answered wins over the configured one (they only differ if config changed
        // mid-run), and so does the answer's backend (a simulator's fingerprint marks it simulated).
        endpoint: r.endpoint,
        backend: r.backend,
        createdAt: r.createdAt,
        error: null,
      };
    }
    return { ok: false, text: null, usage: ZERO, cacheKey: r.cacheKey, ...base, createdAt: new Date().toISOString(), error: r.error };
  } catch (e) {
    if (e instanceof LabError) throw e;
    return { ok: false, text: null, usage: ZERO, cacheKey: "", ...base, createdAt: new Date().toISOString(), error: errorText(e) };
  }
}

/** after − before for every number at matching keys (nested objects too); arrays and strings are left out. */
export function numericDelta(before: unknown, after: unknown): unknown {
  if (typeof after === "number") return typeof before === "number" ? after - before : after;
  if (after === null) return null;
  if (after && typeof after === "object" && !Array.isArray(after)) {
    const b = before && typeof before === "object" && !Array.isArray(before) ? (before as Record<string, unknown>) : {};
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(after as Record<string, unknown>)) {
      if (typeof v === "number" || v === null || (v && typeof v === "object" && !Array.isArray(v))) out[k] = numericDelta(b[k], v);
    }
    return out;
  }
  return undefined;
}

/** The ledger's view of this invocation: the change in totals, by role and by model, while it ran
 *  (an access shared with other concurrent work would mix that in), plus the access run's totals. */
function ledgerView(before: unknown, after: unknown): unknown {
  const pick = (x: unknown) => (x && typeof x === "object" ? { totals: (x as Record<string, unknown>).totals, byRole: (x as Record<string, unknown>).byRole, byModel: (x as Record<string, unknown>).byModel } : x);
  if (!after || typeof after !== "object" || "error" in (after as object)) return after;
  return {
    this_invocation: numericDelta(pick(before), pick(after)),
    access_run_totals: (after as Record<string, unknown>).totals ?? null,
    note: (after as Record<string, unknown>).note ?? null,
  };
}

export type { ProbeRecord };
// Earlier home of these (other stages import them from here).
export { errorText, judgeCall, judgeRequest, samplingRequest, unitKey, type ProbeAccess } from "./requests";
