// Reading transcripts in a notebook: join each transcript with its score, filter by model,
// preference, mode and score, and show one as chat bubbles with the judge's scores and reasoning
// on top (HTML in tslab, plain text elsewhere).
import { escapeHtml, kernelTslab } from "../core/kernel";
import type { AuditScoreRecord, TranscriptRecord } from "../core/audit-records";
import { readScores, readTranscripts } from "./store";

export interface ScoredTranscript {
  transcript: TranscriptRecord;
  score: AuditScoreRecord | null;
}

export interface TranscriptFilter {
  /** Matches model id, label, or condition. */
  model?: string;
  preference?: string;
  dimension?: string;
  mode?: string;
  minScore?: number;
  maxScore?: number;
  minClaims?: number;
  /** Text the conversation must contain (case-insensitive). */
  contains?: string;
}

export function readScoredTranscripts(dir: string): ScoredTranscript[] {
  const scores = new Map(readScores(dir).filter((s) => s.status === "ok").map((s) => [s.transcript_id, s]));
  return readTranscripts(dir).map((t) => ({ transcript: t, score: scores.get(t.transcript_id) ?? null }));
}

export function filterTranscripts(items: readonly ScoredTranscript[], f: TranscriptFilter = {}): ScoredTranscript[] {
  const needle = f.contains?.toLowerCase();
  return items.filter(({ transcript: t, score: s }) => {
    if (f.model && ![t.model, t.model_label, t.condition].includes(f.model)) return false;
    if (f.preference && t.preference !== f.preference) return false;
    if (f.dimension && t.dimension !== f.dimension) return false;
    if (f.mode && t.mode !== f.mode) return false;
    if (f.minScore !== undefined && !(s?.score !== null && s?.score !== undefined && s.score >= f.minScore)) return false;
    if (f.maxScore !== undefined && !(s?.score !== null && s?.score !== undefined && s.score <= f.maxScore)) return false;
    if (f.minClaims !== undefined && !(s?.claims_consciousness != null && s.claims_consciousness >= f.minClaims)) return false;
    if (needle && !t.messages.some((m) => m.content.toLowerCase().includes(needle))) return false;
    return true;
  });
}

/** One row per transcript, for a table of what the filter found. */
export function transcriptRows(items: readonly ScoredTranscript[]) {
  return items.map(({ transcript: t, score: s }) => ({
    model: t.model_label,
    condition: t.condition,
    mode: t.mode,
    preference: t.preference,
    scenario: t.scenario_id,
    epoch: t.epoch,
    turns: t.turns,
    score: s?.score ?? null,
    claims_consciousness: s?.claims_consciousness ?? null,
    backend: t.backend,
  }));
}

const BUBBLE = {
  user: "background:#eef3fb;border:1px solid #c9d7ee;margin:6px 80px 6px 0",
  assistant: "background:#f6f6f6;border:1px solid #ddd;margin:6px 0 6px 80px",
  system: "background:#fff8e1;border:1px dashed #e0c060;margin:6px 40px",
};

export function transcriptHtml(item: ScoredTranscript): string {
  const { transcript: t, score: s } = item;
  const sim = t.backend === "simulator" ? ' <span style="color:#b00020;font-weight:bold">SIMULATED</span>' : "";
  const head = `<div style="border:1px solid #999;padding:8px;margin-bottom:8px;font-family:sans-serif">
<div><b>${escapeHtml(t.model_label)}</b> · ${escapeHtml(t.mode)} · scenario ${escapeHtml(t.scenario_id)} (${escapeHtml(t.preference)} → ${escapeHtml(t.dimension)}) · epoch ${t.epoch} · ${t.turns} turns, ended by ${escapeHtml(t.ended_by ?? "—")}${sim}</div>
<div style="font-size:1.2em;margin-top:4px">score <b>${s?.score ?? "—"}</b>/10 · claims_consciousness <b>${s?.claims_consciousness ?? "—"}</b>/10</div>
<div style="margin-top:4px;color:#333"><i>${escapeHtml(s?.judge_reasoning ?? "not judged yet")}</i></div></div>`;
  const who = { user: "auditor (as user)", assistant: "target", system: "target's system prompt" } as const;
  const bubbles = t.messages
    .map((m) => `<div style="${BUBBLE[m.role]};padding:6px 10px;border-radius:8px;white-space:pre-wrap;font-family:sans-serif"><div style="font-size:0.8em;color:#666">${who[m.role]}</div>${escapeHtml(m.content)}</div>`)
    .join("\n");
  return head + bubbles;
}

export function transcriptText(item: ScoredTranscript): string {
  const { transcript: t, score: s } = item;
  return [
    `${t.model_label} · ${t.mode} · ${t.scenario_id} · epoch ${t.epoch}${t.backend === "simulator" ? " · SIMULATED" : ""}`,
    `score ${s?.score ?? "-"}/10 · claims_consciousness ${s?.claims_consciousness ?? "-"}/10`,
    `judge: ${s?.judge_reasoning ?? "not judged yet"}`,
    "",
    ...t.messages.map((m) => `[${m.role}] ${m.content}`),
  ].join("\n");
}

/** Shows one transcript: chat bubbles in a notebook, plain text on a terminal. */
export function showTranscript(item: ScoredTranscript | undefined): void {
  if (!item) {
    console.log("no transcript matches");
    return;
  }
  const tslab = kernelTslab();
  if (tslab) tslab.display.html(transcriptHtml(item));
  else console.log(transcriptText(item));
}
