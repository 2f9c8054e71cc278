// Filtering the store and summarising what is left: counts, the rate with its Wilson interval (from
// src/analysis, so the page shows the analysis library's numbers, not its own), mean judge scores.
import { z } from "zod";
import { wilsonInterval } from "../analysis/intervals";
import { CHOICE_FIELDS, RANGE_FIELDS, filterKey, paramsToFilter, type ChoiceField, type ViewFilter } from "./filter-params";
import type { QueryResponse, RateCell, ScoreCell } from "./protocol";
import { lowerSearchText, type ViewStore } from "./store";
import { mayContain, needleSignature } from "./signatures";

const FilterSchema = z
  .object({
    ...Object.fromEntries(CHOICE_FIELDS.map((k) => [k, z.array(z.string().max(2000)).max(5000).optional()])),
    ...Object.fromEntries(RANGE_FIELDS.map((k) => [k, z.number().finite().optional()])),
    q: z.string().max(1000).optional(),
  })
  .strict();

/** The filter in a request's query string; unknown parameters (other than paging/format) are refused. */
export function parseFilter(params: URLSearchParams, extra: string[] = []): ViewFilter {
  for (const key of params.keys()) {
    if (!(CHOICE_FIELDS as readonly string[]).includes(key) && !(RANGE_FIELDS as readonly string[]).includes(key) && key !== "q" && !extra.includes(key)) {
      throw new BadRequest(`unknown filter parameter "${key}" (known: ${[...CHOICE_FIELDS, ...RANGE_FIELDS, "q"].join(", ")})`);
    }
  }
  for (const key of RANGE_FIELDS) {
    const v = params.get(key);
    if (v !== null && v.trim() !== "" && !Number.isFinite(Number(v))) throw new BadRequest(`${key}: expected a number, got "${v}"`);
  }
  const parsed = FilterSchema.safeParse(paramsToFilter(params));
  if (!parsed.success) throw new BadRequest(`filter: ${parsed.error.issues[0].path.join(".")}: ${parsed.error.issues[0].message}`);
  return parsed.data as ViewFilter;
}

export class BadRequest extends Error {}

/** Indices of the rows that pass the filter, in load order; only rows of `within` (ascending) when given. */
export function runFilter(store: ViewStore, f: ViewFilter, within?: Uint32Array): Uint32Array {
  // One lookup table per filtered column: allowed[code] = 1. Values the store never saw match nothing.
  const tests: { col: Uint32Array; allowed: Uint8Array }[] = [];
  for (const k of CHOICE_FIELDS) {
    const wanted = f[k as ChoiceField];
    if (!wanted?.length) continue;
    const d = store.dicts[k];
    const allowed = new Uint8Array(d.values.length);
    for (const v of wanted) {
      const c = d.codes.get(v);
      if (c !== undefined) allowed[c] = 1;
    }
    tests.push({ col: store.cols[k], allowed });
  }
  const lo = (v: number | undefined) => (v === undefined ? -Infinity : v);
  const hi = (v: number | undefined) => (v === undefined ? Infinity : v);
  const sMin = lo(f.score_min), sMax = hi(f.score_max), cMin = lo(f.coherence_min), cMax = hi(f.coherence_max);
  const scoreRange = f.score_min !== undefined || f.score_max !== undefined;
  const cohRange = f.coherence_min !== undefined || f.coherence_max !== undefined;
  const needle = f.q?.toLowerCase();
  if (needle) lowerSearchText(store);
  // Probe prompts repeat across samples and conditions: test each distinct prompt once.
  const promptCol = store.cols.prompt;
  const promptHit = needle ? Uint8Array.from(store.dicts.prompt.values, (p) => (p.toLowerCase().includes(needle) ? 1 : 0)) : null;
  // Rows whose character pairs cannot hold the text are passed over without reading their text.
  const pairs = needle ? needleSignature(needle) : null;
  const sigs = store.signatures;
  const out = new Uint32Array(within ? within.length : store.size);
  let n = 0;
  const { score, coherence, search } = store;
  const count = within ? within.length : store.size;
  outer: for (let j = 0; j < count; j++) {
    const i = within ? within[j] : j;
    for (let t = 0; t < tests.length; t++) if (tests[t].allowed[tests[t].col[i]] === 0) continue outer;
    if (scoreRange) {
      const s = score[i];
      if (!(s >= sMin && s <= sMax)) continue;
    }
    if (cohRange) {
      const c = coherence[i];
      if (!(c >= cMin && c <= cMax)) continue;
    }
    if (needle && promptHit![promptCol[i]] === 0 && ((pairs && !mayContain(sigs, i, pairs)) || !search[i].includes(needle))) continue;
    out[n++] = i;
  }
  return out.slice(0, n);
}

