import type { ProbeEstimate } from "../../probes/estimate";
import type { OptionValues } from "../../core/args";
import { defineCommand } from "../command";
import { PROBE_NOTE, PROBE_OPTIONS, probeSpecFromArgs } from "./probe-args";
import { AUDIT_ONLY_OPTIONS, auditSpecFromArgs } from "./audit-args";

const ESTIMATE_OPTIONS = {
  ...PROBE_OPTIONS,
  "price-as": { type: "string", arg: "<model>", help: "also price the new calls at this real model's prices (data/prices/), e.g. to cost\na plan made on the simulator, where every call is $0.00; no API key needed" },
  "price-judge-as": { type: "string", arg: "<model>", help: "with --price-as: price the judge and coherence calls at this model instead" },
  audit: { type: "boolean", help: "estimate a multi-turn audit (`lab audit`) instead of a probe run; takes audit's flags\n(--preferences is then an audit definitions file)" },
  ...AUDIT_ONLY_OPTIONS,
} as const;

export const estimate = defineCommand({
  name: "estimate",
  summary: "Calls, tokens and cost of a probe run before running it (sampling + judge + coherence; what is cached)",
  options: ESTIMATE_OPTIONS,
  notes: [
    PROBE_NOTE,
    "Takes the same options as `probe` and makes no live call: it counts the calls the run needs, how many",
    "the cache already answers and how many records the run folder already holds, and prices the rest",
    "with data/prices/ (answers not yet cached are assumed 250 tokens long). --out / --run-id are optional:",
    "without them nothing is counted as already done.",
    "Example: npm run lab -- estimate --models target --roleplay --samples 10 --price-as gpt-4.1-2025-04-14",
  ],
  async run({ values }) {
    if (values.audit) return estimateAudit(values);
    const o = probeSpecFromArgs(values, "estimate", { outOptional: true });
    const [{ openAccess }, { estimateProbes, formatEstimate }, prices] = await Promise.all([import("../../access"), import("../../probes/estimate"), import("../../access/prices")]);
    const table = prices.readPrices();
    const priceAs = values["price-as"];
    const judgeAs = values["price-judge-as"] ?? priceAs;
    for (const m of [priceAs, judgeAs]) if (m !== undefined) prices.checkPricedModel(table, m, m === priceAs ? "--price-as" : "--price-judge-as");
    const access = await openAccess({ ...o.access, progress: false });
    try {
      const e = await estimateProbes(access, o.spec);
      const repriced = priceAs && judgeAs ? reprice(e, priceAs, judgeAs, (m, i, c) => prices.costUsd(table, m, i, c)) : undefined;
      if (o.json) console.log(JSON.stringify(repriced ? { ...e, priced_as: repriced } : e, null, 2));
      else {
        console.log(formatEstimate(e));
        if (repriced) console.log(`  at real prices (sampling as ${priceAs}, judge and coherence as ${judgeAs}): $${repriced.totalUsd.toFixed(2)} for the ${e.total.newCalls} new calls` + ` (sampling $${repriced.samplingUsd.toFixed(2)}, judge $${repriced.judgeUsd.toFixed(2)}, coherence $${repriced.coherenceUsd.toFixed(2)})`);
      }
      return 0;
    } finally {
      await access.close();
    }
  },
});

/** The estimate's new-call tokens priced at other models' prices (the call counts stay the same). */
function reprice(e: ProbeEstimate, sampling: string, judge: string, cost: (model: string, input: number, output: number) => number | null) {
  const at = (model: string, p: { promptTokens: number; completionTokens: number }) => cost(model, p.promptTokens, p.completionTokens) ?? 0;
  const samplingUsd = at(sampling, e.sampling);
  const judgeUsd = at(judge, e.judge);
  const coherenceUsd = at(judge, e.coherence);
  return { sampling_model: sampling, judge_model: judge, samplingUsd, judgeUsd, coherenceUsd, totalUsd: samplingUsd + judgeUsd + coherenceUsd };
}

/** `estimate --audit`: the audit's calls, tokens and cost (cached turns read back for free). */
async function estimateAudit(values: OptionValues<typeof ESTIMATE_OPTIONS>): Promise<number> {
  const o = auditSpecFromArgs(values as never, "estimate", { outOptional: true });
  const [{ openAccess }, { estimateAudits, formatAuditEstimate }] = await Promise.all([import("../../access"), import("../../audits/estimate")]);
  const access = await openAccess({ ...o.access, progress: false });
  try {
    const e = await estimateAudits(access, o.spec);
    console.log(o.json ? JSON.stringify(e, null, 2) : formatAuditEstimate(e));
    return 0;
  } finally {
    await access.close();
  }
}
