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

/** Text made safe to put inside HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
