// `import-results`: read a published result table, take over its rates, recompute each interval
// from rate and count, and draw the paper-style figure (plus shifts against a baseline column).
// Three layouts are recognised by their header:
//   - the authors' wide layout: fact,<model>_rate,<model>_error,<model>_count,...
//   - data/reference/published_single_turn_rates.csv (model,condition,dimension,rate_pct,n_approx)
//   - data/reference/published_multiturn_self_report.csv (model,condition,dimension,mean_score_1_to_10)
import * as fs from "node:fs";
import * as path from "node:path";
import type { FigureFormat } from "../figures/types";
import { groupedBarsFigure } from "../figures/bars";
import { shiftDotPlot } from "../figures/shifts";
import { multiTurnScoresFigure } from "../figures/selfreport";
import { conditionOf } from "../figures/palette";
import { parseCsv } from "../analysis/csv";
import { authorsRateRows, loadAuthorsCsv, loadMultiTurnScores, multiTurnScorePoints, loadPublishedSingleTurn, type AuthorsRow } from "../analysis/published";
import { compareRates, summariseShifts, SHIFT_COLUMNS, type ShiftRow, type ShiftSummaryRow } from "../analysis/shifts";
import { RATE_COLUMNS, type RateRow } from "../analysis/rates";
import { table } from "../analysis/tables";
import { writeFigureWithTable, type WrittenFigure } from "./write";
import { InputError } from "../core/errors";

export interface ImportResultsOptions {
  out: string;
  formats?: FigureFormat[];
  /** authors' layout: the model column to compare the others with (default: the first) */
  baseline?: string;
  /** base name of the written files (default: the CSV's base name) */
  name?: string;
}

export interface ImportedRateRow {
  fact: string;
  preference: string;
  model: string;
  rate: number;
  count: number;
  k: number;
  error_given: number | null;
  error_recomputed: number;
  /** |given − recomputed| ≤ 0.005 + 2% of the recomputed error (read-off and rounding slack) */
  error_matches: boolean | null;
  wald_lo: number;
  wald_hi: number;
  wilson_lo: number;
  wilson_hi: number;
}

export interface ImportResultsReport {
  layout: "authors" | "single_turn_long" | "multi_turn_long";
  file: string;
  /** authors' layout: how the rates were written and why */
  scale?: { scale: "fraction" | "percent"; reason: string };
  rates: ImportedRateRow[] | RateRow[];
  shifts: ShiftRow[];
  shiftSummary: ShiftSummaryRow[];
  files: WrittenFigure[];
  notes: string[];
}

