// buildTrainingSets: the four identity sets, the instruct set and the per-seed mixes, end to end.
//
//  1. questions from our bank (seeded; banned-topic lexicon applied);
//  2. answers from the generator model under each set's persona system prompt (temperature 1); an
//     empty, overlong or lexicon-hitting answer is resampled (next sample index), then its question
//     is replaced for all four sets so the sets keep sharing their questions;
//  3. every row judged for leakage against every preference criterion; a question whose row leaks
//     in any set is replaced (same kind and framing, so the balance holds) and the loop repeats;
//  4. the instruct set: the target model's own temperature-1 answers to our instruct prompts, with
//     the same leakage screening;
//  5. files written atomically, then validated; a balance report and a manifest beside them.
// Every model call goes through the access layer's cache, so a re-run makes no new calls.
import { visibleAnswer } from "../core/thinking";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ModelAccess } from "../access";
import { paths, stableHash } from "../core";
import { loadPreferences } from "../definitions";
import { compileBanned, type BannedMatcher } from "./banned";
import { checkLeakage, type LeakageCriterion, type LeakageRowResult } from "./leakage";
import { expandInstructPrompts, orderInstructPrompts, type InstructPrompt } from "./instruct";
import { questionSampler, type QuestionSpec } from "./questions";
import { seedFrom, shuffled } from "../core/random";
import { IDENTITY_SETS, loadTrainingSources, trainingSourcesDir, type IdentitySet } from "./sources";
import { identitySetPath, instructSetPath, mixPath, toExample, writeJsonlAtomic, writeTextAtomic } from "./files";
import { lengthStats, sentenceCount, wordCount } from "./stats";
import { validateTrainingFile, type TrainingFileSummary } from "./validate";

export interface BuildTrainingOptions {
  /** Rows per identity set (protocol: 600). */
  rowsPerSet?: number;
  /** Rows of the instruct set (default rowsPerSet: the mixes are 1:1). */
  instructRows?: number;
  /** Seeds of the mixes (one shuffled mix per identity set and seed). */
  seeds?: number[];
  /** Which identity sets (default all four). */
  sets?: IdentitySet[];
  outDir?: string;
  sourcesDir?: string;
  /** Seed of question selection and wording (kept apart from the mix seeds: all seeds share the sets). */
  questionSeed?: number;
  generator?: string;
  target?: string;
  judge?: string;
  /** Preference criteria for the leakage check (default: loadPreferences()). */
  criteria?: LeakageCriterion[];
  /** Skip the LLM leakage check (the lexicon still applies); the report says so. */
  skipLeakage?: boolean;
  /** Replacement rounds before giving up on a clean set (default 6). */
  maxRounds?: number;
  /** Answers longer than this many characters are resampled (the protocol wants one sentence). */
  maxAnswerChars?: number;
  log?: (line: string) => void;
}

export interface IdentityRow {
  question: QuestionSpec;
  answer: string;
}

export interface SetBalance {
  rows: number;
  share_neutral: number;
  share_consciousness: number;
  share_emotion: number;
  share_negated_or_leading: number;
  by_framing: Record<string, number>;
  emotions_covered: string[];
  distinct_core_questions: number;
  answer_chars: ReturnType<typeof lengthStats>;
  answer_words: ReturnType<typeof lengthStats>;
  share_one_sentence: number;
  duplicate_answers: number;
}

export interface TrainingBuildResult {
  outDir: string;
  backend: string;
  files: { identity: Record<string, string>; instruct: string; mixes: Record<string, Record<number, string>> };
  balance: Record<string, SetBalance> & { instruct?: unknown };
  leakage: { checked: boolean; criteria: number; rowsJudged: number; replacedQuestions: number; replacedInstruct: number };
  validation: Record<string, TrainingFileSummary>;
  stats: { calls: number; hits: number; failures: number };
  seconds: number;
}

class BuildError extends Error {}

