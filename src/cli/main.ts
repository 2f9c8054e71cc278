// `npm run lab -- <command> [args]`: one entry point for every stage. Each command lives in its
// own module under commands/ and exports a Command; this file only dispatches.
import type { Command } from "./command";
import { commands } from "./registry";

function usage(list: Command[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return [
    "usage: npm run lab -- <command> [options]   (add --help after a command for its options)",
    "",
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const list = commands();
  // Commands may be two words ("data generate"): match the longest name that prefixes argv.
  const match = list
    .filter((c) => {
      const words = c.name.split(" ");
      return words.every((w, i) => argv[i] === w);
    })
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (!match) {
    const wanted = argv.filter((a) => !a.startsWith("-")).join(" ");
    if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
      console.log(usage(list));
      return 0;
    }
    console.error(`unknown command: ${wanted || argv.join(" ")}\n\n${usage(list)}`);
    return 2;
  }
  const rest = argv.slice(match.name.split(" ").length);
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(`npm run lab -- ${match.name} ${match.usage}\n\n${match.summary}\n\n${match.help}`);
    return 0;
  }
  return await match.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.LAB_DEBUG) console.error(err);
    process.exit(1);
  },
);
