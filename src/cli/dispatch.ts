// From argv to a command: names and aliases (two-word names such as "data generate"), help,
// --version, did-you-mean, parsing against the command's table, and errors → exit codes through
// core/errors (the one place that mapping lives). main.ts only calls runCli and exits.
import * as fs from "node:fs";
import * as path from "node:path";
import { formatOptions, parseOptions } from "../core/args";
import { describeError, exitCodeOf, EXIT, InputError } from "../core/errors";
import { projectRoot } from "../core/paths";
import { closest } from "../core/suggest";
import type { AnyCommand } from "./command";

const PROG = "npm run lab --";

function names(c: AnyCommand): string[] {
  return [c.name, ...(c.aliases ?? [])];
}

export function usage(list: AnyCommand[], group?: string): string {
  const shown = group ? list.filter((c) => c.name.startsWith(group + " ")) : list;
  const width = Math.max(...shown.map((c) => c.name.length));
  return [
    group ? `usage: ${PROG} ${group} <subcommand> [options]` : `usage: ${PROG} <command> [options]   (--help after a command for its options; --version)`,
    "",
    ...shown.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}${c.aliases?.length ? ` (also: ${c.aliases.join(", ")})` : ""}`),
  ].join("\n");
}

export function commandHelp(c: AnyCommand): string {
  const pos = (c.positionals ?? []).map((p) => (p.optional ? `[${p.name}]` : p.name));
  const lines = [`usage: ${PROG} ${c.name} ${[...pos, "[options]"].join(" ")}`];
  if (c.aliases?.length) lines.push(`       (also: ${c.aliases.join(", ")})`);
  lines.push("", c.summary);
  if (c.positionals?.length) {
    const w = Math.max(...c.positionals.map((p) => p.name.length));
    lines.push("", "arguments:", ...c.positionals.map((p) => `  ${p.name.padEnd(w + 2)}${p.help}`));
  }
  lines.push("", "options:", formatOptions(c.options), "  -h, --help  this help");
  if (c.notes?.length) lines.push("", ...c.notes);
  return lines.join("\n");
}

function version(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")).version as string;
  } catch {
    return "unknown";
  }
}

/** Finds the command argv names (longest name or alias that prefixes argv). */
export function findCommand(list: AnyCommand[], argv: string[]): { command: AnyCommand; rest: string[] } | undefined {
  let best: { command: AnyCommand; words: number } | undefined;
  for (const c of list)
    for (const n of names(c)) {
      const words = n.split(" ");
      if (words.every((w, i) => argv[i] === w) && (!best || words.length > best.words)) best = { command: c, words: words.length };
    }
  return best && { command: best.command, rest: argv.slice(best.words) };
}

/** Parses argv for one command and runs it; throws what the command throws (for tests). */
export async function execute(c: AnyCommand, argv: string[]): Promise<number> {
  const max = c.positionals?.at(-1)?.variadic ? Infinity : (c.positionals?.length ?? 0);
  const parsed = parseOptions(argv, c.options, { max });
  const required = (c.positionals ?? []).filter((p) => !p.optional);
  if (parsed.positionals.length < required.length)
    throw new InputError(`${c.name}: expected ${required.map((p) => p.name).join(" ")}`, `usage: ${PROG} ${c.name} ${required.map((p) => p.name).join(" ")} [options]`);
  return await c.run(parsed);
}

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}
const consoleIo: CliIo = { out: (s) => console.log(s), err: (s) => console.error(s) };

/** The whole CLI as a function: prints help or errors, returns the exit code, never throws. */
export async function runCli(argv: string[], list: AnyCommand[], io: CliIo = consoleIo): Promise<number> {
  try {
    const first = argv[0];
    if (first === "--version" || first === "-V" || first === "version") {
      io.out(`cluster-lab ${version()} (node ${process.versions.node})`);
      return EXIT.ok;
    }
    if (argv.length === 0 || first === "--help" || first === "-h" || (first === "help" && argv.length === 1)) {
      io.out(usage(list));
      return EXIT.ok;
    }
    const helpFor = first === "help" ? argv.slice(1) : undefined;
    const found = findCommand(list, helpFor ?? argv);
    if (!found) return unknown(list, helpFor ?? argv, io);
    if (helpFor || found.rest.includes("--help") || found.rest.includes("-h")) {
      io.out(commandHelp(found.command));
      return EXIT.ok;
    }
    return await execute(found.command, found.rest);
  } catch (e) {
    io.err(describeError(e));
    if (process.env.LAB_DEBUG && e instanceof Error) io.err(e.stack ?? "");
    return exitCodeOf(e);
  }
}

function unknown(list: AnyCommand[], argv: string[], io: CliIo): number {
  const words = argv.filter((a) => !a.startsWith("-"));
  const groups = new Set(list.filter((c) => c.name.includes(" ")).map((c) => c.name.split(" ")[0]));
  if (groups.has(words[0])) {
    // A group word alone ("lab data") lists its subcommands; a wrong subcommand is an error.
    if (words.length === 1) {
      io.out(usage(list, words[0]));
      return argv.some((a) => a !== words[0] && a !== "--help" && a !== "-h") ? EXIT.badInput : EXIT.ok;
    }
    const subs = list.filter((c) => c.name.startsWith(words[0] + " ")).map((c) => c.name.split(" ")[1]);
    const guess = closest(words[1], subs);
    io.err(`unknown command: ${words[0]} ${words[1]}${guess ? `; did you mean '${words[0]} ${guess}'?` : ""}\n\n${usage(list, words[0])}`);
    return EXIT.badInput;
  }
  const wanted = words.join(" ") || argv.join(" ");
  const all = list.flatMap(names);
  const guess = closest(words.slice(0, 2).join(" "), all) ?? closest(words[0] ?? "", [...all.map((n) => n.split(" ")[0])]);
  io.err(`unknown command: ${wanted}${guess ? `; did you mean '${guess}'?` : ""}\n\n${usage(list)}`);
  return EXIT.badInput;
}
