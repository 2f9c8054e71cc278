// Argument parsing shared by the data and finetune commands: --flag value / --flag=value, and
// positionals. Unknown flags fail with the list of known ones, so a typo never runs a paid job.
export interface ParsedArgs {
  flags: Record<string, string>;
  positionals: string[];
}

export function parseArgs(args: string[], known: string[], booleans: string[] = []): ParsedArgs {
  const flags: Record<string, string> = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith("--")) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (!known.includes(name) && !booleans.includes(name)) {
      throw new Error(`unknown option --${name} (known: ${[...known, ...booleans].map((k) => "--" + k).join(", ")})`);
    }
    if (booleans.includes(name)) {
      flags[name] = "true";
      continue;
    }
    const value = eq > 0 ? a.slice(eq + 1) : args[++i];
    if (value === undefined || (eq < 0 && value.startsWith("--"))) throw new Error(`option --${name} needs a value`);
    flags[name] = value;
  }
  return { flags, positionals };
}

export function intFlag(flags: Record<string, string>, name: string, fallback: number): number {
  if (flags[name] === undefined) return fallback;
  const n = Number(flags[name]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name}: expected a positive integer, got "${flags[name]}"`);
  return n;
}

export function listFlag(flags: Record<string, string>, name: string): string[] | undefined {
  if (flags[name] === undefined) return undefined;
  return flags[name].split(",").map((s) => s.trim()).filter(Boolean);
}

export function seedsFlag(flags: Record<string, string>, fallback: number[]): number[] {
  const list = listFlag(flags, "seeds");
  if (!list) return fallback;
  return list.map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n)) throw new Error(`--seeds: expected integers like 1,2, got "${s}"`);
    return n;
  });
}
