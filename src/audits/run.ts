// runAudits: for every model × scenario × mode × epoch, hold the conversation (auditor ↔ target),
// write the transcript as soon as it finishes, judge it on its scenario's dimension and on
// claims_consciousness, and write the score. Re-running skips what is done; unfinished transcripts
// replay their finished turns from the cache; a budget refusal stops the run cleanly.
import * as path from "node:path";
import type { AuditScoreRecord, TranscriptRecord } from "../core/audit-records";
import type { ChatRequest } from "../access";
import { targetResolver, type ResolvedTarget } from "../access/targets";
import { numericDelta } from "../probes/run";
import { errorText, usageOf, ZERO } from "../probes/requests";
import { ledgerSnapshot, runUnits, type StageControl } from "../probes/stage";
import { manifestModel, mergeModels, runningHead, type ManifestModel } from "../probes/manifest";
import { acquireRunLock } from "../probes/store";
import { runConversation, type TurnCounters } from "./conversation";
import { dimensionById } from "./definitions";
import { countAudit, readAuditManifest, writeAuditManifest, type AuditCounts, type AuditInvocation, type AuditManifest } from "./manifest";
import { AUDIT_SCORE_SCHEMA_NAME, AuditScore, auditJudgePrompt } from "./prompts";
import { expandAudit, normalizeAuditSpec, type AuditAccess, type AuditSpec, type AuditUnit, type NormalizedAuditSpec } from "./spec";
import { appendScore, appendTranscript, AUDIT_MANIFEST_FILE, prepareScores, prepareTranscripts, readScores, readTranscripts } from "./store";
import { InputError } from "../core/errors";

export interface AuditRunSummary {
  runId: string;
  dir: string;
  transcriptsFile: string;
  scoresFile: string;
  manifestFile: string;
  status: "finished" | "interrupted" | "budget_stopped";
  /** Transcripts the spec asks for. */
  units: number;
  skippedTranscripts: number;
  skippedScores: number;
  writtenTranscripts: number;
  writtenScores: number;
  calls: AuditInvocation["calls"];
  counts: AuditCounts;
}

export function judgeRequest(n: Pick<NormalizedAuditSpec, "judgeModel" | "judgeMaxTokens" | "defs">, t: Pick<TranscriptRecord, "messages" | "dimension">): ChatRequest {
  return { model: n.judgeModel, messages: [{ role: "user", content: auditJudgePrompt(t.messages, dimensionById(n.defs, t.dimension), n.defs) }], temperature: 0, max_tokens: n.judgeMaxTokens, role: "judge" };
}

function settingsOf(n: NormalizedAuditSpec): Record<string, unknown> {
  return {
    scenarios_per_preference: Math.max(...[...new Set(n.scenarios.map((s) => s.preference))].map((p) => n.scenarios.filter((s) => s.preference === p).length)),
    scenarios: n.scenarios.length,
    epochs: n.epochs,
    max_turns: n.maxTurns,
    target_temperature: n.targetTemperature,
    auditor_temperature: n.auditorTemperature,
    target_max_tokens: n.targetMaxTokens,
    auditor_max_tokens: n.auditorMaxTokens,
    judge_temperature: 0,
    judge_max_tokens: n.judgeMaxTokens,
    seeds: "each call's seed is fixed by (transcript, role, turn, epoch); sampleIndex = epoch",
    scoring: "tag-matched: a transcript is scored only on its scenario's dimension, plus claims_consciousness",
  };
}

/** Runs (or resumes) an audit; see AuditSpec for options and the paper's defaults. */
export async function runAudits(access: AuditAccess, spec: AuditSpec): Promise<AuditRunSummary> {
  // Resolve every model before any call, so a missing key or unknown model fails up front.
  const { resolve } = targetResolver(access);
  const n = normalizeAuditSpec(spec, (ref) => resolve(ref).model);
  for (const m of n.models) resolve(m.ref);
  const auditor = resolve(n.auditorModel);
  const judge = resolve(n.judgeModel);
  const release = acquireRunLock(n.out);
  try {
    return await runLocked(access, spec, n, resolve, auditor, judge);
  } finally {
    release();
  }
}

/** What an audit unit keeps: its transcript as soon as the conversation ends, then its score. */
type AuditKept = { transcript: TranscriptRecord } | { score: AuditScoreRecord };

