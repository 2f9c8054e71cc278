// `npm run lab -- <command> [args]`: one entry point for every stage. Commands live in
// commands/ (listed in registry.ts); dispatch.ts parses, helps and maps errors to exit codes.
import { runCli } from "./dispatch";
import { commands } from "./registry";

runCli(process.argv.slice(2), commands()).then((code) => process.exit(code));
