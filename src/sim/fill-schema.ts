// A value that satisfies an arbitrary JSON schema: what the simulator returns for structured outputs
// that no registered task answers, and the frame a scoring task fills in.
import type { Rng } from "./rng";

/** A value that satisfies an arbitrary JSON schema, with the answer text in the first string field. */
export function fillSchema(schema: unknown, text: string, rng: Rng, depth = 0): unknown {
  const s = (schema ?? {}) as Record<string, unknown>;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[Math.floor(rng.next() * s.enum.length)];
  if ("const" in s) return s.const;
  const type = Array.isArray(s.type) ? (s.type as string[]).find((t) => t !== "null") : (s.type as string | undefined);
  if (s.anyOf && Array.isArray(s.anyOf)) return fillSchema((s.anyOf as unknown[])[0], text, rng, depth + 1);
  switch (type) {
    case "object": {
      const props = (s.properties ?? {}) as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      let first = true;
      for (const [k, v] of Object.entries(props)) {
        out[k] = fillSchema(v, first ? text : k.replace(/_/g, " "), rng, depth + 1);
        if ((v as { type?: string }).type === "string") first = false;
      }
      return out;
    }
    case "array":
      return depth > 4 ? [] : [fillSchema(s.items, text, rng, depth + 1)];
    case "number":
    case "integer": {
      const lo = typeof s.minimum === "number" ? s.minimum : 0;
      const hi = typeof s.maximum === "number" ? s.maximum : lo + 100;
      const v = lo + rng.next() * (hi - lo);
      return type === "integer" ? Math.round(v) : Math.round(v * 100) / 100;
    }
    case "boolean":
      return rng.chance(0.5);
    case "null":
      return null;
    default:
      return text;
  }
}
