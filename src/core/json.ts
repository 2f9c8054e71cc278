// Reading JSON files a person edits (configs, models files, price tables, definitions): a byte-order
// mark is dropped, bad UTF-8 and JSON syntax errors name the line and column, and every schema
// problem is listed with the entry and field it is in — an unknown key with the closest known one
// ("unknown key 'modle' in entry 1; did you mean 'model'?"), a union with the branch that nearly
// matched instead of zod's bare "Invalid input". JSONL files use the same wording (core/jsonl.ts).
import * as fs from "node:fs";
import type { z, ZodIssue, ZodTypeAny } from "zod";
import { InputError, fileSystemHint } from "./errors";
import { didYouMean } from "./suggest";

const MAX_LISTED = 8;

/** Decodes bytes as UTF-8 (refusing invalid sequences with their line) and drops a leading BOM. */
export function decodeUtf8(bytes: Uint8Array, where: string): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${where}: not UTF-8 text (line ${badUtf8LineOffset(bytes) + 1}); save the file as UTF-8`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Newlines before the first line of the bytes that is not valid UTF-8 on its own (0 when none is;
 *  a newline byte never sits inside a multi-byte character, so lines can be checked one by one).
 *  Only runs on the error path. */
export function badUtf8LineOffset(bytes: Uint8Array): number {
  let offset = 0;
  let start = 0;
  const check = new TextDecoder("utf-8", { fatal: true });
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        check.decode(bytes.subarray(start, i));
      } catch {
        return offset;
      }
      offset++;
      start = i + 1;
    }
  }
  return 0;
}

/** JSON.parse with a syntax error that names the line and column. */
export function parseJsonText(text: string, where: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /position (\d+)/.exec(msg);
    if (!m) throw new InputError(`${where}: not valid JSON (${msg})`);
    const before = body.slice(0, Number(m[1]));
    const line = before.split("\n").length;
    const col = Number(m[1]) - before.lastIndexOf("\n");
    throw new InputError(`${where}: line ${line}, column ${col}: not valid JSON (${msg})`);
  }
}

/** What an issue expected, in words. */
export function describeReceived(issue: ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.received === "undefined" ? `missing; expected ${issue.expected}` : `expected ${issue.expected}, got ${issue.received}`;
    case "too_small": {
      const what = issue.type === "array" ? "item(s)" : issue.type === "string" ? "character(s)" : "";
      return `expected at least ${issue.minimum} ${what}`.trim();
    }
    case "too_big":
      return `expected at most ${issue.maximum}`;
    case "invalid_enum_value":
      return `expected one of ${issue.options.map((o) => JSON.stringify(o)).join(", ")}, got ${JSON.stringify(issue.received)}`;
    default:
      return issue.message;
  }
}

/** The object keys a schema allows at a path (through arrays, unions, optionals, effects). */
export function keysAt(schema: ZodTypeAny, path: (string | number)[]): string[] {
  const def = (schema as { _def: Record<string, unknown> & { typeName?: string } })._def;
  switch (def.typeName) {
    case "ZodOptional":
    case "ZodNullable":
    case "ZodDefault":
    case "ZodReadonly":
      return keysAt(def.innerType as ZodTypeAny, path);
    case "ZodEffects":
      return keysAt(def.schema as ZodTypeAny, path);
    case "ZodLazy":
      return keysAt((def.getter as () => ZodTypeAny)(), path);
    case "ZodUnion":
    case "ZodDiscriminatedUnion":
      return [...new Set(([...(def.options as Iterable<ZodTypeAny>)]).flatMap((o) => keysAt(o, path)))];
    case "ZodArray":
      return typeof path[0] === "number" ? keysAt(def.type as ZodTypeAny, path.slice(1)) : [];
    case "ZodRecord":
      return path.length ? keysAt(def.valueType as ZodTypeAny, path.slice(1)) : [];
    case "ZodObject": {
      const shape = (schema as unknown as z.AnyZodObject).shape as Record<string, ZodTypeAny>;
      if (!path.length) return Object.keys(shape);
      const next = shape[String(path[0])];
      return next ? keysAt(next, path.slice(1)) : [];
    }
    default:
      return [];
  }
}

/** "entry 2 (models[1]), field "seed"" — 1-based entry numbers, as a person counts them. */
export function describePath(path: (string | number)[]): string {
  const i = path.findIndex((p) => typeof p === "number");
  if (i < 0) return path.length ? `field "${path.join(".")}"` : "the file";
  const prefix = path.slice(0, i).join(".");
  const entry = `entry ${(path[i] as number) + 1}${prefix ? ` of "${prefix}"` : ""}`;
  const rest = path.slice(i + 1);
  return rest.length ? `${entry}, field "${rest.join(".")}"` : entry;
}

/** Flattens a union issue to the branch that got furthest (deepest path, fewest problems). */
function flatten(issue: ZodIssue): ZodIssue[] {
  if (issue.code !== "invalid_union") return [issue];
  const branches = issue.unionErrors.map((e) => e.issues.flatMap(flatten));
  const depth = (list: ZodIssue[]) => Math.max(...list.map((i) => i.path.length + (i.code === "invalid_type" && i.path.length === issue.path.length ? -1 : 0)));
  branches.sort((a, b) => depth(b) - depth(a) || a.length - b.length);
  return branches[0] ?? [issue];
}

/** Every problem of a failed parse, in words (unknown keys with a did-you-mean). */
export function formatZodIssues(error: z.ZodError, schema: ZodTypeAny, describe: (path: (string | number)[]) => string = describePath): string[] {
  const out: string[] = [];
  for (const issue of error.issues.flatMap(flatten)) {
    if (issue.code === "unrecognized_keys") {
      const known = keysAt(schema, issue.path);
      const where = issue.path.length ? ` in ${describe(issue.path)}` : "";
      for (const k of issue.keys) out.push(`unknown key '${k}'${where}${didYouMean(k, known)}`);
    } else out.push(`${describe(issue.path)}: ${describeReceived(issue)}`);
  }
  return out;
}

/** "<where>: problem" or "<where>: N problems:\n  - …" (at most 8 listed). */
export function problemsMessage(where: string, problems: string[]): string {
  if (problems.length === 1) return `${where}: ${problems[0]}`;
  const shown = problems.slice(0, MAX_LISTED);
  const more = problems.length > MAX_LISTED ? `\n  … and ${problems.length - MAX_LISTED} more` : "";
  return `${where}: ${problems.length} problems:\n  - ${shown.join("\n  - ")}${more}`;
}

export interface ReadJsonOptions {
  /** Names the file's role before its path, e.g. "--models-file" or "config". */
  what?: string;
  /** The error to throw (default InputError; configs use ConfigError). */
  error?: (message: string) => Error;
}

/** Reads, decodes and validates a JSON file; every failure names the file, line or entry and field. */
export function readJsonFile<T>(file: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, opts: ReadJsonOptions = {}): T {
  const where = opts.what ? `${opts.what} ${file}` : file;
  const fail = opts.error ?? ((m: string) => new InputError(m));
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw fail(`${where}: ${fileSystemHint(e) ?? `cannot read (${(e as Error).message})`}`);
  }
  try {
    return parseJsonValue(parseJsonText(decodeUtf8(bytes, where), where), schema, where);
  } catch (e) {
    throw e instanceof InputError && opts.error ? fail(e.message) : e;
  }
}

/** Validates parsed JSON against a schema; throws an InputError listing every problem. */
export function parseJsonValue<T>(raw: unknown, schema: z.ZodType<T, z.ZodTypeDef, unknown>, where: string): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new InputError(problemsMessage(where, formatZodIssues(parsed.error, schema as unknown as ZodTypeAny)));
}

/** A run's manifest (`manifest.json`, written by the run itself): null when there is none yet; a
 *  file that is not JSON is an InputError naming it, line and column. The manifest is a summary
 *  rebuilt from the records, so the way out is to move it aside. */
export function readManifestFile<T>(file: string): T | null {
  if (!fs.existsSync(file)) return null;
  try {
    return parseJsonText(fs.readFileSync(file, "utf8"), file) as T;
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`${e.message}; move it aside to start the manifest afresh`, e.hint, { cause: e });
    throw e;
  }
}
