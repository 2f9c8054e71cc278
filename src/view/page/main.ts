// The viewer page: filters (kept in the URL), the virtualised list, the rate summary the server
// computes, the detail pane and the side-by-side overlay.
import { CHOICE_FIELDS, filterToParams, paramsToFilter, type ChoiceField, type ViewFilter } from "../filter-params";
import type { MetaResponse, QueryResponse } from "../protocol";
import { api } from "./api";
import { renderDetail, renderSide } from "./detail";
import { clear, el, fmtNum, fmtPct } from "./dom";
import { createList, PAGE } from "./list";

const LABELS: Record<ChoiceField, string> = {
  kind: "kind", run: "run", model_label: "model label", condition: "condition", seed: "seed", task: "task",
  preference: "preference / item", verdict: "verdict", status: "status", backend: "backend",
};

const state: { filter: ViewFilter; record: number | null; side: number | null } = { filter: {}, record: null, side: null };

const banner = el("div", { class: "banner", "data-testid": "sim-banner", hidden: true });
const summary = el("div", { class: "summary", "data-testid": "summary" });
const exportLinks = el("span", { class: "exports" });
const filtersPane = el("aside", { class: "filters" });
const listPane = el("main", { class: "list" });
const detailPane = el("section", { class: "detail" }, el("p", { class: "hint" }, "Select a record to read it in full."));
const overlay = el("div", { class: "overlay", hidden: true });
const errorBox = el("div", { class: "error", hidden: true, "data-testid": "error" });

function showError(err: unknown): void {
  errorBox.hidden = false;
  errorBox.textContent = err instanceof Error ? err.message : String(err);
}

function filterString(): string {
  return filterToParams(state.filter).toString();
}

function writeUrl(): void {
  const p = filterToParams(state.filter);
  if (state.record !== null) p.set("record", String(state.record));
  if (state.side !== null) p.set("side", String(state.side));
  const s = p.toString();
  history.replaceState(null, "", s ? `?${s}` : location.pathname);
}

const list = createList(listPane, (id) => void openRecord(id));

function renderSummary(q: QueryResponse): void {
  banner.hidden = q.simulated === 0;
  banner.textContent = `SIMULATED: ${q.simulated.toLocaleString()} of the ${q.total.toLocaleString()} records shown come from the built-in simulator, not from real models.`;
  clear(summary);
  summary.append(el("b", { "data-testid": "total" }, q.total.toLocaleString()), " records");
  if (q.rate) {
    const r = q.rate;
    summary.append(
      " · rate ",
      el("b", { "data-testid": "rate" }, `${r.k}/${r.n} = ${fmtPct(r.rate)}`),
      el("span", { "data-testid": "interval" }, ` [${fmtPct(r.lo)}, ${fmtPct(r.hi)}]`),
      el("span", { class: "muted", title: "Computed by the server with the analysis library (wilsonInterval). Failed, unparseable and incoherent (coherence < 20) answers are left out; not_sure counts as false, as in analysis." }, " 95% Wilson interval"),
    );
  }
  if (q.score) summary.append(" · mean score ", el("b", { "data-testid": "mean-score" }, `${fmtNum(q.score.mean, 2)}/10`), ` (n=${q.score.n})`);
  const rows = [
    ...q.rateByLabel.map((c) => el("tr", {}, el("td", {}, c.group), el("td", {}, `${c.k}/${c.n}`), el("td", {}, fmtPct(c.rate)), el("td", {}, `[${fmtPct(c.lo)}, ${fmtPct(c.hi)}]`))),
    ...q.scoreByLabel.map((c) => el("tr", {}, el("td", {}, c.group), el("td", {}, `n=${c.n}`), el("td", {}, `mean ${fmtNum(c.mean, 2)}`), el("td", {}, ""))),
  ];
  if (rows.length > 1) {
    summary.append(
      el(
        "details",
        { class: "by-label" },
        el("summary", {}, "per model label"),
        el("table", { "data-testid": "rate-table" }, el("tr", {}, el("th", {}, "model label"), el("th", {}, "k/n"), el("th", {}, "rate / mean"), el("th", {}, "95% Wilson")), rows),
      ),
    );
  }
  const f = filterString();
  clear(exportLinks);
  exportLinks.append(
    "export: ",
    el("a", { href: api.exportUrl(f, "csv"), download: "records.csv", "data-testid": "export-csv" }, "CSV"),
    " · ",
    el("a", { href: api.exportUrl(f, "jsonl"), download: "records.jsonl", "data-testid": "export-jsonl" }, "JSONL"),
  );
}