/** Recent filter results by canonical key, so scrolling one view does not filter again. While a
 *  search is typed, a longer text containing an earlier one only re-checks that one's rows. */
export function filterCache(store: ViewStore, capacity = 16) {
  const cache = new Map<string, Uint32Array>();
  return (f: ViewFilter): Uint32Array => {
    const key = filterKey(f);
    let hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    let within: Uint32Array | undefined;
    const q = f.q?.toLowerCase();
    if (q) {
      const base = filterKey({ ...f, q: undefined });
      for (const [k, ids] of cache) {
        const p = new URLSearchParams(k);
        const earlier = p.get("q")?.toLowerCase();
        p.delete("q");
        if (earlier && q.includes(earlier) && p.toString() === base && (!within || ids.length < within.length)) within = ids;
      }
    }
    hit = runFilter(store, f, within);
    cache.set(key, hit);
    if (cache.size > capacity) cache.delete(cache.keys().next().value!);
    return hit;
  };
}

function rateCell(group: string, k: number, n: number): RateCell {
  const ci = wilsonInterval(k, n);
  return { group, k, n, rate: n ? k / n : NaN, lo: ci.lo, hi: ci.hi };
}

/** Counts, rate (overall and per model label) and mean score of the filtered rows. */
export function summarise(store: ViewStore, ids: Uint32Array, ms: number): QueryResponse {
  const labels = store.dicts.model_label.values;
  const L = labels.length;
  const k = new Float64Array(L), n = new Float64Array(L), sSum = new Float64Array(L), sN = new Float64Array(L);
  const vCount = new Float64Array(store.dicts.verdict.values.length);
  const simCode = store.dicts.backend.codes.get("simulator");
  let simulated = 0;
  const { y, score } = store;
  const label = store.cols.model_label, verdict = store.cols.verdict, backend = store.cols.backend;
  for (let j = 0; j < ids.length; j++) {
    const i = ids[j];
    const l = label[i];
    if (y[i] >= 0) {
      n[l]++;
      k[l] += y[i];
    }
    const s = score[i];
    if (s === s) {
      sSum[l] += s;
      sN[l]++;
    }
    vCount[verdict[i]]++;
    if (backend[i] === simCode) simulated++;
  }
  const rateByLabel: RateCell[] = [];
  const scoreByLabel: ScoreCell[] = [];
  let K = 0, N = 0, S = 0, SN = 0;
  for (let l = 0; l < L; l++) {
    if (n[l] > 0) rateByLabel.push(rateCell(labels[l], k[l], n[l]));
    if (sN[l] > 0) scoreByLabel.push({ group: labels[l], n: sN[l], mean: sSum[l] / sN[l] });
    K += k[l];
    N += n[l];
    S += sSum[l];
    SN += sN[l];
  }
  const byName = (a: { group: string }, b: { group: string }) => a.group.localeCompare(b.group, undefined, { numeric: true });
  const verdicts: Record<string, number> = {};
  store.dicts.verdict.values.forEach((v, c) => {
    if (vCount[c]) verdicts[v] = vCount[c];
  });
  return {
    total: ids.length, simulated, verdicts,
    rate: N > 0 ? rateCell("all", K, N) : null,
    rateByLabel: rateByLabel.sort(byName),
    score: SN > 0 ? { group: "all", n: SN, mean: S / SN } : null,
    scoreByLabel: scoreByLabel.sort(byName),
    ms,
  };
}
