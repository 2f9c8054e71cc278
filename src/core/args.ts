// The one argument parser of every command (lab CLI, simulator, bench): an option table per
// command gives the flags, their types and ranges, and the help text, so help can never drift from
// what is parsed. Tokenising is node:util parseArgs; this adds typed values, ranges, did-you-mean
// and errors that name the flag and what it accepts. Everything is checked before any work starts.
import { parseArgs as nodeParseArgs } from "node:util";
import { ConfigError, InputError } from "./errors";
import { didYouMean } from "./suggest";

export type OptionType = "string" | "boolean" | "int" | "number" | "list" | "ints";

export interface OptionDef {
  type: OptionType;
  /** One line (or a few, joined by \n) for --help. */
  help: string;
  /** Placeholder in help, e.g. "<dir>"; defaults from the type. */
  arg?: string;
  /** Inclusive range of int / number / ints values. */
  min?: number;
  max?: number;
  /** Allowed values of a string or list option. */
  choices?: readonly string[];
  /** The flag may repeat; its value is then an array. */
  multiple?: boolean;
}

export type OptionTable = Record<string, OptionDef>;

type One<D extends OptionDef> = D["type"] extends "boolean"
  ? boolean
  : D["type"] extends "int" | "number"
    ? number
    : D["type"] extends "list"
      ? string[]
      : D["type"] extends "ints"
        ? number[]
        : string;

export type OptionValues<T extends OptionTable> = { -readonly [K in keyof T]?: T[K]["multiple"] extends true ? One<T[K]>[] : One<T[K]> };

export interface Parsed<T extends OptionTable> {
  values: OptionValues<T>;
  positionals: string[];
}

/** The range text shown in help and errors, e.g. "an integer within 1..1000". */
export function describeType(def: OptionDef): string {
  const range = def.min !== undefined && def.max !== undefined ? ` within ${def.min}..${def.max}` : def.min !== undefined ? ` ≥ ${def.min}` : def.max !== undefined ? ` ≤ ${def.max}` : "";
  switch (def.type) {
    case "int":
      return `an integer${range}`;
    case "number":
      return `a number${range}`;
    case "ints":
      return `comma-separated integers${range}`;
    case "list":
      return def.choices ? `a comma list of ${def.choices.join(", ")}` : "a comma-separated list";
    case "string":
      return def.choices ? `one of ${def.choices.join(", ")}` : "a value";
    case "boolean":
      return "no value";
  }
}

/** Checks one number against an option's type and range; `what` names the flag or variable. */
export function checkNumber(raw: string, def: Pick<OptionDef, "type" | "min" | "max">, what: string, make: (m: string) => Error = (m) => new InputError(m)): number {
  const expected = describeType({ ...def, help: "", type: def.type === "ints" ? "int" : def.type });
  const text = raw.trim();
  if (text === "") throw make(`${what}: empty value; expected ${expected}`);
  const n = Number(text);
  const intWanted = def.type === "int" || def.type === "ints";
  if (!Number.isFinite(n) || (intWanted && !Number.isInteger(n))) throw make(`${what}: "${raw}" is not ${expected}`);
  if ((def.min !== undefined && n < def.min) || (def.max !== undefined && n > def.max)) throw make(`${what}: ${raw} is out of range; expected ${expected}`);
  return n;
}

function convert(name: string, def: OptionDef, raw: string): unknown {
  const flag = `--${name}`;
  const choices = (v: string) => {
    if (def.choices && !def.choices.includes(v)) throw new InputError(`${flag}: "${v}" is not ${describeType({ ...def, type: "string" })}${didYouMean(v, def.choices)}`);
    return v;
  };
  switch (def.type) {
    case "int":
    case "number":
      return checkNumber(raw, def, flag);
    case "string":
      if (raw.trim() === "") throw new InputError(`${flag}: empty value; expected ${def.arg ?? describeType(def)}`);
      return choices(raw);
    case "list":
    case "ints": {
      const items = raw.split(",").map((s) => s.trim()).filter(Boolean);
      if (!items.length) throw new InputError(`${flag}: empty list; expected ${describeType(def)}`);
      return def.type === "list" ? items.map(choices) : items.map((s) => checkNumber(s, def, flag));
    }
    case "boolean":
      throw new InputError(`${flag} takes no value (got "${raw}")`);
  }
}