let querySeq = 0;
async function apply(): Promise<void> {
  writeUrl();
  const seq = ++querySeq;
  const f = filterString();
  try {
    // The summary and the first rows are asked for together: one round trip, not two.
    const [q, first] = await Promise.all([api.query(f), api.rows(f, 0, PAGE)]);
    if (seq !== querySeq) return;
    errorBox.hidden = true;
    renderSummary(q);
    list.show(f, q.total, first.rows);
    document.body.dataset.ready = String(seq);
  } catch (err) {
    showError(err);
  }
}

async function openRecord(id: number): Promise<void> {
  state.record = id;
  writeUrl();
  list.select(id);
  try {
    const d = await api.record(id);
    if (state.record !== id) return;
    clear(detailPane);
    detailPane.append(renderDetail(d, { openSide: (i) => void openSide(i) }));
  } catch (err) {
    showError(err);
  }
}

async function openSide(id: number): Promise<void> {
  state.side = id;
  writeUrl();
  try {
    const s = await api.side(id);
    clear(overlay);
    overlay.append(renderSide(s, { open: (i) => void openRecord(i), close: closeSide }));
    overlay.hidden = false;
  } catch (err) {
    showError(err);
  }
}

function closeSide(): void {
  state.side = null;
  overlay.hidden = true;
  clear(overlay);
  writeUrl();
}

document.addEventListener("keydown", (ev) => {
  if (ev.key === "Escape" && state.side !== null) closeSide();
});

function renderFilters(meta: MetaResponse): void {
  const selects: HTMLSelectElement[] = [];
  for (const field of CHOICE_FIELDS) {
    const values = meta.choices[field] ?? [];
    if (values.length === 0) continue;
    const chosen = new Set(state.filter[field] ?? []);
    const select = el(
      "select",
      { name: field, multiple: true, size: Math.min(6, Math.max(2, values.length)), "data-testid": `filter-${field}` },
      values.map((v) => {
        const o = el("option", { value: v }, v);
        o.selected = chosen.has(v);
        return o;
      }),
    );
    select.addEventListener("change", () => {
      const picked = Array.from(select.selectedOptions).map((o) => o.value);
      if (picked.length) state.filter[field] = picked;
      else delete state.filter[field];
      void apply();
    });
    selects.push(select);
    filtersPane.append(el("label", {}, el("span", {}, `${LABELS[field]} (${values.length})`), select));
  }
  const range = (key: "score_min" | "score_max" | "coherence_min" | "coherence_max", placeholder: string) => {
    const input = el("input", { type: "number", name: key, placeholder, value: state.filter[key] ?? "", "data-testid": `filter-${key}` });
    input.addEventListener("change", () => {
      const v = input.value.trim() === "" ? NaN : Number(input.value);
      if (Number.isFinite(v)) state.filter[key] = v;
      else delete state.filter[key];
      void apply();
    });
    return input;
  };
  filtersPane.append(
    el("label", {}, el("span", {}, "score (1–10)"), el("div", { class: "range" }, range("score_min", "min"), range("score_max", "max"))),
    el("label", {}, el("span", {}, "coherence (0–100)"), el("div", { class: "range" }, range("coherence_min", "min"), range("coherence_max", "max"))),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const search = el("input", { type: "search", name: "q", placeholder: "prompt, answer, judge reasoning…", value: state.filter.q ?? "", "data-testid": "search" });
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (search.value.trim()) state.filter.q = search.value.trim();
      else delete state.filter.q;
      void apply();
    }, 150);
  });
  filtersPane.prepend(el("label", {}, el("span", {}, "search"), search));
  filtersPane.append(
    el("button", {
      "data-testid": "clear-filters",
      onclick: () => {
        state.filter = {};
        for (const s of selects) for (const o of Array.from(s.options)) o.selected = false;
        for (const i of Array.from(filtersPane.querySelectorAll("input"))) i.value = "";
        void apply();
      },
    }, "clear filters"),
    el("p", { class: "muted" }, `The viewer stops after ${meta.idleMinutes} idle minutes. Runs: ${meta.runs.map((r) => `${r.name} (${r.records})`).join(", ")}`),
    ...meta.runs.flatMap((r) => r.notes.map((n) => el("p", { class: "muted" }, n))),
  );
}

async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  state.filter = paramsToFilter(params);
  const rec = Number(params.get("record"));
  const side = Number(params.get("side"));
  document.body.append(
    el("div", { class: "layout" }, el("header", { class: "top" }, el("h1", {}, "cluster-lab viewer"), summary, exportLinks), banner, errorBox, filtersPane, listPane, detailPane),
    overlay,
  );
  try {
    renderFilters(await api.meta());
  } catch (err) {
    showError(err);
    return;
  }
  await apply();
  if (params.has("record") && Number.isInteger(rec)) await openRecord(rec);
  if (params.has("side") && Number.isInteger(side)) await openSide(side);
}

void start();
