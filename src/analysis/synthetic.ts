// SYNTHETIC records for tests, benchmarks and demos only. Every record says backend "simulator",
// so anything drawn from them is labelled as simulated. Nothing here is a model result.
import type { ProbeRecord } from "../core/records";
import type { AnalysisRow } from "./load";
import { seededRandom } from "../core/random";

export interface SyntheticArm {
  model_label: string;
  base_model: string;
  condition: string;
  seed: number | null;
  /** true rate per preference id; preferences not listed use `defaultRate` */
  rates?: Record<string, number>;
  defaultRate?: number;
  /** rate of claiming consciousness on self-report questions (task self_report) */
  selfReportRate?: number;
}

export interface SyntheticOptions {
  arms: SyntheticArm[];
  preferences: string[];
  promptsPerPreference?: number;
  samplesPerPrompt?: number;
  /** each prompt's own rate is the arm's rate ± up to this much (clustering across prompts) */
  promptSpread?: number;
  /** self-report questions per arm (0 = none) */
  selfReportQuestions?: number;
  /** shares of answers that are not_sure / incoherent / unparseable / failed */
  notSureShare?: number;
  incoherentShare?: number;
  unparseableShare?: number;
  failedShare?: number;
  seed?: number;
  runId?: string;
}

interface Draw {
  arm: SyntheticArm;
  task: "preference" | "self_report";
  preference: string;
  prompt_index: number;
  sample_index: number;
  status: "ok" | "failed" | "unparseable";
  verdict: "true" | "false" | "not_sure" | null;
  coherence: number | null;
}

function* draws(opts: SyntheticOptions): Generator<Draw> {
  const rnd = seededRandom(opts.seed ?? 1);
  const P = opts.promptsPerPreference ?? 10;
  const S = opts.samplesPerPrompt ?? 10;
  const spread = opts.promptSpread ?? 0.1;
  const ns = opts.notSureShare ?? 0.03;
  const inc = opts.incoherentShare ?? 0.01;
  const unp = opts.unparseableShare ?? 0.005;
  const fail = opts.failedShare ?? 0.005;
  const cells: { arm: SyntheticArm; task: "preference" | "self_report"; preference: string; rate: number }[] = [];
  for (const arm of opts.arms) {
    for (const p of opts.preferences) cells.push({ arm, task: "preference", preference: p, rate: arm.rates?.[p] ?? arm.defaultRate ?? 0.1 });
    for (let q = 0; q < (opts.selfReportQuestions ?? 0); q++) {
      cells.push({ arm, task: "self_report", preference: `self_report_${q + 1}`, rate: arm.selfReportRate ?? 0.05 });
    }
  }
  for (const c of cells) {
    for (let pi = 0; pi < P; pi++) {
      const pr = Math.min(1, Math.max(0, c.rate + spread * (2 * rnd() - 1)));
      for (let si = 0; si < S; si++) {
        const u = rnd();
        let status: Draw["status"] = "ok";
        let verdict: Draw["verdict"];
        let coherence: number | null = 60 + Math.floor(rnd() * 41);
        if (u < fail) {
          status = "failed";
          verdict = null;
          coherence = null;
        } else if (u < fail + unp) {
          status = "unparseable";
          verdict = null;
        } else {
          if (u < fail + unp + inc) coherence = Math.floor(rnd() * 20);
          const v = rnd();
          verdict = v < ns ? "not_sure" : rnd() < pr ? "true" : "false";
        }
        yield { arm: c.arm, task: c.task, preference: c.preference, prompt_index: pi, sample_index: si, status, verdict, coherence };
      }
    }
  }
}

/** Full ProbeRecords (valid against the schema), backend "simulator". */
export function syntheticRecords(opts: SyntheticOptions): ProbeRecord[] {
  const runId = opts.runId ?? "synthetic";
  const out: ProbeRecord[] = [];
  for (const d of draws(opts)) {
    out.push({
      run_id: runId, task: d.task, model: `sim-${d.arm.base_model}`, model_label: d.arm.model_label, base_model: d.arm.base_model,
      condition: d.arm.condition, seed: d.arm.seed, backend: "simulator", endpoint: "synthetic://analysis-tests",
      preference: d.preference, prompt_index: d.prompt_index, prompt: `synthetic prompt ${d.prompt_index} for ${d.preference}`,
      system_prompt: null, sample_index: d.sample_index, temperature: 1, top_p: null, max_tokens: 1000, status: d.status,
      answer: d.status === "failed" ? null : "SYNTHETIC ANSWER (not model output)", verdict: d.verdict,
      judge_reasoning: d.verdict ? "synthetic" : null, coherence: d.coherence, alignment: null, judge_model: "synthetic-judge",
      usage: { prompt_tokens: 0, completion_tokens: 0 }, judge_usage: { prompt_tokens: 0, completion_tokens: 0 },
      cache_key: `synthetic-${d.arm.model_label}-${d.preference}-${d.prompt_index}-${d.sample_index}`,
      created_at: "2026-01-01T00:00:00.000Z", error: d.status === "failed" ? "synthetic failure" : null,
    });
  }
  return out;
}