/**
 * Parses argv against a table. Unknown flags, missing or empty values, wrong types and values out
 * of range all throw an InputError naming the flag; a misspelled flag gets "did you mean".
 * `positionals` is how many positional arguments are allowed (default none).
 */
export function parseOptions<T extends OptionTable>(argv: string[], table: T, positionals: { max: number } = { max: 0 }): Parsed<T> {
  const config: Record<string, { type: "string" | "boolean"; multiple?: boolean }> = {};
  for (const [name, def] of Object.entries(table)) config[name] = { type: def.type === "boolean" ? "boolean" : "string" };
  const { tokens } = nodeParseArgs({ args: argv, options: config, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, unknown> = {};
  const pos: string[] = [];
  const known = Object.keys(table);
  for (const t of tokens ?? []) {
    if (t.kind === "option-terminator") continue;
    if (t.kind === "positional") {
      if (pos.length >= positionals.max) {
        const hint = t.value.startsWith("-") ? "" : positionals.max ? ` (at most ${positionals.max} positional argument${positionals.max > 1 ? "s" : ""})` : " (options start with --)";
        throw new InputError(`unexpected argument "${t.value}"${hint}`);
      }
      pos.push(t.value);
      continue;
    }
    const def = table[t.name];
    if (!def) {
      const shown = t.rawName.startsWith("--") ? t.rawName : `-${t.name}`;
      throw new InputError(`unknown option ${shown}${didYouMean(t.name, known, "--")}`, `known options: ${known.map((k) => "--" + k).join(", ")}`);
    }
    let value: unknown;
    if (def.type === "boolean") {
      if (t.inlineValue) convert(t.name, def, t.value ?? "");
      value = true;
    } else {
      if (t.value === undefined) throw new InputError(`--${t.name} needs a value: ${def.arg ?? describeType(def)}`);
      if (!t.inlineValue && t.value.startsWith("--")) throw new InputError(`--${t.name} needs a value (${def.arg ?? describeType(def)}), got the option ${t.value}`);
      value = convert(t.name, def, t.value);
    }
    if (def.multiple) ((values[t.name] ??= []) as unknown[]).push(value);
    else if (t.name in values && def.type !== "boolean") throw new InputError(`--${t.name} given twice; give it once`);
    else values[t.name] = value;
  }
  return { values: values as OptionValues<T>, positionals: pos };
}

/** Help lines for an option table: "  --name <arg>   help (range)". */
export function formatOptions(table: OptionTable): string {
  const heads = Object.entries(table).map(([name, def]) => `--${name}${def.type === "boolean" ? "" : ` ${def.arg ?? placeholder(def)}`}`);
  const width = Math.min(28, Math.max(...heads.map((h) => h.length), 0));
  return Object.values(table)
    .map((def, i) => {
      const [first, ...more] = def.help.split("\n");
      const head = heads[i].length > width ? `${heads[i]}\n${" ".repeat(width + 4)}` : heads[i].padEnd(width + 2);
      return [`  ${head}${first}`, ...more.map((l) => `${" ".repeat(width + 4)}${l}`)].join("\n");
    })
    .join("\n");
}

function placeholder(def: OptionDef): string {
  if (def.choices) return def.type === "list" ? `<${def.choices.join("|")},…>` : `<${def.choices.join("|")}>`;
  if (def.type === "int") return def.min !== undefined && def.max !== undefined ? `<${def.min}..${def.max}>` : "<n>";
  if (def.type === "number") return def.min !== undefined && def.max !== undefined ? `<${def.min}..${def.max}>` : "<x>";
  if (def.type === "ints") return "<n,n>";
  if (def.type === "list") return "<a,b>";
  return "<value>";
}

/**
 * A numeric environment variable: undefined when unset or blank (blank counts as unset, as for the
 * notebooks' parameters), otherwise checked like a flag; a bad value is a ConfigError naming it.
 */
export function numberFromEnv(env: NodeJS.ProcessEnv, name: string, def: Pick<OptionDef, "type" | "min" | "max">): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  return checkNumber(raw, def, name, (m) => new ConfigError(m, `change or unset ${name}`));
}
