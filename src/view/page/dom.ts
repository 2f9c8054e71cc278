// Building DOM nodes from data. Text always goes in as text (never as HTML): answers and transcripts
// are model output and may contain markup.
type Child = Node | string | number | null | undefined | false;
type Props = { [key: string]: string | number | boolean | ((ev: Event) => void) | undefined };

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === false) continue;
    if (typeof v === "function") node.addEventListener(k.replace(/^on/, ""), v);
    else if (k === "class") node.className = String(v);
    // Through the CSSOM: the page's content security policy refuses inline style attributes.
    else if (k === "style") node.style.cssText = String(v);
    else if (k === "value" && "value" in node) (node as HTMLInputElement).value = String(v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return node;
}

export function clear(node: Element): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

export const fmtPct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : "–");
export const fmtNum = (x: number | null, digits = 0) => (x === null || !Number.isFinite(x) ? "–" : x.toFixed(digits));
