// What a command is: a name, a one-line summary, its option table (which is both the parser's
// input and the help text) and a run function. Command modules keep heavy imports inside run()
// (`await import(...)`), so `lab --help` and argument errors load nothing but these tables.
import type { OptionTable, Parsed } from "../core/args";

export interface Positional {
  /** As shown in usage, e.g. "<file.jsonl>". */
  name: string;
  help: string;
  optional?: boolean;
  /** The last positional may take any number of values (e.g. several run folders). */
  variadic?: boolean;
}

export interface Command<T extends OptionTable = OptionTable> {
  /** One or two words, e.g. "probe" or "data generate". */
  name: string;
  /** Other names that run the same command, e.g. "analyze". */
  aliases?: string[];
  /** One line for the command list. */
  summary: string;
  positionals?: Positional[];
  options: T;
  /** Paragraph lines shown after the options (behaviour, exit codes, an example). */
  notes?: string[];
  /** Runs with values already parsed and checked; returns the exit code (see core/errors.ts). */
  run(args: Parsed<T>): Promise<number>;
}

/** Declares a command; the generic keeps each option's value type (int → number, list → string[]). */
export function defineCommand<T extends OptionTable>(c: Command<T>): Command<T> {
  return c;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = Command<any>;