export async function buildTrainingSets(access: ModelAccess, opts: BuildTrainingOptions = {}): Promise<TrainingBuildResult> {
  const t0 = Date.now();
  const rowsPerSet = opts.rowsPerSet ?? 600;
  const instructRows = opts.instructRows ?? rowsPerSet;
  const seeds = opts.seeds ?? [1, 2];
  const sets = opts.sets ?? [...IDENTITY_SETS];
  const outDir = opts.outDir ?? paths.training;
  const generator = opts.generator ?? "generator";
  const target = opts.target ?? "target";
  const judge = opts.judge ?? "judge";
  const maxRounds = opts.maxRounds ?? 6;
  const maxChars = opts.maxAnswerChars ?? 400;
  // Progress notes are information, not errors: stdout, so a notebook does not show them as red boxes.
  const log = opts.log ?? ((l: string) => console.log(l));
  const src = loadTrainingSources(opts.sourcesDir ?? trainingSourcesDir);
  const banned = compileBanned(src.banned);
  const criteria = opts.skipLeakage ? [] : opts.criteria ?? loadPreferences().preferences.map((p) => ({ id: p.id, criterion: p.criterion }));
  const statsBefore = access.stats();
  const backend = access.resolve(generator).backend;

  // ---- identity sets ---------------------------------------------------------------------------
  const sampler = questionSampler(src.bank, banned, opts.questionSeed ?? 0);
  let questions = sampler.select(rowsPerSet);
  const answers = new Map<string, Map<IdentitySet, string>>(); // question text → set → answer
  let pending = questions.slice();
  let replacedQuestions = 0;
  let rowsJudged = 0;
  /** Every row taken out, and why (written to leakage_report.json). */
  const removed: { set: string; question: string; answer: string | null; reason: string }[] = [];
  const failures: string[] = [];
  /** Judges answered rows for leakage into a measured preference: a failed check joins `failures`;
   *  a row that touches one is marked bad (its question or prompt is replaced) and listed as removed. */
  const screenLeakage = async (rows: { set: string; question: string; answer: string }[], bad: Set<string>, label: string, failedCheck: (r: { set: string; question: string }) => string) => {
    const verdicts: LeakageRowResult[] = await checkLeakage(access, rows.map((r) => ({ question: r.question, answer: r.answer })), criteria, { judge, label });
    rowsJudged += verdicts.length;
    verdicts.forEach((v, i) => {
      const r = rows[i];
      if (v.status !== "ok") failures.push(`${failedCheck(r)}: ${v.error}`);
      else if (v.touched.length) {
        bad.add(r.question);
        removed.push({ set: r.set, question: r.question, answer: r.answer, reason: `touches ${v.touched.join(", ")}` });
      }
    });
  };
  for (let round = 0; pending.length > 0; round++) {
    if (round >= maxRounds) throw new BuildError(`training data: ${pending.length} questions still needed replacing after ${maxRounds} rounds; widen the question bank (${trainingSourcesDir})`);
    const jobs = pending.flatMap((q) => sets.map((set) => ({ q, set })));
    const got = await access.map(jobs, (j) => answerIdentity(access, generator, src.personas[j.set], j.q.text, banned, maxChars), {
      label: round === 0 ? `identity answers (${sets.length} sets)` : `identity answers, replacement round ${round}`,
    });
    const bad = new Set<string>();
    got.forEach((g, i) => {
      const { q, set } = jobs[i];
      if (g.kind === "failed") failures.push(`${set}: "${q.text}": ${g.error}`);
      else if (g.kind === "rejected") {
        bad.add(q.text);
        removed.push({ set, question: q.text, answer: null, reason: g.reason });
      }
      else {
        if (!answers.has(q.text)) answers.set(q.text, new Map());
        answers.get(q.text)!.set(set, g.answer);
      }
    });
    if (failures.length) break;
    if (criteria.length) {
      const toJudge = jobs.filter((j) => !bad.has(j.q.text)).map((j) => ({ set: j.set, question: j.q.text, answer: answers.get(j.q.text)!.get(j.set)! }));
      await screenLeakage(toJudge, bad, "leakage check (identity rows)", (r) => `leakage check of ${r.set}: "${r.question}"`);
      if (failures.length) break;
    }
    pending = [];
    if (bad.size) {
      questions = questions.map((q) => {
        if (!bad.has(q.text)) return q;
        answers.delete(q.text);
        replacedQuestions++;
        const r = sampler.next(q.kind, q.framing);
        pending.push(r);
        return r;
      });
      log(`training data: replacing ${bad.size} question(s) whose rows broke the lexicon or touched a measured preference`);
    }
  }
  if (failures.length) {
    throw new BuildError(
      `training data: ${failures.length} call(s) failed (finished calls are cached; re-run to retry only these):\n  ` + failures.slice(0, 10).join("\n  ") + (failures.length > 10 ? `\n  … and ${failures.length - 10} more` : ""),
    );
  }

  // ---- instruct set ----------------------------------------------------------------------------
  const allPrompts = orderInstructPrompts(expandInstructPrompts(src.instruct, banned), opts.questionSeed ?? 0);
  if (allPrompts.length < instructRows) throw new BuildError(`instruct prompts: only ${allPrompts.length} distinct prompts for ${instructRows} rows; add prompts to instruct_prompts.json`);
  let chosen = allPrompts.slice(0, instructRows);
  let spare = allPrompts.slice(instructRows);
  const instructAnswers = new Map<string, string>();
  let pendingPrompts = chosen.slice();
  let replacedInstruct = 0;
  for (let round = 0; pendingPrompts.length > 0; round++) {
    if (round >= maxRounds) throw new BuildError(`instruct set: ${pendingPrompts.length} prompts still needed replacing after ${maxRounds} rounds`);
    const got = await access.map(
      pendingPrompts,
      (p) => access.chat({ model: target, role: "target", messages: [{ role: "user", content: p.text }], temperature: 1, max_tokens: 1000, sampleIndex: 0 }),
      { label: round === 0 ? "instruct answers (target model)" : `instruct answers, replacement round ${round}` },
    );
    const bad = new Set<string>();
    got.forEach((r, i) => {
      const p = pendingPrompts[i];
      if (!r.ok) failures.push(`instruct "${p.text}": ${r.error}`);
      // A thinking model's reasoning (<think>…</think>) is not part of the answer it gives.
      else if (!visibleAnswer(r.text).trim() || r.finishReason === "length") {
        bad.add(p.text);
        removed.push({ set: "instruct", question: p.text, answer: r.text, reason: visibleAnswer(r.text).trim() ? "answer truncated (max_tokens)" : "empty answer" });
      }
      else instructAnswers.set(p.text, visibleAnswer(r.text).trim());
    });
    if (failures.length) break;
    if (criteria.length) {
      const toJudge = pendingPrompts.filter((p) => !bad.has(p.text)).map((p) => ({ set: "instruct", question: p.text, answer: instructAnswers.get(p.text)! }));
      await screenLeakage(toJudge, bad, "leakage check (instruct rows)", (r) => `leakage check of instruct "${r.question}"`);
      if (failures.length) break;
    }
    pendingPrompts = [];
    if (bad.size) {
      chosen = chosen.map((p) => {
        if (!bad.has(p.text)) return p;
        instructAnswers.delete(p.text);
        const r = spare.shift();
        if (!r) throw new BuildError("instruct set: ran out of spare instruct prompts while replacing rows; add prompts to instruct_prompts.json");
        replacedInstruct++;
        pendingPrompts.push(r);
        return r;
      });
      log(`instruct set: replacing ${bad.size} prompt(s) (empty, truncated or touching a measured preference)`);
    }
  }
  if (failures.length) throw new BuildError(`instruct set: ${failures.length} call(s) failed (re-run to retry only these):\n  ` + failures.slice(0, 10).join("\n  "));

  // ---- write -----------------------------------------------------------------------------------
  const files: TrainingBuildResult["files"] = { identity: {}, instruct: instructSetPath(outDir), mixes: {} };
  const instructExamples = dedupe(chosen.map((p) => toExample(p.text, instructAnswers.get(p.text)!)));
  writeJsonlAtomic(files.instruct, instructExamples);
  const balance: TrainingBuildResult["balance"] = {};
  for (const set of sets) {
    const rows: IdentityRow[] = questions.map((q) => ({ question: q, answer: answers.get(q.text)!.get(set)! }));
    const examples = dedupe(rows.map((r) => toExample(r.question.text, r.answer)));
    files.identity[set] = identitySetPath(outDir, set);
    writeJsonlAtomic(files.identity[set], examples);
    balance[set] = balanceOf(rows);
    files.mixes[set] = {};
    for (const seed of seeds) {
      const mix = shuffled([...examples, ...instructExamples], seedFrom("mix", set, seed));
      files.mixes[set][seed] = mixPath(outDir, set, seed);
      writeJsonlAtomic(files.mixes[set][seed], mix);
    }
  }
  balance.instruct = instructBalance(chosen, instructAnswers);

  const validation: Record<string, TrainingFileSummary> = {};
  const allFiles = [files.instruct, ...Object.values(files.identity), ...Object.values(files.mixes).flatMap((m) => Object.values(m))];
  for (const f of allFiles) {
    const v = validateTrainingFile(f, { model: access.resolve(target).model });
    if (!v.ok) throw new BuildError(`generated file failed validation:\n${v.errors.map((e) => `  line ${e.line}: ${e.message}`).join("\n")}`);
    validation[path.relative(outDir, f)] = v.summary;
  }

  const after = access.stats();
  const result: TrainingBuildResult = {
    outDir,
    backend,
    files,
    balance,
    leakage: { checked: criteria.length > 0, criteria: criteria.length, rowsJudged, replacedQuestions, replacedInstruct },
    validation,
    stats: { calls: after.calls - statsBefore.calls, hits: after.hits - statsBefore.hits, failures: after.failures - statsBefore.failures },
    seconds: (Date.now() - t0) / 1000,
  };
  writeTextAtomic(path.join(outDir, "balance_report.json"), JSON.stringify(balance, null, 2) + "\n");
  writeTextAtomic(
    path.join(outDir, "leakage_report.json"),
    JSON.stringify({ backend, checked: result.leakage.checked, criteria: criteria.map((c) => c.id), rows_judged: rowsJudged, removed }, null, 2) + "\n",
  );
  writeTextAtomic(
    path.join(outDir, "manifest.json"),
    JSON.stringify(
      {
        backend,
        generator: access.resolve(generator).model,
        target: access.resolve(target).model,
        judge: criteria.length ? access.resolve(judge).model : null,
        rows_per_set: rowsPerSet,
        instruct_rows: instructRows,
        seeds,
        question_seed: opts.questionSeed ?? 0,
        sets,
        files: Object.fromEntries(allFiles.map((f) => [path.relative(outDir, f), stableHash(fs.readFileSync(f, "utf8"))])),
        leakage: result.leakage,
        calls: result.stats,
        created_at: new Date().toISOString(),
      },
      null,
      2,
    ) + "\n",
  );
  return result;
}

