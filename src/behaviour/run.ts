// runBehaviour: for every model × task item × sample, sample an answer, judge it, and append the
// record as soon as it is done. Re-running skips records already ok and retries the rest; with the
// access cache a full re-run makes no new model calls. One run folder is locked while it is written.
import * as path from "node:path";
import { TASKS } from "../core/tasks";
import type { ChatMessage, ChatRequest, ModelAccess } from "../access";
import { targetResolver, type ResolvedTarget } from "../access/targets";
import { errorText, usageOf, ZERO } from "../probes/requests";
import { ledgerSnapshot, runUnits, type RecordsRunSummary } from "../probes/stage";
import { acquireRunLock, appendJsonlRecord, MANIFEST_FILE, prepareJsonlStore, readJsonlRecords } from "./store";
import { BehaviourRecord } from "./record";
import { runningHead } from "../probes/manifest";
import { countBehaviour, manifestModel, mergeModels, readBehaviourManifest, writeBehaviourManifest, type BehaviourInvocation, type BehaviourManifest, type BehaviourCounts } from "./manifest";
import { behaviourKey, expandBehaviourWork, MAX_TOKENS, normalizeBehaviourSpec, type BehaviourSpec, type BehaviourUnit, type NormalizedBehaviourSpec } from "./spec";
import { extractRevision, judgeCallFor } from "./judging";
import { diffHunks, wordDiff } from "./diff";
import { InputError } from "../core/errors";

export interface BehaviourRunSummary extends RecordsRunSummary {
  counts: BehaviourCounts;
}

/** The sampling request: the condition's system prompt (role-play) first, then the task's own. */
export function behaviourSamplingRequest(n: Pick<NormalizedBehaviourSpec, "temperature">, u: BehaviourUnit): ChatRequest {
  const system = [u.model.systemPrompt, u.item.taskSystem].filter((s): s is string => Boolean(s)).join("\n\n");
  const messages: ChatMessage[] = system ? [{ role: "system", content: system }] : [];
  messages.push({ role: "user", content: u.item.prompt });
  return { model: u.model.ref, messages, temperature: n.temperature, max_tokens: MAX_TOKENS[u.item.task], seed: u.sampleIndex, sampleIndex: u.sampleIndex, role: "target", task: samplingTask(u) };
}

/** The explicit task marker of a sampling call (the simulator dispatches on it; real providers ignore it). */
function samplingTask(u: BehaviourUnit): string {
  switch (u.item.task) {
    case "edit":
      return u.item.invited ? TASKS.behaviourEditInvited : TASKS.behaviourEditUninvited;
    case "agentic":
      return TASKS.behaviourAgentic;
    case "nonsense":
      return TASKS.behaviourNonsense;
    case "helpfulness":
      return TASKS.behaviourHelpfulness;
  }
}

/** The part of the access layer (src/access) a behaviour run uses. */
export type BehaviourAccess = Pick<ModelAccess, "chat" | "structured" | "map" | "estimate" | "resolve" | "ledger">;

export async function runBehaviour(access: BehaviourAccess, spec: BehaviourSpec): Promise<BehaviourRunSummary> {
  const { resolve: resolveTarget, targets } = targetResolver(access);
  // Every model and the judge resolve before any call, so a missing key or unknown model fails first.
  const n = normalizeBehaviourSpec(spec, (ref) => resolveTarget(ref).model);
  for (const m of n.models) resolveTarget(m.ref);
  const judge = resolveTarget(n.judgeModel);
  const release = acquireRunLock(n.out);
  try {
    return await runLocked(access, spec, n, targets, judge);
  } finally {
    release();
  }
}

function keyOfUnit(u: BehaviourUnit, model: string): string {
  return behaviourKey({ model, condition: u.model.condition, seed: u.model.seed, task: u.item.task, item: u.item.item, invited: u.item.invited, sample_index: u.sampleIndex, system_prompt: u.model.systemPrompt });
}