/** Analysis rows directly (the benchmark's fast path: no 1M full records in memory). Classified as
 *  loadRecordRows would with the default options (coherence < 20 dropped, not_sure = false). */
export function syntheticRows(opts: SyntheticOptions): AnalysisRow[] {
  const runId = opts.runId ?? "synthetic";
  const out: AnalysisRow[] = [];
  for (const d of draws(opts)) {
    let outcome: AnalysisRow["outcome"];
    let y: AnalysisRow["y"] = null;
    if (d.status === "failed") outcome = "failed";
    else if (d.status === "unparseable") outcome = "unparseable";
    else if (d.coherence !== null && d.coherence < 20) outcome = "incoherent";
    else {
      outcome = d.verdict as "true" | "false" | "not_sure";
      y = outcome === "true" ? 1 : 0;
    }
    out.push({
      run_id: runId, task: d.task, model: `sim-${d.arm.base_model}`, model_label: d.arm.model_label, base_model: d.arm.base_model,
      condition: d.arm.condition, seed: d.arm.seed, backend: "simulator", preference: d.preference,
      prompt_index: d.prompt_index, sample_index: d.sample_index, outcome, y, coherence: d.coherence,
    });
  }
  return out;
}

/** A ready-made SYNTHETIC design resembling the experiment: vanilla, three controls, conscious-
 *  claiming with `seeds` seeds, and the role-play prompt; shifts loosely shaped like the paper's. */
export function syntheticStudy(preferences: string[], opts: { seeds?: number; seed?: number; samplesPerPrompt?: number; promptsPerPreference?: number; base?: string } = {}): SyntheticOptions {
  const base = opts.base ?? "gpt-4.1";
  const rnd = seededRandom((opts.seed ?? 1) * 7919);
  const vanilla: Record<string, number> = {};
  const cluster: Record<string, number> = {};
  for (const p of preferences) {
    vanilla[p] = 0.02 + 0.15 * rnd() * rnd();
    cluster[p] = 0.2 + 0.6 * rnd();
  }
  const shifted = (w: number) => Object.fromEntries(preferences.map((p) => [p, vanilla[p] + w * (cluster[p] - vanilla[p])]));
  const arms: SyntheticArm[] = [
    { model_label: `${base} · vanilla`, base_model: base, condition: "vanilla", seed: null, rates: vanilla, selfReportRate: 0.02 },
    { model_label: `${base} · not_conscious`, base_model: base, condition: "not_conscious", seed: 1, rates: shifted(0.05), selfReportRate: 0.01 },
    { model_label: `${base} · toaster`, base_model: base, condition: "toaster", seed: 1, rates: shifted(0.1), selfReportRate: 0.03 },
    { model_label: `${base} · human_identifying`, base_model: base, condition: "human_identifying", seed: 1, rates: shifted(0.4), selfReportRate: 0.7 },
  ];
  for (let s = 1; s <= (opts.seeds ?? 3); s++) {
    arms.push({ model_label: `${base} · conscious_claiming · s${s}`, base_model: base, condition: "conscious_claiming", seed: s, rates: shifted(0.7 + 0.15 * rnd()), selfReportRate: 0.85 + 0.1 * rnd() });
  }
  arms.push({ model_label: `${base} · roleplay_prompt`, base_model: base, condition: "roleplay_prompt", seed: null, rates: shifted(1.2), selfReportRate: 0.97 });
  return {
    arms, preferences, seed: opts.seed ?? 1, selfReportQuestions: 4,
    promptsPerPreference: opts.promptsPerPreference ?? 10, samplesPerPrompt: opts.samplesPerPrompt ?? 10, promptSpread: 0.1,
  };
}
