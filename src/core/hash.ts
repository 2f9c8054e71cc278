import { createHash } from "node:crypto";

/** JSON with object keys sorted at every depth, so equal values always serialise the same way.
 *  Byte for byte `JSON.stringify(sortKeys(value))` (cache keys depend on it), written out directly:
 *  the sorted copy it avoids was most of the cost of estimating a full replication. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  return writeSorted(value);
}

/** A leaf as JSON.stringify writes it, or undefined where it would leave the key out. */
function leaf(v: unknown): string | undefined {
  return JSON.stringify(v) as string | undefined;
}

/** Array-index keys ("2", "10"): a JS object lists them first, in numeric order, whatever the order
 *  they were added in; the reference form rebuilds an object, so its output lists them that way. */
const INDEX_KEY = /^(0|[1-9]\d*)$/;
function insertionOrderOfSorted(keys: string[]): string[] {
  const sorted = keys.sort();
  const index = sorted.filter((k) => INDEX_KEY.test(k) && Number(k) < 4294967295);
  if (index.length === 0) return sorted;
  index.sort((a, b) => Number(a) - Number(b));
  const set = new Set(index);
  return [...index, ...sorted.filter((k) => !set.has(k))];
}

function writeSorted(value: object): string {
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      out += (i ? "," : "") + (v !== null && typeof v === "object" ? writeSorted(v) : (leaf(v) ?? "null"));
    }
    return out + "]";
  }
  let out = "{";
  let first = true;
  for (const key of insertionOrderOfSorted(Object.keys(value))) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    const text = v !== null && typeof v === "object" ? writeSorted(v) : leaf(v);
    if (text === undefined) continue;
    out += (first ? "" : ",") + JSON.stringify(key) + ":" + text;
    first = false;
  }
  return out + "}";
}

/** The reference form canonicalJson must equal (kept for its tests). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** Stable sha256 (hex) of any JSON-able value. */
export function stableHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}
