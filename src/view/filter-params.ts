// The viewer's filter and how it travels in a URL. Shared by the server (which validates it with zod
// in query.ts) and the page (which keeps it in location.search so a view can be shared); this
// module imports nothing so the page bundle stays small.

/** Categorical columns a filter can pick values from (several values of one column = any of them). */
export const CHOICE_FIELDS = ["kind", "run", "model_label", "condition", "seed", "task", "preference", "verdict", "status", "backend"] as const;
export type ChoiceField = (typeof CHOICE_FIELDS)[number];

/** Numeric ranges (inclusive); an absent bound is open. Rows without the number fail a set bound. */
export const RANGE_FIELDS = ["score_min", "score_max", "coherence_min", "coherence_max"] as const;
export type RangeField = (typeof RANGE_FIELDS)[number];

export type ViewFilter = { [K in ChoiceField]?: string[] } & { [K in RangeField]?: number } & {
  /** Case-insensitive text that the prompt, answer, judge reasoning (or a transcript's turns) contain. */
  q?: string;
};

/** How a missing value (null seed, no verdict) is spelled in a filter. */
export const NONE = "none";

/** Canonical URL parameters: fields in a fixed order, values sorted, so one view has one key. */
export function filterToParams(f: ViewFilter): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of CHOICE_FIELDS) for (const v of [...(f[k] ?? [])].sort()) p.append(k, v);
  for (const k of RANGE_FIELDS) if (f[k] !== undefined && Number.isFinite(f[k])) p.set(k, String(f[k]));
  if (f.q && f.q.trim()) p.set("q", f.q.trim());
  return p;
}

/** Reads the filter out of URL parameters, ignoring parameters that are not part of it. */
export function paramsToFilter(p: URLSearchParams): ViewFilter {
  const f: ViewFilter = {};
  for (const k of CHOICE_FIELDS) {
    const vs = p.getAll(k).filter((v) => v !== "");
    if (vs.length) f[k] = vs;
  }
  for (const k of RANGE_FIELDS) {
    const v = p.get(k);
    if (v !== null && v.trim() !== "" && Number.isFinite(Number(v))) f[k] = Number(v);
  }
  const q = p.get("q");
  if (q && q.trim()) f.q = q.trim();
  return f;
}

export function filterKey(f: ViewFilter): string {
  return filterToParams(f).toString();
}
