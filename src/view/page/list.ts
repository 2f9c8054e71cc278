// The record list: a virtualised list (@tanstack/virtual-core) over the filtered rows. Only the
// rows in view exist in the DOM; they are fetched from the server a page at a time.
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect, type VirtualizerOptions } from "@tanstack/virtual-core";
import type { ListRow } from "../protocol";
import { api } from "./api";
import { clear, el, fmtNum } from "./dom";

const ROW_HEIGHT = 30;
/** Rows fetched at once (the page asks for the first page together with the filter's summary). */
export const PAGE = 100;

export const LIST_COLUMNS: { key: keyof ListRow | "outcome"; title: string }[] = [
  { key: "model_label", title: "model label" },
  { key: "condition", title: "condition" },
  { key: "seed", title: "seed" },
  { key: "task", title: "task" },
  { key: "preference", title: "preference / item" },
  { key: "outcome", title: "verdict / score" },
  { key: "coherence", title: "coh." },
  { key: "status", title: "status" },
  { key: "text", title: "answer" },
];

function cell(row: ListRow, key: (typeof LIST_COLUMNS)[number]["key"]): string {
  if (key === "outcome") {
    const score = row.score !== null ? `${fmtNum(row.score, Number.isInteger(row.score) ? 0 : 1)}/10` : null;
    return score && row.verdict !== "none" ? `${row.verdict} · ${score}` : (score ?? row.verdict);
  }
  if (key === "coherence") return fmtNum(row.coherence);
  return String(row[key]);
}

export function createList(container: HTMLElement, onSelect: (id: number) => void) {
  const header = el("div", { class: "row head" }, LIST_COLUMNS.map((c) => el("span", { class: `c-${c.key}` }, c.title)));
  const spacer = el("div", { class: "spacer" });
  const scroller = el("div", { class: "scroller", "data-testid": "list", tabindex: 0 }, spacer);
  container.append(header, scroller);
  let filter = "";
  let generation = 0;
  let selected: number | null = null;
  let selectedIndex = -1;
  let total = 0;
  const pages = new Map<number, ListRow[] | "loading" | Error>();

  const options: VirtualizerOptions<HTMLDivElement, HTMLDivElement> = {
    count: 0,
    getScrollElement: () => scroller,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
    scrollToFn: elementScroll,
    observeElementRect,
    observeElementOffset,
    onChange: () => render(),
  };
  const virtualizer = new Virtualizer(options);
  virtualizer._didMount();
  virtualizer._willUpdate();

  function ensurePage(p: number): void {
    if (pages.has(p) || p * PAGE >= total) return;
    pages.set(p, "loading");
    const gen = generation;
    api.rows(filter, p * PAGE, PAGE).then(
      (r) => {
        if (gen !== generation) return;
        pages.set(p, r.rows);
        render();
      },
      (err: Error) => {
        if (gen !== generation) return;
        pages.set(p, err);
        render();
      },
    );
  }

  function render(): void {
    spacer.style.height = `${virtualizer.getTotalSize()}px`;
    clear(spacer);
    for (const item of virtualizer.getVirtualItems()) {
      const p = Math.floor(item.index / PAGE);
      const page = pages.get(p);
      const style = `transform: translateY(${item.start}px)`;
      // The pages either side are fetched ahead, so scrolling on finds its rows already there.
      if (item.index % PAGE === 0 || item.index % PAGE === PAGE - 1) {
        ensurePage(p + 1);
        if (p > 0) ensurePage(p - 1);
      }
      if (!Array.isArray(page)) {
        ensurePage(p);
        spacer.append(el("div", { class: "row pending", style }, page instanceof Error ? page.message : "…"));
        continue;
      }
      const row = page[item.index - p * PAGE];
      if (!row) continue;
      spacer.append(
        el(
          "div",
          {
            class: `row${row.id === selected ? " selected" : ""}${row.backend === "simulator" ? " sim" : ""}`,
            style,
            "data-id": row.id,
            "data-index": item.index,
            onclick: () => {
              selectedIndex = item.index;
              onSelect(row.id);
            },
          },
          LIST_COLUMNS.map((c) => el("span", { class: `c-${c.key}`, title: c.key === "text" ? row.text : undefined }, cell(row, c.key))),
        ),
      );
    }
  }

  /** ↓/↑ (or j/k) read the next or previous record; the list follows. */
  scroller.addEventListener("keydown", (ev) => {
    const step = ev.key === "ArrowDown" || ev.key === "j" ? 1 : ev.key === "ArrowUp" || ev.key === "k" ? -1 : 0;
    if (!step || total === 0) return;
    ev.preventDefault();
    const next = Math.min(total - 1, Math.max(0, selectedIndex + step));
    const p = Math.floor(next / PAGE);
    const page = pages.get(p);
    virtualizer.scrollToIndex(next, { align: "auto" });
    if (!Array.isArray(page)) return ensurePage(p);
    selectedIndex = next;
    onSelect(page[next - p * PAGE].id);
  });

  return {
    /** New filter (URL parameters) with `total` rows: back to the top, pages fetched afresh. */
    show(newFilter: string, count: number, firstPage?: ListRow[]): void {
      filter = newFilter;
      total = count;
      selectedIndex = -1;
      generation++;
      pages.clear();
      if (firstPage) pages.set(0, firstPage);
      virtualizer.setOptions({ ...options, count });
      virtualizer._willUpdate();
      scroller.scrollTop = 0;
      virtualizer.measure();
      render();
    },
    select(id: number | null): void {
      selected = id;
      render();
    },
  };
}