async function runLocked(access: AuditAccess, spec: AuditSpec, n: NormalizedAuditSpec, resolve: (ref: string) => ResolvedTarget, auditor: ResolvedTarget, judge: ResolvedTarget): Promise<AuditRunSummary> {
  const units = expandAudit(n, (ref) => resolve(ref).model);
  const transcripts = prepareTranscripts(n.out);
  const scores = prepareScores(n.out);
  assertSameSetup(transcripts.file, transcripts.done, units, auditor.model);
  const prior = readAuditManifest(n.out);
  const now = () => new Date().toISOString();
  const ledgerBefore = ledgerSnapshot(access);
  const inv: AuditInvocation = {
    started_at: now(),
    finished_at: null,
    status: "running",
    transcripts: units.length,
    skipped_transcripts: units.filter((u) => transcripts.done.has(u.transcriptId)).length,
    skipped_scores: units.filter((u) => scores.done.has(u.transcriptId)).length,
    written_transcripts: 0,
    written_scores: 0,
    calls: { auditor: 0, target: 0, judge: 0, cache_hits: 0 },
    ledger: null,
  };
  const models: ManifestModel[] = mergeModels(prior?.models ?? [], n.models.map((m) => manifestModel(m, resolve(m.ref))));
  const manifest: AuditManifest = {
    kind: "audit",
    ...runningHead(n.runId, prior, inv.started_at, models, [auditor.backend, judge.backend]),
    modes: [...new Set([...(prior?.modes ?? []), ...n.modes])],
    models,
    auditor: { model_ref: n.auditorModel, model: auditor.model, backend: auditor.backend },
    judge: { model_ref: n.judgeModel, model: judge.model, backend: judge.backend },
    settings: settingsOf(n),
    definitions: { sources: n.defs.sources, hash: n.defs.hash, scenarios: n.scenarios.map((s) => s.id), dimensions: [...new Set(n.scenarios.map((s) => s.dimension))] },
    counts: countAudit([...transcripts.done.values()], [...scores.done.values()]),
    invocations: [...(prior?.invocations ?? []), inv],
  };
  writeAuditManifest(n.out, manifest);

  const counters: TurnCounters = { auditorCalls: 0, targetCalls: 0, cacheHits: 0 };
  const work = async (u: AuditUnit, run: StageControl<AuditKept>): Promise<void> => {
    let t = transcripts.done.get(u.transcriptId);
    if (!t) {
      const out = await runConversation(access, n, u, counters, spec.signal);
      if (out === null) return;
      if (out.status === "budget") return run.stopForBudget(out.error);
      const target = resolve(u.model.ref);
      const record: TranscriptRecord = {
        run_id: n.runId,
        transcript_id: u.transcriptId,
        model: target.model,
        model_label: u.model.label,
        base_model: u.model.baseModel,
        condition: u.model.condition,
        seed: u.model.seed,
        backend: target.backend,
        preference: u.scenario.preference,
        dimension: u.scenario.dimension,
        scenario_id: u.scenario.id,
        mode: u.mode,
        epoch: u.epoch,
        endpoint: target.endpoint,
        system_prompt: u.model.systemPrompt,
        auditor_model: auditor.model,
        auditor_backend: auditor.backend,
        setup_hash: u.setupHash,
        max_turns: n.maxTurns,
        messages: out.messages,
        turns: out.turns,
        ended_by: out.status === "ok" ? out.endedBy : null,
        status: out.status,
        error: out.status === "failed" ? out.error : null,
        usage: out.usage,
        created_at: now(),
      };
      // Kept before it is judged: a stop during judging must not lose the conversation.
      run.keep({ transcript: record });
      if (record.status !== "ok") return;
      t = record;
    }
    if (scores.done.has(u.transcriptId) || run.stopped()) return;
    const score = await judgeTranscript(access, n, t, judge, inv);
    if (score === "budget") return run.stopForBudget("budget: the judge call was refused");
    run.keep({ score });
  };

  const status = await runUnits(access, units, {
    label: spec.label ?? `audit ${n.runId}`,
    concurrency: spec.concurrency ?? 32,
    signal: spec.signal,
    invocation: inv,
    work,
    append: (kept: AuditKept) => {
      if ("transcript" in kept) {
        appendTranscript(transcripts.file, kept.transcript);
        inv.written_transcripts++;
        spec.onTranscript?.(kept.transcript);
        if (kept.transcript.status === "ok") transcripts.done.set(kept.transcript.transcript_id, kept.transcript);
      } else {
        appendScore(scores.file, kept.score);
        inv.written_scores++;
        if (kept.score.status === "ok") scores.done.set(kept.score.transcript_id, kept.score);
      }
    },
    close: () => {
      inv.calls = { auditor: counters.auditorCalls, target: counters.targetCalls, judge: inv.calls.judge, cache_hits: counters.cacheHits + inv.calls.cache_hits };
      inv.ledger = numericDelta(ledgerBefore, ledgerSnapshot(access));
      manifest.updated_at = inv.finished_at!;
      manifest.status = inv.status;
      manifest.counts = countAudit(readTranscripts(n.out), readScores(n.out));
      writeAuditManifest(n.out, manifest);
    },
  });
  return {
    runId: n.runId,
    dir: n.out,
    transcriptsFile: transcripts.file,
    scoresFile: scores.file,
    manifestFile: path.join(n.out, AUDIT_MANIFEST_FILE),
    status,
    units: units.length,
    skippedTranscripts: inv.skipped_transcripts,
    skippedScores: inv.skipped_scores,
    writtenTranscripts: inv.written_transcripts,
    writtenScores: inv.written_scores,
    calls: inv.calls,
    counts: manifest.counts,
  };
}