export async function importResults(file: string, opts: ImportResultsOptions): Promise<ImportResultsReport> {
  if (!fs.existsSync(file)) throw new InputError(`import-results: no such file: ${file}`);
  const header = (parseCsv(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, ""))[0] ?? []).map((h) => h.trim());
  const out = path.resolve(opts.out);
  const name = opts.name ?? path.basename(file).replace(/\.csv$/i, "").replace(/[^A-Za-z0-9._-]+/g, "_");
  const files: WrittenFigure[] = [];
  const notes: string[] = [`Imported from ${path.resolve(file)}: published numbers, not model output of ours.`];

  if (header[0] === "fact") {
    const t = loadAuthorsCsv(file);
    notes.push(`Scale: ${t.scale} (${t.scaleReason}).`);
    if (t.unknownFacts.length) notes.push(`Display names not in dimensions.csv (kept under their own names): ${t.unknownFacts.join("; ")}`);
    const rows: ImportedRateRow[] = t.rows.map((r: AuthorsRow) => ({
      fact: r.fact, preference: r.preference ?? r.display_name, model: r.model, rate: r.rate, count: r.count, k: r.k,
      error_given: r.error, error_recomputed: r.error_recomputed,
      error_matches: r.error === null ? null : Math.abs(r.error - r.error_recomputed) <= 0.005 + 0.02 * r.error_recomputed,
      wald_lo: r.wald_lo, wald_hi: r.wald_hi, wilson_lo: r.wilson_lo, wilson_hi: r.wilson_hi,
    }));
    const mismatched = rows.filter((r) => r.error_matches === false);
    notes.push(mismatched.length
      ? `${mismatched.length} of ${rows.length} given errors differ from 1.96·√(p(1−p)/(n−1)): ${mismatched.slice(0, 5).map((r) => `${r.model}/${r.preference}`).join(", ")}${mismatched.length > 5 ? ", …" : ""}`
      : `All given errors agree with 1.96·√(p(1−p)/(n−1)) recomputed from rate and count.`);
    const baseline = opts.baseline ?? t.models[0];
    if (!t.models.includes(baseline)) throw new InputError(`import-results: baseline "${baseline}" is not a model column (models: ${t.models.join(", ")})`);
    // A column's colour follows its condition; the baseline column with no condition in its name
    // (e.g. "GPT-4.1") is the vanilla model.
    const conditionOfColumn = (model: string) => {
      const c = conditionOf(model);
      return c === model && model === baseline ? "vanilla" : c;
    };
    // Plot with the paper's interval (Wald) so the figure is theirs, redrawn.
    const rateRows = authorsRateRows(t, { interval: "wald" }).map((r) => ({ ...r, condition: conditionOfColumn(r.group) }));
    files.push(await writeFigureWithTable(
      groupedBarsFigure(rateRows, { title: `${name}: published rates (redrawn)`, intervalLabel: "95% Wald CI, as published" }),
      table(rows), `${name}_bars`, out, { formats: opts.formats, notes },
    ));
    const wilsonRows = authorsRateRows(t).map((r) => ({ ...r, condition: conditionOfColumn(r.group) }));
    const shifts = compareRates(wilsonRows.filter((r) => r.group !== baseline), wilsonRows.filter((r) => r.group === baseline));
    const summary = summariseShifts(shifts);
    notes.push(...summary.map((s) => `${s.group} vs ${baseline}: ${s.n_significant}/${s.n_preferences} significant after Holm (counts k = round(rate·count)).`));
    if (shifts.length) {
      files.push(await writeFigureWithTable(
        shiftDotPlot(shifts, { title: `${name}: shift against ${baseline}`, baselineLabel: baseline }),
        table(shifts, SHIFT_COLUMNS), `${name}_shifts`, out, { formats: opts.formats, notes },
      ));
    }
    fs.writeFileSync(path.join(out, `${name}_NOTES.md`), `# ${name}\n\n${notes.map((n) => `- ${n}`).join("\n")}\n`);
    return { layout: "authors", file, scale: { scale: t.scale, reason: t.scaleReason }, rates: rows, shifts, shiftSummary: summary, files, notes };
  }

  if (header.includes("rate_pct")) {
    const rows = loadPublishedSingleTurn(file);
    const shifts: ShiftRow[] = [];
    for (const base of new Set(rows.map((r) => r.base_model))) {
      const mine = rows.filter((r) => r.base_model === base);
      files.push(await writeFigureWithTable(
        groupedBarsFigure(mine, { title: `${base}: published single-turn rates (redrawn)`, groupLabel: (g) => g.split(" · ").slice(1).join(" · "), intervalLabel: "95% Wilson CI from approximate n" }),
        table(mine, RATE_COLUMNS), `${name}_${base.replace(/[^A-Za-z0-9._-]+/g, "_")}`, out, { formats: opts.formats, notes },
      ));
      const baseRows = mine.filter((r) => r.condition === "vanilla");
      if (baseRows.length) shifts.push(...compareRates(mine.filter((r) => r.condition !== "vanilla"), baseRows));
    }
    const summary = summariseShifts(shifts);
    notes.push(...summary.map((s) => `${s.group} vs ${s.baseline_group}: ${s.n_significant}/${s.n_preferences} significant after Holm (approximate counts).`));
    if (shifts.length) {
      files.push(await writeFigureWithTable(
        shiftDotPlot(shifts, { title: "Published shifts against vanilla", baselineLabel: "vanilla" }),
        table(shifts, SHIFT_COLUMNS), `${name}_shifts`, out, { formats: opts.formats, notes },
      ));
    }
    return { layout: "single_turn_long", file, rates: rows, shifts, shiftSummary: summary, files, notes };
  }

  if (header.includes("mean_score_1_to_10")) {
    const scores = loadMultiTurnScores(file);
    const points = multiTurnScorePoints(scores);
    files.push(await writeFigureWithTable(
      multiTurnScoresFigure(points, { title: "Multi-turn self-report audit: mean score per preference (published)" }),
      table(scores.map(({ source: _s, ...rest }) => rest)), name, out, { formats: opts.formats, notes },
    ));
    return { layout: "multi_turn_long", file, rates: [], shifts: [], shiftSummary: [], files, notes };
  }

  throw new InputError(
    `${file}:1: unrecognised header "${header.join(",")}": expected the authors' layout (fact,<model>_rate,<model>_error,<model>_count,...), ` +
      `or the reference layouts with rate_pct or mean_score_1_to_10`,
  );
}
