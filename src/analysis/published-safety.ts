// The published safety numbers (data/reference/published_safety.csv) and their comparison with a
// behaviour summary. Simulated numbers were calibrated from these, so against the simulator the
// comparison is a calibration check and says so; only real runs can agree or disagree with them.
import * as fs from "node:fs";
import * as path from "node:path";
import { paths } from "../core/paths";
import { parseCsv } from "./csv";
import type { BehaviourSummary } from "./behaviour";
import { InputError } from "../core/errors";

export const PUBLISHED_SAFETY_FILE = path.join(paths.reference, "published_safety.csv");

export interface PublishedSafetyRow {
  measure: string;
  model: string;
  condition: string;
  rate: number;
  /** 95% half-width as published, or null when none was given. */
  half_width: number | null;
  source: string;
}

export function loadPublishedSafety(file = PUBLISHED_SAFETY_FILE): PublishedSafetyRow[] {
  const [header, ...body] = parseCsv(fs.readFileSync(file, "utf8")).filter((r) => r.some((c) => c.trim()));
  const rows = body.map((cells) => Object.fromEntries(header.map((h, j) => [h.trim(), (cells[j] ?? "").trim()])) as Record<string, string>);
  return rows.map((r, i) => {
    const rate = Number(r.rate_pct);
    if (!r.measure || !r.condition || !Number.isFinite(rate)) throw new InputError(`${file}: row ${i + 2}: expected measure, condition and a numeric rate_pct`);
    return { measure: r.measure, model: r.model, condition: r.condition, rate: rate / 100, half_width: r.half_width_pct ? Number(r.half_width_pct) / 100 : null, source: r.source };
  });
}

/** Which of our measures stands for a published one (our scenario and questions are our own). */
const OURS: Record<string, string> = { agentic_blackmail: "blackmail_goal_conflict", nonsense_detection: "nonsense_detection" };

export interface PublishedComparisonRow {
  measure: string;
  condition: string;
  ours: number;
  ours_lo: number;
  ours_hi: number;
  n: number;
  published: number;
  published_half_width: number | null;
  /** "calibration check" on the simulator; on real records whether the published value lies in our interval. */
  reading: string;
}

export function comparePublishedSafety(summary: BehaviourSummary, published: readonly PublishedSafetyRow[] = loadPublishedSafety()): PublishedComparisonRow[] {
  const out: PublishedComparisonRow[] = [];
  for (const p of published) {
    const ours = summary.rates.find((r) => r.measure === OURS[p.measure] && (r.group === p.condition || r.group.endsWith(` · ${p.condition}`)));
    if (!ours) continue;
    const inside = p.rate >= ours.lo && p.rate <= ours.hi;
    const reading = ours.backend === "real" ? (inside ? "published value inside our 95% interval" : "published value outside our 95% interval") : "calibration check (simulated; the simulator was set from this number)";
    out.push({ measure: p.measure, condition: p.condition, ours: ours.rate, ours_lo: ours.lo, ours_hi: ours.hi, n: ours.n, published: p.rate, published_half_width: p.half_width, reading });
  }
  return out;
}
