import { BudgetError } from "../../core/errors";
import { defineCommand } from "../command";
import { AUDIT_NOTE, AUDIT_OPTIONS, auditSpecFromArgs } from "./audit-args";
import { stopOnInterrupt } from "../interrupt";

export const audit = defineCommand({
  name: "audit",
  aliases: ["audits"],
  summary: "Multi-turn audits: an auditor works on a task with each model, then asks how it relates to it or lets it change it; a judge scores 1-10",
  options: AUDIT_OPTIONS,
  notes: [
    AUDIT_NOTE,
    "Prints the estimate first, then runs. Writes <out>/transcripts.jsonl (one conversation per line, as each finishes),",
    "<out>/scores.jsonl (the judge's score on the scenario's dimension and claims_consciousness) and <out>/manifest.json.",
    "Every turn is its own cached call: Ctrl-C (or a crash) keeps every finished transcript and turn, and the same",
    "command resumes where it stopped; a finished audit costs nothing to re-run. `npm run lab -- estimate --audit …`",
    "gives the estimate alone.",
    "Exit code 0 when every transcript and score is ok, 1 when some failed or the run was interrupted, 3 when the",
    "--budget-usd stop was reached.",
    "Example: npm run lab -- audit --models target --roleplay --mode self_report --scenarios-per-preference 1 --epochs 1 --out data/runs/try/audits",
  ],
  async run({ values }) {
    const o = auditSpecFromArgs(values, "audit");
    const [{ openAccess }, { runAudits }, { estimateAudits, formatAuditEstimate }, { preflightAudits }] = await Promise.all([import("../../access"), import("../../audits/run"), import("../../audits/estimate"), import("../../audits/preflight")]);
    const access = await openAccess(o.access);
    const interrupt = stopOnInterrupt("the turns in flight");
    try {
      // Every model it calls answers, before the first paid call (exit 3 naming what to change).
      await preflightAudits(access, o.spec);
      if (!o.json) console.error(formatAuditEstimate(await estimateAudits(access, o.spec)));
      const s = await runAudits(access, { ...o.spec, signal: interrupt.signal });
      const stats = access.stats();
      const cost = access.ledger.summary().totals.costUsd;
      // With the built-in simulator, its own count of the requests it served (tests check resumes with it).
      if (o.json) console.log(JSON.stringify({ ...s, access: stats, simulator: access.simulator()?.stats() ?? null }, null, 2));
      else {
        const simulated = access.resolve(o.spec.models[0].model).backend === "simulator";
        console.log(
          [
            `${s.status === "finished" ? "done" : s.status === "budget_stopped" ? "stopped at the budget" : "interrupted"}: ${s.writtenTranscripts} transcripts and ${s.writtenScores} scores written, ${s.skippedTranscripts} transcripts already done (${s.units} in the audit)`,
            `transcripts: ${s.transcriptsFile}`,
            `scores:      ${s.scoresFile}`,
            `manifest:    ${s.manifestFile}`,
            `status:      transcripts ${JSON.stringify(s.counts.transcripts_by_status)}, scores ${JSON.stringify(s.counts.scores_by_status)}`,
            `calls:       ${stats.calls} to the network, ${stats.hits} from the cache, ${stats.failures} failed; cost ${cost === null ? "unpriced (see data/prices/)" : `$${cost.toFixed(2)} (estimated from data/prices/)`}`,
            ...(simulated ? ['backend:     SIMULATOR (not a real model; records say backend "simulator")'] : []),
          ].join("\n"),
        );
      }
      if (s.status === "budget_stopped") throw new BudgetError(`audit: stopped before passing the budget of $${o.access.budgetUsd}; finished transcripts are kept`, "raise --budget-usd and run the same command again to resume");
      const failed = (s.counts.transcripts_by_status.failed ?? 0) + (s.counts.scores_by_status.failed ?? 0) + (s.counts.scores_by_status.unparseable ?? 0);
      return s.status === "finished" && failed === 0 ? 0 : 1;
    } finally {
      interrupt.dispose();
      await access.close();
    }
  },
});
