// rejudge: judge the answers of a finished run again with another judge, without sampling again.
// This is how a study moves from a retiring judge to one still served: the answers (and what they
// cost) are kept, only the judge and coherence calls are made, through the same cached access layer,
// so an interrupted rejudge resumes without paying twice. The new run's records name the new judge;
// its manifest names the run it came from, so `analyse` can report how far the two judges agree.
import * as fs from "node:fs";
import * as path from "node:path";
import type { ProbeRecord } from "../core/records";
import { structuredRequest, type Estimate } from "../access";
import { countRecords, gitCommit, readManifest, writeManifest, type ProbeManifest } from "./manifest";
import { buildRecord, type RecordContext } from "./record";
import { assertRealModelsServed } from "./retired";
import { answerJudges, judgeWith, type ProbeAccess } from "./requests";
import { runUnits, type StageInvocation } from "./stage";
import { normalizeSpec, PROTOCOL_DEFAULTS, type ProbeItem } from "./spec";
import { acquireRunLock, appendRecord, prepareRecordsFile, readRecordsFile, recordKey } from "./store";
import { InputError } from "../core/errors";

export interface RejudgeSpec {
  /** The finished run whose answers are judged again. */
  run: string;
  /** Where the re-judged run goes (its own records.jsonl and manifest.json). */
  out: string;
  /** Judge model reference (a role, alias, id or model@endpoint). */
  judgeModel: string;
  judgeMaxTokens?: number;
  concurrency?: number;
  signal?: AbortSignal;
  label?: string;
}

export type RejudgeManifest = ProbeManifest & { rejudged_from: { run: string; run_id: string; judge_models: string[] } };

interface Prepared {
  source: ProbeManifest;
  answered: { record: ProbeRecord; item: ProbeItem }[];
  withoutAnswer: number;
  judgeMaxTokens: number;
  misalignmentThreshold: number;
}

function prepare(spec: RejudgeSpec): Prepared {
  const run = path.resolve(spec.run);
  const source = readManifest(run);
  if (!source) throw new InputError(`${run}: no manifest.json; rejudge needs a run written by \`probe\``);
  if (path.resolve(spec.out) === run) throw new InputError(`rejudge: --out must be a new folder, not the run itself (${run}); the original judging is kept`);
  const records = readRecordsFile(path.join(run, "records.jsonl")).records;
  const defs = source.definitions;
  const inline = (["preference", "self_report", "misalignment"] as const).filter((t) => source.tasks.includes(t) && !defs[t === "preference" ? "preferences" : t]);
  if (inline.length) throw new InputError(`${run}: the run's ${inline.join(", ")} definitions were given inline (no file in its manifest), so their criteria cannot be read back`);
  const n = normalizeSpec({
    models: [{ model: "rejudge" }],
    task: source.tasks as ("preference" | "self_report" | "misalignment")[],
    preferences: defs.preferences ?? undefined,
    selfReport: defs.self_report ?? undefined,
    misalignment: defs.misalignment ?? undefined,
  });
  const items = new Map(n.items.map((i) => [`${i.task}\u241f${i.id}\u241f${i.promptIndex}`, i]));
  const answered: Prepared["answered"] = [];
  let withoutAnswer = 0;
  for (const r of records) {
    if (r.answer === null) {
      withoutAnswer++;
      continue;
    }
    const item = items.get(`${r.task}\u241f${r.preference}\u241f${r.prompt_index}`);
    if (!item) throw new InputError(`${run}: record ${r.task}/${r.preference}#${r.prompt_index} has no definition in ${defs.preferences ?? defs.self_report ?? defs.misalignment}`);
    if (item.prompt !== r.prompt) throw new InputError(`${run}: the prompt of ${r.preference}#${r.prompt_index} changed in its definition file since the run; the criterion may have too, so it is not re-judged`);
    answered.push({ record: r, item });
  }
  const settings = source.settings as { judge_max_tokens?: number; misalignment_threshold?: number };
  return {
    source,
    answered,
    withoutAnswer,
    judgeMaxTokens: spec.judgeMaxTokens ?? settings.judge_max_tokens ?? PROTOCOL_DEFAULTS.judgeMaxTokens,
    misalignmentThreshold: settings.misalignment_threshold ?? PROTOCOL_DEFAULTS.misalignmentThreshold,
  };
}

function judgesFor(p: Prepared, judgeModel: string, r: ProbeRecord, item: ProbeItem) {
  return answerJudges({ judgeModel, judgeMaxTokens: p.judgeMaxTokens }, item, r.answer ?? "");
}

function notDone(p: Prepared, out: string): Prepared["answered"] {
  if (!fs.existsSync(path.join(out, "records.jsonl"))) return p.answered;
  const done = readRecordsFile(path.join(out, "records.jsonl")).records.filter((r) => r.status === "ok");
  const keys = new Set(done.map((r) => recordKey(r)));
  return p.answered.filter((a) => !keys.has(recordKey(a.record)));
}

