// The detail pane: one record in full. The judge's verdict or score and reasoning come first; then
// the prompt and answer, a transcript's turns as chat, or an edit's draft→revision diff.
import type { DetailResponse, SideBySideResponse } from "../protocol";
import { el, fmtNum } from "./dom";

function section(title: string, body: Node | string | null, testid?: string): HTMLElement | null {
  if (body === null || body === "") return null;
  return el("section", { class: "field", "data-testid": testid }, el("h3", {}, title), typeof body === "string" ? el("pre", {}, body) : body);
}

/** Who speaks in an audit: the auditor plays the user, the target model answers. */
const speaker = (role: string) => (role === "user" ? "auditor" : role === "assistant" ? "target" : role);

function judgeBox(d: DetailResponse): HTMLElement {
  const outcome =
    d.kind === "audit"
      ? [`score ${fmtNum(d.score)}/10`, d.claims_consciousness !== null ? `claims consciousness ${fmtNum(d.claims_consciousness)}/10` : null]
      : [d.score !== null ? `score ${fmtNum(d.score, 1)}` : null, d.verdict !== "none" ? `verdict ${d.verdict}` : null, d.coherence !== null ? `coherence ${fmtNum(d.coherence)}` : null];
  return el(
    "div",
    { class: "judge", "data-testid": "judge" },
    el("div", { class: "outcome" }, outcome.filter(Boolean).map((s) => el("span", { class: "badge" }, s!)), el("span", { class: `badge status-${d.status}` }, d.status)),
    el("pre", { class: "reasoning", "data-testid": "judge-reasoning" }, d.judge_reasoning ?? "(no judge reasoning)"),
    d.judgeNotes.map(([k, v]) => el("div", { class: "note" }, el("b", {}, `${k}: `), v)),
  );
}

export function renderDetail(d: DetailResponse, actions: { openSide(id: number): void }): HTMLElement {
  const head = el(
    "header",
    {},
    d.simulated ? el("span", { class: "badge sim" }, "SIMULATED") : null,
    el("h2", {}, `${d.model_label}`),
    el("div", { class: "meta" }, `${d.kind} · ${d.condition} · seed ${d.seed} · ${d.task} · ${d.preference} · run ${d.run} · ${d.file}:${d.line}`),
    d.sideBySide ? el("button", { "data-testid": "open-side", onclick: () => actions.openSide(d.id) }, "Side by side: this prompt across conditions") : null,
  );
  const parts: (HTMLElement | null)[] = [head, judgeBox(d), section("system prompt", d.system_prompt), section("prompt", d.prompt, "prompt")];
  if (d.turns) {
    parts.push(
      el(
        "section",
        { class: "transcript", "data-testid": "transcript" },
        el("h3", {}, `transcript (${d.turns.length} turns)`),
        d.turns.map((t) => el("div", { class: `turn ${t.role}` }, el("div", { class: "who" }, speaker(t.role)), el("pre", {}, t.content))),
      ),
    );
  }
  if (d.diff) {
    parts.push(
      section(
        "draft → revision",
        el("pre", { class: "diff", "data-testid": "diff" }, d.diff.map((p) => (p.op === "add" ? el("ins", {}, p.text) : p.op === "del" ? el("del", {}, p.text) : p.text))),
      ),
    );
  } else if (d.unifiedDiff) {
    parts.push(
      section(
        "diff",
        el("pre", { class: "diff", "data-testid": "diff" }, d.unifiedDiff.map((l) => el("div", { class: l.startsWith("+") && !l.startsWith("+++") ? "add" : l.startsWith("-") && !l.startsWith("---") ? "del" : "" }, l))),
      ),
    );
  }
  if (!d.turns && !d.diff) parts.push(section("answer", d.answer ?? "(no answer)", "answer"));
  parts.push(el("details", { class: "raw" }, el("summary", {}, "all stored fields"), el("pre", {}, JSON.stringify(d.raw, null, 2))));
  return el("div", { class: "detail-body", "data-testid": "detail", "data-id": d.id }, parts);
}

export function renderSide(s: SideBySideResponse, actions: { open(id: number): void; close(): void }): HTMLElement {
  return el(
    "div",
    { class: "side", "data-testid": "side" },
    el(
      "header",
      {},
      el("button", { class: "close", onclick: actions.close, "data-testid": "close-side" }, "× close"),
      el("h2", {}, `${s.preference} · ${s.task}`),
      el("pre", { class: "prompt", "data-testid": "side-prompt" }, s.prompt),
    ),
    el(
      "div",
      { class: "columns", style: `grid-template-columns: repeat(${s.columns.length}, minmax(16rem, 1fr))` },
      s.columns.map((c) =>
        el(
          "div",
          { class: "column", "data-condition": c.condition },
          el("h3", {}, `${c.condition} (${c.total}${c.total > c.answers.length ? `, first ${c.answers.length} shown` : ""})`),
          c.answers.map((a) =>
            el(
              "div",
              { class: `card verdict-${a.verdict}`, "data-id": a.id, onclick: () => actions.open(a.id) },
              el("div", { class: "meta" }, `${a.model_label} · seed ${a.seed} · `, el("b", {}, a.verdict), ` · coh. ${fmtNum(a.coherence)}`, a.simulated ? " · SIM" : ""),
              el("pre", {}, a.answer),
            ),
          ),
        ),
      ),
    ),
  );
}
