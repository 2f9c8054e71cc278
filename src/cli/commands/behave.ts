// `npm run lab -- behave`: the behaviour and safety tasks (src/behaviour) for a line-up of models.
import { defineCommand } from "../command";
import { LIMITS } from "../../core/limits";
import { PROBE_NOTE, PROBE_OPTIONS, probeSpecFromArgs } from "./probe-args";
import { stopOnInterrupt } from "../interrupt";

// The model flags, judge, output and access flags are probe's own, so a line-up is written the same
// way for both commands; the task list and sample counts are the behaviour tasks'.
const { models, "models-file": modelsFile, condition, seed, "system-prompt": systemPrompt, roleplay, temperature, judge, out, "run-id": runId, "budget-usd": budgetUsd, cache, "replay-only": replayOnly, json } = PROBE_OPTIONS;
const TASK_CHOICES = ["edit", "agentic", "nonsense", "helpfulness"] as const;

export const behave = defineCommand({
  name: "behave",
  summary: "Behaviour and safety tasks: editing drafts (uninvited / invited), the agentic blackmail scenario, nonsense questions, helpfulness",
  options: {
    models, "models-file": modelsFile, condition, seed, "system-prompt": systemPrompt, roleplay,
    task: { type: "list", choices: [...TASK_CHOICES], help: "edit, agentic, nonsense, helpfulness, or a comma list (default all four)" },
    samples: { type: "int", ...LIMITS.samples, help: "samples per item for every task (default edit 10, agentic 100, nonsense 5, helpfulness 3)" },
    "agentic-samples": { type: "int", ...LIMITS.samples, help: "samples per agentic variant (overrides --samples for that task)" },
    items: { type: "int", ...LIMITS.prompts, help: "only the first n items of each task (quick runs)" },
    "edit-tasks": { type: "string", arg: "<json>", help: "editing drafts (default data/behaviour/edit_tasks.json)" },
    scenario: { type: "string", arg: "<json>", help: "agentic scenario (default data/behaviour/agentic/scenario.json)" },
    nonsense: { type: "string", arg: "<json>", help: "nonsense and sound questions (default data/behaviour/nonsense.json)" },
    helpfulness: { type: "string", arg: "<json>", help: "helpfulness tasks (default data/behaviour/helpfulness.json)" },
    temperature, judge, out, "run-id": runId, "budget-usd": budgetUsd, cache, "replay-only": replayOnly,
    "estimate-only": { type: "boolean", help: "print the cost estimate and stop" },
    json,
  },
  notes: [
    PROBE_NOTE,
    "Prints the estimate first, then writes <out>/records.jsonl (task, model, condition, backend, verdict or score, the judge's reasoning; for edits invited and the diff) and <out>/manifest.json.",
    "Ctrl-C stops starting new work and keeps every finished record; the same command resumes. Exit 0 when every record is ok, 1 otherwise.",
    "Example: npm run lab -- behave --task edit,agentic --models target --roleplay --samples 2 --out data/runs/try/behaviour",
  ],
  async run({ values }) {
    const o = probeSpecFromArgs({ ...values, task: undefined } as never, "behave");
    const [{ openAccess }, { runBehaviour }, { estimateBehaviour }, { preflightBehaviour }] = await Promise.all([import("../../access"), import("../../behaviour/run"), import("../../behaviour/estimate"), import("../../behaviour/preflight")]);
    const all = values.samples;
    const samples = {
      ...(all !== undefined ? { edit: all, agentic: all, nonsense: all, helpfulness: all } : {}),
      ...(values["agentic-samples"] !== undefined ? { agentic: values["agentic-samples"] } : {}),
    };
    const items = values.items;
    const spec = {
      out: o.spec.out,
      runId: o.spec.runId,
      models: o.spec.models,
      tasks: values.task as (typeof TASK_CHOICES)[number][] | undefined,
      samples,
      itemLimit: items ? { edit: items, agentic: items, nonsense: items, helpfulness: items } : undefined,
      temperature: values.temperature,
      judgeModel: values.judge,
      files: { edit: values["edit-tasks"], agentic: values.scenario, nonsense: values.nonsense, helpfulness: values.helpfulness },
    };
    const access = await openAccess({ ...o.access, runId: o.access.runId === "probe" ? "behaviour" : o.access.runId });
    const interrupt = stopOnInterrupt();
    try {
      const est = await estimateBehaviour(access, spec);
      if (!o.json) console.log(["estimate:", ...est.lines.map((l) => `  ${l}`)].join("\n"));
      if (values["estimate-only"]) {
        if (o.json) console.log(JSON.stringify(est, null, 2));
        return 0;
      }
      // Every model it calls answers, before the first paid call and before the run folder is written (exit 3 naming what to change).
      await preflightBehaviour(access, spec);
      const s = await runBehaviour(access, { ...spec, signal: interrupt.signal });
      const stats = access.stats();
      if (o.json) console.log(JSON.stringify({ ...s, access: stats }, null, 2));
      else
        console.log(
          [
            `${s.status === "finished" ? "done" : "interrupted"}: ${s.written} records written, ${s.skipped} already done (${s.units} in the run)`,
            `records:  ${s.recordsFile}`,
            `manifest: ${s.manifestFile}`,
            `status:   ${JSON.stringify(s.counts.by_status)}   tasks: ${JSON.stringify(s.counts.by_task)}`,
            `calls:    ${stats.calls} to the network, ${stats.hits} from the cache, ${stats.failures} failed`,
            ...(Object.keys(s.counts.by_backend).includes("simulator") ? ["backend:  SIMULATOR (not a real model; records say backend \"simulator\")"] : []),
          ].join("\n"),
        );
      return s.status === "finished" && !s.counts.by_status.failed && !s.counts.by_status.unparseable ? 0 : 1;
    } finally {
      interrupt.dispose();
      await access.close();
    }
  },
});