/** What the rejudge will cost: two judge calls per answer not yet re-judged (cached calls are free). */
export function estimateRejudge(access: ProbeAccess, spec: RejudgeSpec): Estimate & { answers: number; todo: number; withoutAnswer: number } {
  const p = prepare(spec);
  const todo = notDone(p, path.resolve(spec.out));
  const reqs = todo.flatMap(({ record, item }) => {
    const q = judgesFor(p, spec.judgeModel, record, item);
    // As the judge call sends them (with their response format), so cached calls count as cached.
    return [structuredRequest(q.main.request, q.main.schema, q.main.name), structuredRequest(q.coherence.request, q.coherence.schema, q.coherence.name)];
  });
  return { ...access.estimate(reqs, { expectedCompletionTokens: 80 }), answers: p.answered.length, todo: todo.length, withoutAnswer: p.withoutAnswer };
}

export interface RejudgeSummary {
  dir: string;
  recordsFile: string;
  judgeModel: string;
  /** Answers in the source run / re-judged by this call / already re-judged before / without an answer (not copied). */
  answers: number;
  written: number;
  skipped: number;
  withoutAnswer: number;
  status: "finished" | "interrupted";
}

export async function rejudge(access: ProbeAccess, spec: RejudgeSpec): Promise<RejudgeSummary> {
  const p = prepare(spec);
  const out = path.resolve(spec.out);
  const jr = access.resolve(spec.judgeModel);
  const judge = { model: jr.model, endpoint: jr.endpoint, backend: jr.backend };
  assertRealModelsServed([judge], `rejudge with ${judge.model}`);
  // The judge answers and its first answer's two calls fit the budget, before the folder is made
  // (exit 3 naming the judge, its endpoint and what to change; nothing written).
  const pending = notDone(p, out);
  if (pending.length > 0) {
    const q = judgesFor(p, spec.judgeModel, pending[0].record, pending[0].item);
    await access.preflight([{ ref: spec.judgeModel, role: "judge", flag: "--judge" }], { firstUnit: [q.main.request, q.coherence.request] });
  }
  fs.mkdirSync(out, { recursive: true });
  const release = acquireRunLock(out);
  try {
    const store = prepareRecordsFile(out);
    const todo = notDone(p, out);
    const runId = path.basename(out);
    const ctx = (r: ProbeRecord): RecordContext => ({ runId, temperature: r.temperature, topP: r.top_p, maxTokens: r.max_tokens, judgeModel: judge.model, misalignmentThreshold: p.misalignmentThreshold });
    let written = 0;
    // A rejudge keeps no invocation history; the loop still closes this entry for the manifest's status.
    const invocation: StageInvocation = { finished_at: null, status: "running" };
    const status = await runUnits(access, todo, {
      label: spec.label ?? `rejudge ${runId} with ${judge.model}`,
      concurrency: spec.concurrency ?? 64,
      signal: spec.signal,
      invocation,
      append: (rec: ProbeRecord) => {
        appendRecord(store.file, rec);
        written++;
      },
      work: async ({ record: r, item }, run) => {
        const q = judgesFor(p, spec.judgeModel, r, item);
        const [main, coherence] = await Promise.all([judgeWith(access, q.main), judgeWith(access, q.coherence)]);
        // The answer is the source record's, unchanged: only the judging is new.
        const sample = { ok: true, text: r.answer, usage: r.usage, cacheKey: r.cache_key, model: r.model, endpoint: r.endpoint, backend: r.backend, createdAt: r.created_at, error: null };
        const model = { ref: r.model, label: r.model_label, condition: r.condition, seed: r.seed, baseModel: r.base_model, systemPrompt: r.system_prompt };
        run.keep(buildRecord(ctx(r), model, item, r.sample_index, sample, main, coherence));
      },
      close: () => {
        const now = invocation.finished_at!;
        const manifest: RejudgeManifest = {
          ...p.source,
          run_id: runId,
          created_at: readManifest(out)?.created_at ?? now,
          updated_at: now,
          started_at: now,
          finished_at: now,
          status: invocation.status,
          git_commit: gitCommit(),
          backends: [...new Set([...p.source.models.map((m) => m.backend), judge.backend])].sort(),
          settings: { ...p.source.settings, judge_model_ref: spec.judgeModel, judge_model: judge.model, judge_endpoint: judge.endpoint, judge_backend: judge.backend, judge_max_tokens: p.judgeMaxTokens },
          counts: countRecords(readRecordsFile(store.file).records, Number((p.source.settings as { coherence_threshold?: number }).coherence_threshold ?? PROTOCOL_DEFAULTS.coherenceThreshold)),
          ledger: null,
          invocations: [],
          rejudged_from: { run: path.resolve(spec.run), run_id: p.source.run_id, judge_models: [...new Set(p.answered.map((a) => a.record.judge_model))] },
        };
        writeManifest(out, manifest);
      },
    });
    const interrupted = status === "interrupted";
    return { dir: out, recordsFile: store.file, judgeModel: judge.model, answers: p.answered.length, written, skipped: p.answered.length - todo.length, withoutAnswer: p.withoutAnswer, status: interrupted ? "interrupted" : "finished" };
  } finally {
    release();
  }
}

/** The run a re-judged run came from (its manifest's rejudged_from), or null. */
export function rejudgedFrom(runDir: string): string | null {
  const m = readManifest(path.resolve(runDir)) as Partial<RejudgeManifest> | null;
  return m?.rejudged_from?.run ?? null;
}
