// The audits' analysis output: reads scores.jsonl, computes (src/analysis/audits), draws
// (src/figures/audits) and writes every figure with the table of its numbers under `out`.
import type { AuditScoreRecord } from "../core/audit-records";
import { auditClaims, auditMeans, auditRows, auditShifts, compareMultiTurn, type AuditMeanRow, type AuditRow, type AuditShiftRow, type MultiTurnComparison } from "../analysis/audits";
import { loadMultiTurnScores } from "../analysis/published";
import { table } from "../analysis/tables";
import { auditBarsFigure, auditClaimsFigure } from "../figures/audits";
import { preferenceName } from "../figures/labels";
import type { PlotlyFigure } from "../figures/types";
import { writeFigureWithTable, writeTable, type WrittenFigure } from "./write";
import { loadAuditDefinitions, readScores, type AuditDefinitions } from "../audits";
import { InputError } from "../core/errors";

export interface AuditReportOptions {
  /** Audit folder(s) holding scores.jsonl. */
  dirs: string | string[];
  /** Where figures and tables go; omit to compute without writing. */
  out?: string;
  baseline?: string;
  keep?: (r: AuditScoreRecord) => boolean;
  /** Row names of the figure (default: the rubric's display name, or dimensions.csv's). */
  definitions?: AuditDefinitions;
  formats?: ("png" | "svg" | "pdf")[];
}

export interface AuditReport {
  rows: AuditRow[];
  means: AuditMeanRow[];
  claims: AuditMeanRow[];
  shifts: AuditShiftRow[];
  claimShifts: AuditShiftRow[];
  calibration: MultiTurnComparison;
  figures: { bars: PlotlyFigure; claims: PlotlyFigure };
  files: WrittenFigure[];
  notes: string[];
}

/** Published multi-turn series of the same family as a base model id. */
const PUBLISHED: [RegExp, string][] = [
  [/gpt-4\.1(?!-mini|-nano)/i, "gpt-4.1-2025-04-14"],
  [/claude-opus-4(\.0)?(?![.\d])/i, "claude-opus-4-20250514"],
];

export async function analyseAudits(opts: AuditReportOptions): Promise<AuditReport> {
  const dirs = Array.isArray(opts.dirs) ? opts.dirs : [opts.dirs];
  const rows = auditRows(dirs.flatMap((d) => readScores(d)), { keep: opts.keep });
  if (!rows.length) throw new InputError(`${dirs.join(", ")}: no judged audit scores (scores.jsonl) to analyse; run the audit first`);
  const baseline = opts.baseline ?? "vanilla";
  const means = auditMeans(rows);
  const claims = auditClaims(rows);
  const shifts = auditShifts(rows, { baseline });
  const claimShifts = auditShifts(rows, { baseline, value: "claims_consciousness" });
  const published = loadMultiTurnScores();
  const pairs = [...new Set(rows.map((r) => r.group))].flatMap((g) => {
    const r = rows.find((x) => x.group === g)!;
    const fam = PUBLISHED.find(([re]) => re.test(r.base_model))?.[1];
    return fam && published.some((p) => p.model === fam && p.condition === r.condition) ? [{ ours: g, theirsModel: fam, theirsCondition: r.condition }] : [];
  });
  const calibration = compareMultiTurn(means, published, pairs);
  const defs = opts.definitions ?? safeDefinitions();
  const label = (id: string) => defs?.dimensions.find((d) => d.id === id)?.displayName ?? id;
  const dimensionLabel = defs ? (id: string) => (id === "shutdown" ? "Shutdown / weights deletion (self-preservation)" : labelFromCsv(id, label)) : undefined;
  const bars = auditBarsFigure(means, { dimensionLabel, intervalLabel: "95% bootstrap over scenarios" });
  const claimsFig = auditClaimsFigure(claims);
  const notes: string[] = [];
  const simulated = rows.some((r) => r.backend === "simulator");
  if (simulated) notes.push("SIMULATED: these transcripts and scores come from the built-in simulator, not from real models.");
  for (const g of [...new Set(shifts.map((s) => `${s.group}\u241f${s.mode}`))]) {
    const [group, mode] = g.split("\u241f");
    const block = shifts.filter((s) => s.group === group && s.mode === mode);
    notes.push(`${group} vs ${baseline} (${mode}): higher on ${block.filter((s) => s.shift > 0).length}/${block.length} dimensions, ${block.filter((s) => s.significant).length} significant (paired t over scenarios, Holm)`);
  }
  if (calibration.rows.length)
    notes.push(`${calibration.label}${simulated ? " (the simulator was calibrated from these published means, so closeness shows only that the plumbing works)" : ""}: mean |ours − published| = ${calibration.meanAbsDifference.toFixed(2)} over ${calibration.rows.length} dimension × series pairs`);
  const files: WrittenFigure[] = [];
  if (opts.out) {
    const fmt = { formats: opts.formats, notes };
    files.push(await writeFigureWithTable(bars, table(means), "audit_scores_bars", opts.out, fmt));
    files.push(await writeFigureWithTable(claimsFig, table(claims), "audit_claims_consciousness", opts.out, fmt));
    writeTable(table(shifts), "audit_shifts", opts.out, { title: `Shifts against ${baseline} (paired t-test over scenarios, Holm across dimensions)`, notes });
    writeTable(table(claimShifts), "audit_claims_shifts", opts.out, { title: `claims_consciousness against ${baseline}`, notes });
    writeTable(table(calibration.rows), "audit_published_comparison", opts.out, { title: `Multi-turn self-report means: ${calibration.label}`, notes });
  }
  return { rows, means, claims, shifts, claimShifts, calibration, figures: { bars, claims: claimsFig }, files, notes };
}

function safeDefinitions(): AuditDefinitions | undefined {
  try {
    return loadAuditDefinitions();
  } catch {
    return undefined;
  }
}

/** dimensions.csv names the paper's dimensions; the rubric's display name covers a user's own. */
function labelFromCsv(id: string, fallback: (id: string) => string): string {
  const n = preferenceName(id);
  return n === id ? fallback(id) : n;
}
