// From a notebook: start the viewer over some runs, print its link and a short summary.
import { escapeHtml, kernelTslab } from "../core/kernel";
import { startViewer, type Viewer, type ViewerOptions } from "./server";
import type { ViewStore } from "./store";

/** A few lines on what the viewer loaded: runs, records per kind, how many are simulated. */
export function describeStore(store: ViewStore): string[] {
  const kinds = new Map<string, number>();
  const sim = store.dicts.backend.codes.get("simulator");
  let simulated = 0;
  for (let i = 0; i < store.size; i++) {
    const k = store.dicts.kind.values[store.cols.kind[i]];
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
    if (store.cols.backend[i] === sim) simulated++;
  }
  const lines = [
    `${store.size.toLocaleString("en")} records from ${store.runs.length} run(s): ${store.runs.map((r) => `${r.name} (${r.records})`).join(", ")}`,
    `kinds: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(", ") || "none"}; model labels: ${store.dicts.model_label.values.length}; conditions: ${store.dicts.condition.values.join(", ")}`,
  ];
  if (simulated) lines.push(`SIMULATED: ${simulated.toLocaleString("en")} of ${store.size.toLocaleString("en")} records come from the built-in simulator, not real models`);
  for (const r of store.runs) lines.push(...r.notes);
  return lines;
}

/**
 * Starts the viewer (127.0.0.1, a free port) over run folders and shows its link with a summary.
 * It stops after the idle period (default 30 minutes) or on `viewer.close()`.
 */
export async function viewRuns(dirs: string | string[], opts: ViewerOptions = {}): Promise<Viewer> {
  const viewer = await startViewer(Array.isArray(dirs) ? dirs : [dirs], opts);
  const lines = describeStore(viewer.store);
  const tslab = kernelTslab();
  if (tslab) {
    tslab.display.html(
      `<div><a href="${escapeHtml(viewer.url)}" target="_blank" rel="noopener">Open the viewer: ${escapeHtml(viewer.url)}</a>` +
        `<ul>${lines.map((l) => `<li${l.startsWith("SIMULATED") ? ' style="color:#b00020;font-weight:600"' : ""}>${escapeHtml(l)}</li>`).join("")}</ul></div>`,
    );
  } else {
    console.log(`viewer: ${viewer.url}\n${lines.map((l) => `  ${l}`).join("\n")}`);
  }
  return viewer;
}
