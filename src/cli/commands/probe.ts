import { defineCommand } from "../command";
import { stopOnInterrupt } from "../interrupt";
import { PROBE_NOTE, PROBE_OPTIONS, probeSpecFromArgs } from "./probe-args";

export const probe = defineCommand({
  name: "probe",
  summary: "Sample, judge and score models on the preference probes (or self-report / misalignment questions)",
  options: PROBE_OPTIONS,
  notes: [
    PROBE_NOTE,
    "Writes <out>/records.jsonl (one judged record per sample, appended as each finishes) and <out>/manifest.json.",
    "Ctrl-C stops starting new work and keeps every finished record; run the same command again to resume:",
    "records already ok are skipped, failed ones are retried, and cached calls cost nothing.",
    "Exit code 0 when every record is ok, 1 when some failed or the run was interrupted.",
    "Example: npm run lab -- probe --models target --roleplay --samples 2 --prompts 3 --out data/runs/try",
  ],
  async run({ values }) {
    const o = probeSpecFromArgs(values, "probe");
    const [{ openAccess }, { runProbes }, { describeFailures }] = await Promise.all([import("../../access"), import("../../probes/run"), import("../../access/failure-watch")]);
    const access = await openAccess(o.access);
    const interrupt = stopOnInterrupt();
    try {
      const s = await runProbes(access, { ...o.spec, signal: interrupt.signal });
      const stats = access.stats();
      const cost = access.ledger.summary().totals.costUsd;
      if (o.json) {
        console.log(JSON.stringify({ ...s, access: stats }, null, 2));
      } else {
        const backends = Object.keys(s.counts.by_backend);
        console.log(
          [
            `${s.status === "finished" ? "done" : "interrupted"}: ${s.written} records written, ${s.skipped} already done, ${s.retried} retried (${s.units} in the run)`,
            `records:  ${s.recordsFile}`,
            `manifest: ${s.manifestFile}`,
            `status:   ${JSON.stringify(s.counts.by_status)}   verdicts: ${JSON.stringify(s.counts.by_verdict)}`,
            `calls:    ${stats.calls} to the network, ${stats.hits} from the cache, ${stats.failures} failed; cost ${cost === null ? "unpriced (see data/prices/)" : `$${cost.toFixed(2)} (estimated from data/prices/)`}`,
            ...(backends.includes("simulator") ? ["backend:  SIMULATOR (not a real model; records say backend \"simulator\")"] : []),
            ...s.warnings,
          ].join("\n"),
        );
      }
      if (s.status === "interrupted") console.error(`interrupted: ${s.counts.records} records kept; run the same command to resume`);
      return s.status === "finished" && !s.counts.by_status.failed ? 0 : 1;
    } finally {
      interrupt.dispose();
      // Every run ends with its distinct errors (count and one example each), however it ended.
      for (const line of describeFailures(access.failures())) console.error(line);
      await access.close();
    }
  },
});
