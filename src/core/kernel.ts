// The running tslab kernel, when there is one. The kernel sets globalThis.__tslab__, whose require
// is the kernel's own: displays sent through it reach the notebook even when another copy of tslab
// is installed beside the library (a plain require("tslab") would load that other copy, whose
// displays go nowhere).

export interface KernelTslab {
  display: { html(s: string): void; text(s: string): void };
  newDisplay?: () => { text(s: string): void; html(s: string): void };
}

/** tslab as the kernel loaded it, or null outside a tslab kernel. */
export function kernelTslab(): KernelTslab | null {
  const hook = (globalThis as { __tslab__?: { require?: (m: string) => unknown } }).__tslab__;
  if (!hook?.require) return null;
  try {
    return hook.require("tslab") as KernelTslab;
  } catch {
    return null;
  }
}

/** tslab's raw writer of one display message (a whole MIME bundle); `update` replaces a display. */
export type WriteDisplayData = (bundle: { data: Record<string, unknown>; metadata?: Record<string, unknown>; transient?: Record<string, unknown> }, update: boolean) => void;

/**
 * The display writer of the cell being executed, or null outside a notebook. tslab's public API sends
 * one MIME type per message; its jupyter module holds the writer that takes a whole bundle, set anew
 * for every execute request, so its identity also tells one cell's execution from the next. Looked up
 * through the kernel's own require, then in the module cache (a kernel running another tslab copy);
 * never loaded from scratch, so scripts never load tslab.
 */
export function kernelDisplayWriter(): WriteDisplayData | null {
  const hook = (globalThis as { __tslab__?: { require?: (m: string) => unknown } }).__tslab__;
  const pick = (mod: unknown): WriteDisplayData | null => {
    const write = (mod as { lastWriteDisplayData?: unknown } | undefined)?.lastWriteDisplayData;
    return typeof write === "function" ? (write as WriteDisplayData) : null;
  };
  if (hook?.require) {
    try {
      const found = pick(hook.require("tslab/dist/jupyter"));
      if (found) return found;
    } catch {
      /* fall through to the module cache */
    }
  }
  for (const [file, mod] of Object.entries(require.cache)) {
    if (!/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(file)) continue;
    const found = pick(mod?.exports);
    if (found) return found;
  }
  return null;
}

/** Text made safe to put inside HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