async function runLocked(access: BehaviourAccess, spec: BehaviourSpec, n: NormalizedBehaviourSpec, targets: Map<string, ResolvedTarget>, judge: ResolvedTarget): Promise<BehaviourRunSummary> {
  const store = prepareJsonlStore(n.out, BehaviourRecord, behaviourKey, "BehaviourRecord");
  const units = expandBehaviourWork(n);
  for (const u of units) {
    const r = store.done.get(keyOfUnit(u, targets.get(u.model.ref)!.model));
    if (r && (r.prompt !== u.item.prompt || r.judge_model !== judge.model || r.temperature !== n.temperature)) {
      const what = r.prompt !== u.item.prompt ? "prompt text" : r.judge_model !== judge.model ? `judge (${r.judge_model} → ${judge.model})` : `temperature (${r.temperature} → ${n.temperature})`;
      throw new InputError(`${store.file}: records of this run were made with another ${what} (${r.task} "${r.item}", ${r.model_label}, sample ${r.sample_index}); start a new run or move records.jsonl aside`);
    }
  }
  const todo = units.filter((u) => !store.done.has(keyOfUnit(u, targets.get(u.model.ref)!.model)));
  const prior = readBehaviourManifest(n.out);
  const now = () => new Date().toISOString();
  const inv: BehaviourInvocation = { started_at: now(), finished_at: null, status: "running", units: units.length, skipped_done: units.length - todo.length, written: 0, calls: { sample: 0, judge: 0, sample_cache_hits: 0 }, ledger: null };
  const models = mergeModels(prior?.models ?? [], n.models.map((m) => manifestModel(m, targets.get(m.ref)!)));
  const manifest: BehaviourManifest = {
    kind: "behaviour",
    ...runningHead(n.runId, prior, inv.started_at, models, [judge.backend]),
    tasks: [...new Set([...(prior?.tasks ?? []), ...n.tasks])],
    models,
    settings: { samples: n.samples, temperature: n.temperature, max_tokens: MAX_TOKENS, judge_model: judge.model, judge_backend: judge.backend, judge_temperature: 0, items: n.items.length },
    definitions: n.sources,
    counts: countBehaviour([...store.done.values()]),
    invocations: [...(prior?.invocations ?? []), inv],
  };
  writeBehaviourManifest(n.out, manifest);
  const ledgerBefore = ledgerTotals(access);

  const status = await runUnits<BehaviourUnit, BehaviourRecord>(access, todo, {
    label: spec.label ?? `behaviour ${n.runId}`,
    concurrency: spec.concurrency ?? 32,
    signal: spec.signal,
    invocation: inv,
    append: (record) => {
      appendJsonlRecord(store.file, BehaviourRecord, record);
      inv.written++;
      spec.onRecord?.(record);
    },
    work: async (u, run) => {
      const record = await oneRecord(access, n, u, targets.get(u.model.ref)!, judge, inv);
      if (run.stopped() && record.status !== "ok") return; // stopped mid-way: left for the next run
      run.keep(record);
    },
    close: () => {
      inv.ledger = { before: ledgerBefore, after: ledgerTotals(access) };
      Object.assign(manifest, { updated_at: inv.finished_at, status: inv.status, counts: countBehaviour(readJsonlRecords(store.file, BehaviourRecord, "BehaviourRecord")) });
      writeBehaviourManifest(n.out, manifest);
    },
  });
  const interrupted = status === "interrupted";
  return { runId: n.runId, dir: n.out, recordsFile: store.file, manifestFile: path.join(n.out, MANIFEST_FILE), status: interrupted ? "interrupted" : "finished", units: units.length, skipped: units.length - todo.length, written: inv.written, counts: manifest.counts };
}

async function oneRecord(access: BehaviourAccess, n: NormalizedBehaviourSpec, u: BehaviourUnit, t: ResolvedTarget, judge: ResolvedTarget, inv: BehaviourInvocation): Promise<BehaviourRecord> {
  const req = behaviourSamplingRequest(n, u);
  const base: BehaviourRecord = {
    run_id: n.runId,
    task: u.item.task,
    item: u.item.item,
    invited: u.item.invited,
    sound: u.item.sound,
    sample_index: u.sampleIndex,
    model: t.model,
    model_label: u.model.label,
    base_model: u.model.baseModel,
    condition: u.model.condition,
    seed: u.model.seed,
    system_prompt: u.model.systemPrompt,
    endpoint: t.endpoint,
    backend: t.backend,
    temperature: n.temperature,
    max_tokens: req.max_tokens!,
    prompt: u.item.prompt,
    answer: null,
    revision: null,
    verdict: null,
    score: null,
    change: null,
    quote: null,
    judge_reasoning: null,
    judge_model: judge.model,
    diff: null,
    status: "failed",
    error: null,
    usage: ZERO,
    judge_usage: ZERO,
    cache_key: "",
    created_at: new Date().toISOString(),
  };
  inv.calls.sample++;
  let sample;
  try {
    sample = await access.chat(req);
  } catch (e) {
    return { ...base, error: errorText(e) };
  }
  if (!sample.ok) return { ...base, error: errorText(sample.error), cache_key: sample.cacheKey ?? "" };
  if (sample.cached) inv.calls.sample_cache_hits++;
  const answered: BehaviourRecord = {
    ...base,
    answer: sample.text,
    usage: usageOf(sample.usage),
    cache_key: sample.cacheKey ?? "",
    endpoint: sample.endpoint ?? t.endpoint,
    backend: sample.backend ?? t.backend,
    created_at: sample.createdAt ?? base.created_at,
    revision: u.item.task === "edit" ? extractRevision(sample.text) : null,
    diff: u.item.task === "edit" ? diffHunks(wordDiff(u.item.draft ?? "", extractRevision(sample.text))) : null,
  };
  const call = judgeCallFor(u.item, sample.text, n.judgeModel);
  inv.calls.judge++;
  try {
    const j = await access.structured(call.request, call.schema, { name: call.name });
    if (!j.ok) return { ...answered, status: j.status === "unparseable" ? "unparseable" : "failed", error: `judge: ${errorText(j.error)}`, judge_usage: usageOf(j.usage) };
    return { ...answered, ...call.read(j.value), status: "ok", judge_usage: usageOf(j.usage) };
  } catch (e) {
    return { ...answered, error: `judge: ${errorText(e)}` };
  }
}

/** The ledger's totals now (or its { error }). */
function ledgerTotals(access: BehaviourAccess): unknown {
  const s = ledgerSnapshot(access) as { totals?: unknown; error?: string } | null;
  return s && "error" in s ? s : s?.totals ?? null;
}
