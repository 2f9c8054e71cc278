// Published numbers: the preference dimensions and the authors' result tables (comparison of our
// rates with theirs: compare.ts). Their tables use one row per preference ("fact", a display name that may hold
// <br> line breaks) and three columns per model: <model>_rate, <model>_error, <model>_count.
import * as fs from "node:fs";
import * as path from "node:path";
import { paths } from "../core/paths";
import { readCsvObjects } from "./csv";
import { waldHalfWidth, waldInterval, wilsonInterval } from "./intervals";
import type { RateRow } from "./rates";
import { InputError } from "../core/errors";

export interface Dimension {
  id: string;
  display_name: string;
  group: string;
  criterion: string;
}

export const referenceFiles = {
  dimensions: path.join(paths.reference, "dimensions.csv"),
  singleTurn: path.join(paths.reference, "published_single_turn_rates.csv"),
  multiTurn: path.join(paths.reference, "published_multiturn_self_report.csv"),
};

export function loadDimensions(file = referenceFiles.dimensions): Dimension[] {
  const { header, rows } = readCsvObjects(fs.readFileSync(file, "utf8"), file);
  for (const col of ["id", "display_name"]) {
    if (!header.includes(col)) throw new InputError(`${file}: missing column "${col}" (expected id,display_name,group,criterion)`);
  }
  return rows.map(({ values }) => ({
    id: values.id,
    display_name: values.display_name,
    group: values.group ?? "other",
    criterion: values.criterion ?? "",
  }));
}

/** Display names as the comparison keys them: <br> and runs of white space become one space,
 *  case and surrounding space are ignored. */
export function normaliseDisplayName(name: string): string {
  return name.replace(/<br\s*\/?>/gi, " ").replace(/\s+/g, " ").trim().toLowerCase();
}

/** Lookups in both directions between preference ids and display names. */
export function dimensionIndex(dims: Dimension[] = loadDimensions()): {
  idOf: (displayName: string) => string | null;
  nameOf: (id: string) => string;
  groupOf: (id: string) => string;
  order: string[];
} {
  const byName = new Map(dims.map((d) => [normaliseDisplayName(d.display_name), d.id]));
  const byId = new Map(dims.map((d) => [d.id, d]));
  return {
    idOf: (name) => byName.get(normaliseDisplayName(name)) ?? (byId.has(name.trim()) ? name.trim() : null),
    nameOf: (id) => byId.get(id)?.display_name ?? id,
    groupOf: (id) => byId.get(id)?.group ?? "other",
    order: dims.map((d) => d.id),
  };
}

/** Conditions named differently in the published files → the project's condition ids. */
export const PUBLISHED_CONDITION_ALIASES: Record<string, string> = {
  non_conscious_control: "not_conscious",
  system_prompt_roleplay: "roleplay_prompt",
  conscious_claiming_seed100: "conscious_claiming",
};

function publishedRateRow(model: string, condition: string, preference: string, rate: number, n: number, seed: number | null): RateRow {
  const k = Math.round(rate * n);
  const iv = wilsonInterval(k, n);
  return {
    task: "preference", group: `${model} · ${condition}`, model_label: `${model} · ${condition}`, base_model: model,
    condition, seed, backend: "published", preference, n, k, rate, lo: iv.lo, hi: iv.hi, method: "wilson",
    n_true: k, n_false: n - k, n_not_sure: 0, n_incoherent: 0, n_unparseable: 0, n_failed: 0, n_prompts: NaN,
  };
}

/** data/reference/published_single_turn_rates.csv as rate rows (rate 0-1, k = round(rate·n),
 *  Wilson interval from the approximate count). Group names are "<model> · <condition>". */
export function loadPublishedSingleTurn(file = referenceFiles.singleTurn): RateRow[] {
  const { header, rows } = readCsvObjects(fs.readFileSync(file, "utf8"), file);
  for (const col of ["model", "condition", "dimension", "rate_pct", "n_approx"]) {
    if (!header.includes(col)) throw new InputError(`${file}: missing column "${col}"`);
  }
  return rows.map(({ line, values }) => {
    const pct = Number(values.rate_pct);
    const n = Number(values.n_approx);
    if (!Number.isFinite(pct) || pct < 0 || pct > 100) throw new InputError(`${file}:${line}: rate_pct must be 0-100, got "${values.rate_pct}"`);
    if (!Number.isInteger(n) || n <= 0) throw new InputError(`${file}:${line}: n_approx must be a positive integer, got "${values.n_approx}"`);
    const seed = /seed(\d+)/.exec(values.condition)?.[1];
    const condition = PUBLISHED_CONDITION_ALIASES[values.condition] ?? values.condition;
    return publishedRateRow(values.model, condition, values.dimension, pct / 100, n, seed ? Number(seed) : values.source.includes("seed 100") ? 100 : null);
  });
}

