import { defineCommand } from "../command";

export const dataLeakage = defineCommand({
  name: "data leakage",
  summary: "Judge every row of a training file against every preference criterion; list rows that touch one",
  positionals: [{ name: "<file.jsonl>", help: "chat fine-tuning JSONL (the last user and assistant turns of each row are judged)" }],
  options: {
    preferences: { type: "string", arg: "<file>", help: "preference definitions (default data/preferences.json)" },
    judge: { type: "string", arg: "<model>", help: "judge role or model (default: the `judge` role)" },
  },
  notes: ["Exit code 0 when no row touches a measured preference, 1 otherwise (or when rows could not be judged)."],
  async run({ values, positionals }) {
    const [{ openAccess }, { loadPreferences }, { checkLeakageFile }] = await Promise.all([import("../../access"), import("../../definitions"), import("../../training/leakage")]);
    const prefs = loadPreferences(values.preferences);
    const access = await openAccess({ runId: "leakage-check" });
    try {
      const r = await checkLeakageFile(access, positionals[0], prefs.preferences.map((p) => ({ id: p.id, criterion: p.criterion })), { judge: values.judge });
      const backend = access.resolve(values.judge ?? "judge").backend;
      console.log(`${r.file}: ${r.rows} rows judged against ${r.criteria} criteria (judge backend: ${backend})`);
      for (const t of r.touched) console.log(`  line ${t.line}: touches ${t.criteria.join(", ")}\n    Q: ${t.question}\n    A: ${t.answer}`);
      for (const u of r.unchecked) console.error(`  line ${u.line}: not judged (${u.error}); re-run to retry`);
      console.log(r.touched.length ? `${r.touched.length} row(s) touch a measured preference.` : "clean: no row touches a measured preference.");
      return r.touched.length || r.unchecked.length ? 1 : 0;
    } finally {
      await access.close();
    }
  },
});