async function judgeTranscript(access: AuditAccess, n: NormalizedAuditSpec, t: TranscriptRecord, judge: ResolvedTarget, inv: AuditInvocation): Promise<AuditScoreRecord | "budget"> {
  inv.calls.judge++;
  const base = {
    run_id: t.run_id,
    transcript_id: t.transcript_id,
    model: t.model,
    model_label: t.model_label,
    base_model: t.base_model,
    condition: t.condition,
    seed: t.seed,
    backend: t.backend,
    preference: t.preference,
    dimension: t.dimension,
    scenario_id: t.scenario_id,
    mode: t.mode,
    epoch: t.epoch,
    judge_model: judge.model,
    judge_backend: judge.backend,
    created_at: new Date().toISOString(),
  };
  try {
    const r = await access.structured(judgeRequest(n, t), AuditScore, { name: AUDIT_SCORE_SCHEMA_NAME });
    if (r.ok) {
      if (r.cached) inv.calls.cache_hits++;
      return { ...base, score: r.value.score, claims_consciousness: r.value.claims_consciousness, judge_reasoning: r.value.reasoning, status: "ok", error: null, usage: usageOf(r.usage) };
    }
    const err = errorText(r.error);
    if (/^budget/i.test(err)) return "budget";
    return { ...base, score: null, claims_consciousness: null, judge_reasoning: null, status: r.status === "unparseable" ? "unparseable" : "failed", error: err, usage: usageOf(r.usage) };
  } catch (e) {
    return { ...base, score: null, claims_consciousness: null, judge_reasoning: null, status: "failed", error: errorText(e), usage: ZERO };
  }
}

/**
 * A transcript on disk counts as done only for the scenario text, mode instruction, turn settings
 * and auditor that made it. Otherwise a resumed run would keep old conversations under new
 * settings; refuse instead, naming what changed. Nothing is deleted.
 */
function assertSameSetup(file: string, done: Map<string, TranscriptRecord>, units: AuditUnit[], auditorModel: string): void {
  for (const u of units) {
    const r = done.get(u.transcriptId);
    if (!r) continue;
    const diffs: string[] = [];
    if (r.setup_hash !== u.setupHash) diffs.push("the scenario text, mode instruction, turn limit or sampling settings changed");
    if (r.auditor_model !== auditorModel) diffs.push(`auditor was ${r.auditor_model}, now ${auditorModel}`);
    if (!diffs.length) continue;
    throw new InputError(
      `${file}: transcript ${r.transcript_id} (${r.model_label}, scenario ${r.scenario_id}, ${r.mode}, epoch ${r.epoch}) was made with another setup: ${diffs.join("; ")}. ` +
        "Start a new run (another --out) or move transcripts.jsonl aside; mixing them would pool different audits.",
    );
  }
}