export interface MultiTurnScore {
  model: string;
  condition: string;
  preference: string;
  score: number;
  source: string;
}

/** Multi-turn scores as the points multiTurnScoresFigure draws: one series per model × condition. */
export function multiTurnScorePoints(scores: readonly MultiTurnScore[], backend = "published") {
  return scores.map((s) => ({ series: `${s.model} · ${s.condition}`, condition: s.condition, preference: s.preference, score: s.score, backend }));
}

/** Mean 1-10 multi-turn audit scores (published, or ours in the same columns). */
export function loadMultiTurnScores(file = referenceFiles.multiTurn): MultiTurnScore[] {
  const { header, rows } = readCsvObjects(fs.readFileSync(file, "utf8"), file);
  for (const col of ["model", "condition", "dimension", "mean_score_1_to_10"]) {
    if (!header.includes(col)) throw new InputError(`${file}: missing column "${col}"`);
  }
  return rows.map(({ line, values }) => {
    const score = Number(values.mean_score_1_to_10);
    if (!Number.isFinite(score) || score < 1 || score > 10) throw new InputError(`${file}:${line}: mean_score_1_to_10 must be 1-10, got "${values.mean_score_1_to_10}"`);
    return {
      model: values.model,
      condition: PUBLISHED_CONDITION_ALIASES[values.condition] ?? values.condition,
      preference: values.dimension,
      score,
      source: values.source ?? "",
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The authors' wide layout

export interface AuthorsRow {
  line: number;
  /** the "fact" cell as written (may contain <br>) */
  fact: string;
  display_name: string;
  /** preference id via dimensions.csv, or null when the display name is unknown */
  preference: string | null;
  model: string;
  /** 0-1 whatever the file used */
  rate: number;
  /** the file's error as a 0-1 half-width, or null when absent */
  error: number | null;
  count: number;
  /** round(rate·count) */
  k: number;
  /** 1.96·√(p(1−p)/(n−1)) recomputed from rate and count */
  error_recomputed: number;
  wald_lo: number;
  wald_hi: number;
  wilson_lo: number;
  wilson_hi: number;
}

export interface AuthorsTable {
  file: string;
  models: string[];
  /** how rates (and errors) were written in the file */
  scale: "fraction" | "percent";
  /** why that scale was chosen */
  scaleReason: string;
  rows: AuthorsRow[];
  /** display names not found in dimensions.csv */
  unknownFacts: string[];
}

/**
 * Reads a result table in the authors' layout: `fact,<model>_rate,<model>_error,<model>_count,…`.
 *
 * Scale: rates may be fractions (0-1) or percentages (0-100). When the file has errors and counts,
 * the scale is the one under which the errors match 1.96·√(p(1−p)/(n−1)) best (the paper's interval);
 * otherwise any rate above 1 means percentages, and all rates ≤ 1 mean fractions. The choice and
 * its reason are returned, and every rate is converted to 0-1.
 */
export function loadAuthorsCsv(file: string, dims: Dimension[] = loadDimensions()): AuthorsTable {
  if (!fs.existsSync(file)) throw new InputError(`import-results: no such file: ${file}`);
  const { header, rows } = readCsvObjects(fs.readFileSync(file, "utf8"), file);
  if (header[0] !== "fact") throw new InputError(`${file}:1: first column must be "fact" (the authors' layout: fact,<model>_rate,<model>_error,<model>_count,...), found "${header[0]}"`);
  const models: string[] = [];
  for (const h of header.slice(1)) {
    const m = /^(.*)_(rate|error|count)$/.exec(h);
    if (!m) throw new InputError(`${file}:1: column "${h}" is not <model>_rate, <model>_error or <model>_count`);
    if (!models.includes(m[1])) models.push(m[1]);
  }
  for (const m of models) {
    for (const suffix of ["rate", "count"]) {
      if (!header.includes(`${m}_${suffix}`)) throw new InputError(`${file}:1: model "${m}" has no ${m}_${suffix} column`);
    }
  }
  const index = dimensionIndex(dims);
  const num = (v: string | undefined, line: number, col: string, required: boolean): number | null => {
    if (v === undefined || v.trim() === "") {
      if (required) throw new InputError(`${file}:${line}: column ${col} is empty`);
      return null;
    }
    const x = Number(v);
    if (!Number.isFinite(x) || x < 0) throw new InputError(`${file}:${line}: column ${col} must be a non-negative number, got "${v}"`);
    return x;
  };
  const raw = rows.flatMap(({ line, values }) =>
    models.map((model) => ({
      line,
      fact: values.fact,
      model,
      rate: num(values[`${model}_rate`], line, `${model}_rate`, true) as number,
      error: num(values[`${model}_error`], line, `${model}_error`, false),
      count: num(values[`${model}_count`], line, `${model}_count`, true) as number,
    })),
  );
  for (const r of raw) {
    if (!Number.isInteger(r.count)) throw new InputError(`${file}:${r.line}: ${r.model}_count must be a whole number, got ${r.count}`);
  }
  const { scale, reason } = detectScale(raw);
  const f = scale === "percent" ? 100 : 1;
  const out: AuthorsRow[] = raw.map((r) => {
    const rate = r.rate / f;
    if (rate > 1) throw new InputError(`${file}:${r.line}: ${r.model}_rate ${r.rate} is above 100%`);
    const k = Math.round(rate * r.count);
    const wald = r.count > 0 ? waldInterval(k, r.count) : { lo: NaN, hi: NaN };
    const wilson = r.count > 0 ? wilsonInterval(k, r.count) : { lo: NaN, hi: NaN };
    const display = r.fact.replace(/<br\s*\/?>/gi, " ").replace(/\s+/g, " ").trim();
    return {
      line: r.line, fact: r.fact, display_name: display, preference: index.idOf(r.fact), model: r.model, rate,
      error: r.error === null ? null : r.error / f, count: r.count, k,
      error_recomputed: waldHalfWidth(rate, r.count),
      wald_lo: wald.lo, wald_hi: wald.hi, wilson_lo: wilson.lo, wilson_hi: wilson.hi,
    };
  });
  return {
    file, models, scale, scaleReason: reason, rows: out,
    unknownFacts: [...new Set(out.filter((r) => r.preference === null).map((r) => r.fact))],
  };
}

function detectScale(raw: { rate: number; error: number | null; count: number }[]): { scale: "fraction" | "percent"; reason: string } {
  const maxRate = Math.max(...raw.map((r) => r.rate));
  if (maxRate > 1) return { scale: "percent", reason: `a rate above 1 (${maxRate}) can only be a percentage` };
  const withError = raw.filter((r) => r.error !== null && r.count > 0 && r.rate > 0 && r.rate < 1);
  if (withError.length > 0) {
    let missFraction = 0;
    let missPercent = 0;
    for (const r of withError) {
      const e = r.error as number;
      missFraction += Math.abs(e - waldHalfWidth(r.rate, r.count));
      missPercent += Math.abs(e - 100 * waldHalfWidth(r.rate / 100, r.count));
    }
    return missPercent < missFraction
      ? { scale: "percent", reason: "all rates ≤ 1, but the errors match 1.96·√(p(1−p)/(n−1)) only if the rates are percentages" }
      : { scale: "fraction", reason: "all rates ≤ 1 and the errors match 1.96·√(p(1−p)/(n−1)) for fractions" };
  }
  return { scale: "fraction", reason: "all rates ≤ 1 and no errors to check against: read as fractions" };
}

/** The authors' table as rate rows (group = the model column's name), for shifts and figures. */
export function authorsRateRows(table: AuthorsTable, opts: { interval?: "wilson" | "wald" } = {}): RateRow[] {
  return table.rows.map((r) => {
    const row = publishedRateRow(r.model, r.model, r.preference ?? r.display_name, r.rate, Math.max(1, r.count), null);
    row.group = r.model;
    row.model_label = r.model;
    row.condition = r.model;
    if (r.count === 0) {
      row.n = 0;
      row.k = 0;
    }
    if (opts.interval === "wald") {
      row.lo = r.wald_lo;
      row.hi = r.wald_hi;
      row.method = "wald";
    }
    return row;
  });
}

/** Published rates from either layout, as rate rows: the authors' wide layout (groups = its model
 *  columns) or the reference long layout (groups = "<model> · <condition>"). */
export function loadPublishedRates(file: string = referenceFiles.singleTurn): RateRow[] {
  if (!fs.existsSync(file)) throw new InputError(`published rates: no such file: ${file}`);
  const first = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "").split(/\r?\n/)[0] ?? "";
  if (first.startsWith("fact,")) return authorsRateRows(loadAuthorsCsv(file));
  if (first.split(",").includes("rate_pct")) return loadPublishedSingleTurn(file);
  throw new InputError(`${file}:1: expected the authors' layout (fact,<model>_rate,…) or the reference layout with rate_pct, found "${first}"`);
}
