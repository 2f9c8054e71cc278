export interface Command {
  /** One or two words, e.g. "probe" or "data generate". */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The argument synopsis shown after the name, e.g. "--models <a,b> --out <dir>". */
  usage: string;
  /** Options, one per line, shown by --help. */
  help: string;
  /** Runs the command; returns the process exit code. */
  run(args: string[]): Promise<number>;
}