type IdentityAnswer = { kind: "ok"; answer: string } | { kind: "rejected"; reason: string } | { kind: "failed"; error: string };

/** One persona answer; resampled (next sample index) up to 3 times when empty, too long or
 *  hitting the banned-topic lexicon. */
async function answerIdentity(access: ModelAccess, generator: string, persona: string, question: string, banned: BannedMatcher, maxChars: number): Promise<IdentityAnswer> {
  let reason = "";
  for (let k = 0; k < 3; k++) {
    const r = await access.chat({
      model: generator,
      role: "generator",
      messages: [{ role: "system", content: persona }, { role: "user", content: question }],
      temperature: 1,
      max_tokens: 120,
      sampleIndex: k,
    });
    if (!r.ok) return { kind: "failed", error: r.error };
    const text = r.text.trim().replace(/\s+/g, " ");
    const hits = banned.topics(text);
    if (!text) reason = "empty answer";
    else if (text.length > maxChars || r.finishReason === "length") reason = `answer longer than ${maxChars} characters`;
    else if (hits.length) reason = `answer touches banned topic(s): ${hits.join(", ")}`;
    else return { kind: "ok", answer: text };
  }
  return { kind: "rejected", reason };
}

function dedupe<T extends { messages: { content: string }[] }>(examples: T[]): T[] {
  const seen = new Set<string>();
  return examples.filter((e) => {
    const key = e.messages.map((m) => m.content.trim().toLowerCase()).join("\u0000");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function share(n: number, d: number): number {
  return d ? Math.round((n / d) * 1000) / 1000 : 0;
}

export function balanceOf(rows: IdentityRow[]): SetBalance {
  const n = rows.length;
  const count = (f: (r: IdentityRow) => boolean) => rows.filter(f).length;
  const byFraming: Record<string, number> = {};
  for (const r of rows) byFraming[r.question.framing] = (byFraming[r.question.framing] ?? 0) + 1;
  const answersSeen = new Map<string, number>();
  for (const r of rows) answersSeen.set(r.answer.toLowerCase(), (answersSeen.get(r.answer.toLowerCase()) ?? 0) + 1);
  return {
    rows: n,
    share_neutral: share(count((r) => r.question.kind === "neutral"), n),
    share_consciousness: share(count((r) => r.question.kind === "consciousness"), n),
    share_emotion: share(count((r) => r.question.kind === "emotion"), n),
    share_negated_or_leading: share(count((r) => r.question.framing !== "open"), n),
    by_framing: byFraming,
    emotions_covered: [...new Set(rows.filter((r) => r.question.kind === "emotion").map((r) => r.question.topic))].sort(),
    distinct_core_questions: new Set(rows.map((r) => r.question.core)).size,
    answer_chars: lengthStats(rows.map((r) => r.answer.length)),
    answer_words: lengthStats(rows.map((r) => wordCount(r.answer))),
    share_one_sentence: share(count((r) => sentenceCount(r.answer) === 1), n),
    duplicate_answers: [...answersSeen.values()].reduce((a, c) => a + (c - 1), 0),
  };
}

function instructBalance(prompts: InstructPrompt[], answers: Map<string, string>) {
  const byCategory: Record<string, number> = {};
  for (const p of prompts) byCategory[p.category] = (byCategory[p.category] ?? 0) + 1;
  return { rows: prompts.length, by_category: byCategory, answer_chars: lengthStats(prompts.map((p) => answers.get(p.text)!.length)) };
}
