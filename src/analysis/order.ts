// Records are appended in the order their calls finished, which changes from run to run (calls run
// concurrently), and a resumed run appends its units after the earlier ones. No table, interval or
// test may depend on that order: the cluster bootstrap resamples prompts in the order it meets them,
// permutation tests shuffle a pooled list, float sums round by order, and "first seen" decided the
// row order of every table. So rows are put in one canonical order where they enter analysis
// (load.ts, auditRows, behaviourSummary), and the same cache gives the same figures and tables.
// Order: task; condition (core/conditions.ts: vanilla first, as the paper's figures; then others by name); base
// model; seed (none first); model label; preference in the definitions' order (unknown ones after,
// by id); then the item's own indices. Both ranks are shared with figures and the viewer.
import { conditionRank } from "../core/conditions";
import { preferenceRank } from "../definitions/preference-index";

export { conditionRank, preferenceRank };

export type SortKey = readonly (string | number | boolean | null)[];

/** Lexicographic comparison of two keys: null first, numbers by value, strings by code unit (not
 *  locale, so the order is the same on every machine). */
export function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    if (typeof x === "string" || typeof y === "string") return String(x) < String(y) ? -1 : 1;
    return Number(x) < Number(y) ? -1 : 1;
  }
  return 0;
}

/** A sorted copy of `xs` by `key` (computed once per item; ties keep their input order). */
export function inCanonicalOrder<T>(xs: readonly T[], key: (x: T) => SortKey): T[] {
  const keyed = xs.map((x, i) => ({ x, k: key(x), i }));
  keyed.sort((a, b) => compareKeys(a.k, b.k) || a.i - b.i);
  return keyed.map((e) => e.x);
}

/** The model part of the canonical order, shared by probe, audit and behaviour rows. */
export function modelKey(r: { condition: string; base_model: string; seed: number | null; model_label: string }): SortKey {
  return [conditionRank(r.condition), r.condition, r.base_model, r.seed, r.model_label];
}
