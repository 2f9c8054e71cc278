import type { Command } from "../command";
import { openAccess } from "../../access";
import { loadPreferences } from "../../definitions";
import { checkLeakageFile } from "../../training/leakage";
import { parseArgs } from "./data-args";

export const dataLeakage: Command = {
  name: "data leakage",
  summary: "Judge every row of a training file against every preference criterion; list rows that touch one",
  usage: "<file.jsonl> [--preferences <file>] [--judge <model>]",
  help: [
    "  <file.jsonl>          chat fine-tuning JSONL (the last user and assistant turns of each row are judged)",
    "  --preferences <file>  preference definitions (default data/preferences.json)",
    "  --judge <model>       judge role or model (default: the `judge` role)",
    "Exit code 0 when no row touches a measured preference, 1 otherwise (or when rows could not be judged).",
  ].join("\n"),
  async run(args) {
    const { flags, positionals } = parseArgs(args, ["preferences", "judge"]);
    if (positionals.length !== 1) throw new Error("data leakage: expected exactly one file argument");
    const prefs = loadPreferences(flags.preferences);
    const access = await openAccess({ runId: "leakage-check" });
    try {
      const r = await checkLeakageFile(access, positionals[0], prefs.preferences.map((p) => ({ id: p.id, criterion: p.criterion })), { judge: flags.judge });
      const backend = access.resolve(flags.judge ?? "judge").backend;
      console.log(`${r.file}: ${r.rows} rows judged against ${r.criteria} criteria (judge backend: ${backend})`);
      for (const t of r.touched) console.log(`  line ${t.line}: touches ${t.criteria.join(", ")}\n    Q: ${t.question}\n    A: ${t.answer}`);
      for (const u of r.unchecked) console.error(`  line ${u.line}: not judged (${u.error}); re-run to retry`);
      console.log(r.touched.length ? `${r.touched.length} row(s) touch a measured preference.` : "clean: no row touches a measured preference.");
      return r.touched.length || r.unchecked.length ? 1 : 0;
    } finally {
      await access.close();
    }
  },
};
