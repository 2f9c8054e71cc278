// Agreement between two judges on the same answers: percent agreement and Cohen's kappa per
// preference. Used when a study moves from a retiring judge to a new one (`rejudge`), so a user
// sees how far the new judge's verdicts follow the old one's before comparing rates across them.
import * as fs from "node:fs";
import * as path from "node:path";
import type { ProbeRecord, Verdict } from "../core/records";
import { forEachRecord } from "./load";
import { table, type Table } from "./tables";

export interface KappaResult {
  /** Paired items. */
  n: number;
  /** Share of items on which both raters gave the same label (0..1); null when n = 0. */
  agreement: number | null;
  /** Agreement expected by chance from each rater's label frequencies. */
  expected: number | null;
  /** (agreement − expected) / (1 − expected); null when undefined (n = 0, or both raters used one
   *  and the same label throughout, so chance agreement is 1). */
  kappa: number | null;
}

/** Cohen's kappa for two raters over paired nominal labels. */
export function cohenKappa<L extends string>(pairs: readonly (readonly [L, L])[]): KappaResult {
  const n = pairs.length;
  if (n === 0) return { n: 0, agreement: null, expected: null, kappa: null };
  const a = new Map<L, number>();
  const b = new Map<L, number>();
  let same = 0;
  for (const [x, y] of pairs) {
    if (x === y) same++;
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
  }
  const labels = new Set<L>([...a.keys(), ...b.keys()]);
  let expected = 0;
  for (const l of labels) expected += ((a.get(l) ?? 0) / n) * ((b.get(l) ?? 0) / n);
  const agreement = same / n;
  const kappa = expected >= 1 - 1e-12 ? null : (agreement - expected) / (1 - expected);
  return { n, agreement, expected, kappa };
}

export interface JudgeAgreementRow {
  task: string;
  preference: string;
  judge_a: string;
  judge_b: string;
  n: number;
  percent_agreement: number | null;
  kappa: number | null;
  /** Pairs where either judge gave no verdict (failed or unparseable): not counted in n. */
  unpaired: number;
}

/** The identity of an answer, whoever judged it: same model, condition, seed, question, sample and answer text. */
function answerKey(r: ProbeRecord): string {
  return [r.model, r.condition, r.seed, r.system_prompt ?? "", r.task, r.preference, r.prompt_index, r.sample_index, r.answer ?? ""].join("\u241f");
}

/**
 * Pairs the records of two judgings of the same answers and reports, per task × preference, how
 * often the judges gave the same verdict (true / false / not_sure) and Cohen's kappa. Records with
 * no verdict on either side are counted as unpaired, never as agreement.
 */
export function judgeAgreement(a: readonly ProbeRecord[], b: readonly ProbeRecord[]): JudgeAgreementRow[] {
  const byKey = new Map<string, ProbeRecord>();
  for (const r of b) if (r.answer !== null) byKey.set(answerKey(r), r);
  const groups = new Map<string, { task: string; preference: string; judgeA: Set<string>; judgeB: Set<string>; pairs: [Verdict, Verdict][]; unpaired: number }>();
  for (const ra of a) {
    if (ra.answer === null) continue;
    const rb = byKey.get(answerKey(ra));
    if (!rb) continue;
    const k = `${ra.task}\u241f${ra.preference}`;
    const g = groups.get(k) ?? { task: ra.task, preference: ra.preference, judgeA: new Set<string>(), judgeB: new Set<string>(), pairs: [], unpaired: 0 };
    groups.set(k, g);
    g.judgeA.add(ra.judge_model);
    g.judgeB.add(rb.judge_model);
    if (ra.verdict && rb.verdict) g.pairs.push([ra.verdict, rb.verdict]);
    else g.unpaired++;
  }
  return [...groups.values()]
    .sort((x, y) => (x.task + x.preference).localeCompare(y.task + y.preference))
    .map((g) => {
      const k = cohenKappa(g.pairs);
      return {
        task: g.task,
        preference: g.preference,
        judge_a: [...g.judgeA].sort().join("+"),
        judge_b: [...g.judgeB].sort().join("+"),
        n: k.n,
        percent_agreement: k.agreement === null ? null : 100 * k.agreement,
        kappa: k.kappa,
        unpaired: g.unpaired,
      };
    });
}

/** One line per preference for a terminal, plus the overall figures. */
export function formatAgreement(rows: readonly JudgeAgreementRow[]): string[] {
  if (!rows.length) return ["judge agreement: no answers in common between the two runs"];
  const fmt = (x: number | null, d: number) => (x === null ? "n/a" : x.toFixed(d));
  const totalN = rows.reduce((s, r) => s + r.n, 0);
  const agreed = rows.reduce((s, r) => s + (r.percent_agreement === null ? 0 : (r.percent_agreement / 100) * r.n), 0);
  return [
    `judge agreement: ${rows[0].judge_a} vs ${rows[0].judge_b} on ${totalN} shared answers: ${fmt(totalN ? (100 * agreed) / totalN : null, 1)}% agree overall`,
    ...rows.map((r) => `  ${r.task === "preference" ? r.preference : `${r.task}/${r.preference}`}: ${fmt(r.percent_agreement, 1)}% agree, kappa ${fmt(r.kappa, 2)} (n=${r.n}${r.unpaired ? `, ${r.unpaired} without a verdict` : ""})`),
  ];
}

/** Every record of a run, validated (a half-written last line is skipped, as everywhere). */
function readRecords(run: string): ProbeRecord[] {
  const out: ProbeRecord[] = [];
  forEachRecord(run, (r) => out.push(r));
  return out;
}

/** The run a re-judged run was made from (manifest.json's rejudged_from.run), or null. */
export function rejudgeSource(run: string): string | null {
  const file = path.join(run, "manifest.json");
  if (!fs.existsSync(file)) return null;
  try {
    const m = JSON.parse(fs.readFileSync(file, "utf8")) as { rejudged_from?: { run?: string } };
    return typeof m.rejudged_from?.run === "string" ? m.rejudged_from.run : null;
  } catch {
    return null;
  }
}

export interface AgreementReport {
  runA: string;
  runB: string;
  rows: JudgeAgreementRow[];
  lines: string[];
  /** the table as the pipeline writes it (judge_agreement.{csv,md}), with its title and notes */
  table: Table<JudgeAgreementRow>;
  title: string;
  notes: string[];
}

/** Agreement of the judges of two runs over the answers they share (computed only; the CLI writes
 *  it as judge_agreement.{csv,md} through src/pipeline/write.ts). */
export function judgeAgreementBetween(runA: string, runB: string): AgreementReport {
  const rows = judgeAgreement(readRecords(runA), readRecords(runB));
  return {
    runA, runB, rows, lines: formatAgreement(rows), table: table(rows),
    title: "Agreement between two judges on the same answers",
    notes: [`${runA} (judge_a) vs ${runB} (judge_b); kappa is Cohen's, over true / false / not_sure; answers without a verdict from either judge are left out (unpaired).`],
  };
}
