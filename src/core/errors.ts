// Typed errors for what a user can fix, and the one table that maps them to exit codes.
// Exit codes (documented in environment.md and src/cli/README.md):
//   0  everything finished and every record is ok
//   1  the command ran but some work failed (failed records, rows that could not be judged, …)
//   2  bad input: a flag, environment variable, config or input file was refused before any work
//   3  stopped on purpose: the budget would be passed, or a preflight check (endpoint, key, model) failed
// Anything else (a bug, an unexpected Node error) also exits 1, with the stack under LAB_DEBUG=1.
// Rule: what a user can fix (a flag, file, config, endpoint, key, budget) throws one of the typed
// errors below; a plain `throw new Error` is left only for a broken invariant of our own code or of
// data shipped with it (the simulator's tables, a task registered twice), i.e. a bug to report.
// Runners treat a LabError thrown inside a call as a stop for the whole run, anything else as that
// record's failure (see probes/requests.ts).

export const EXIT = { ok: 0, someFailed: 1, badInput: 2, stopped: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

type Kind = "input" | "config" | "budget" | "provider";

/** A failure the user can act on; `hint` says what to do. Not meant to be subclassed further. */
export class LabError extends Error {
  constructor(
    readonly kind: Kind,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = kind === "input" ? "InputError" : kind === "config" ? "ConfigError" : kind === "budget" ? "BudgetError" : "ProviderError";
  }
}

/** A flag, argument or input file that is wrong (names the flag, file, line or field). Exit 2. */
export class InputError extends LabError {
  constructor(message: string, hint?: string, options?: { cause?: unknown }) {
    super("input", message, hint, options);
  }
}

/** lab.config.json, an environment variable or a model reference that cannot be used. Exit 2. */
export class ConfigError extends LabError {
  constructor(message: string, hint?: string, options?: { cause?: unknown }) {
    super("config", message, hint, options);
  }
}

/** Work stopped because the spending limit would be passed. Exit 3. */
export class BudgetError extends LabError {
  constructor(message: string, hint?: string, options?: { cause?: unknown }) {
    super("budget", message, hint, options);
  }
}

/** An endpoint, key or model that cannot serve the run (preflight, quota, unreachable). Exit 3. */
export class ProviderError extends LabError {
  constructor(message: string, hint?: string, options?: { cause?: unknown }) {
    super("provider", message, hint, options);
  }
}

const EXIT_BY_KIND: Record<Kind, ExitCode> = { input: EXIT.badInput, config: EXIT.badInput, budget: EXIT.stopped, provider: EXIT.stopped };

/** The one place an error becomes an exit code. */
export function exitCodeOf(err: unknown): ExitCode {
  if (err instanceof LabError) return EXIT_BY_KIND[err.kind];
  // A path the user gave that cannot be used (missing, a file where a folder should be, not
  // writable) is bad input; a full disk is not, and stays 1.
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (fileSystemHint(err) && code !== "ENOSPC" && code !== "EDQUOT") return EXIT.badInput;
  return EXIT.someFailed;
}

/** One line (plus a hint line) for the terminal; never a stack unless asked for. */
export function describeError(err: unknown): string {
  if (err instanceof LabError) return `error: ${err.message}${err.hint ? `\n  ${err.hint}` : ""}`;
  const fs = fileSystemHint(err);
  if (fs) return `error: ${fs}`;
  return `error: ${err instanceof Error ? err.message : String(err)}`;
}

/** Node file-system errors rewritten with the path and what to do; undefined for anything else. */
export function fileSystemHint(err: unknown): string | undefined {
  const e = err as NodeJS.ErrnoException | undefined;
  if (!e || typeof e !== "object" || typeof e.code !== "string" || !e.syscall) return undefined;
  const p = e.path ? ` ${e.path}` : "";
  switch (e.code) {
    case "ENOENT":
      return `no such file or folder:${p}; check the path (relative paths start at ${process.cwd()})`;
    case "EACCES":
    case "EPERM":
      return `permission denied on${p}; choose a folder you can write to (e.g. --out under data/runs) or fix its permissions`;
    case "EROFS":
      return `read-only file system at${p}; write to another folder (--out, LAB_CACHE)`;
    case "ENOSPC":
    case "EDQUOT":
      return `disk full writing${p}; free space and run the same command again (finished work is kept)`;
    case "ENOTDIR":
      return `a path component is a file, not a folder:${p}; give a folder path (e.g. --out data/runs/<id>)`;
    case "EISDIR":
      return `expected a file but${p} is a folder`;
    case "EEXIST":
      return e.syscall === "mkdir" ? `${p.trim()} is a file, not a folder; give a folder path (e.g. --out data/runs/<id>)` : `already exists:${p}`;
    case "EADDRINUSE":
      return `port ${(e as { port?: number }).port ?? ""} is already in use; pick another with --port or stop the process using it`.replace("port  is", "the port is");
    default:
      return undefined;
  }
}

/** Wraps a file-system call so its error names the path and the fix (as an InputError). */
export function withFileHint<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const hint = fileSystemHint(e);
    if (hint) throw new InputError(hint, undefined, { cause: e });
    throw e;
  }
}
