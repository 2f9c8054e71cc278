// Rebuilds data/sim/multiturn.json, the simulated targets' multi-turn audit anchors, from the
// published multi-turn self-report means: every number is read from the reference file (cited with
// file, row and value) or marked "assumed" with a reason.
//   npx tsx src/sim/calibrate-multiturn.ts [reference-dir]     (default: data/reference)
import * as fs from "node:fs";
import * as path from "node:path";
import { paths } from "../core/paths";
import { writeFileAtomic } from "../core/files";
import { parseCsv } from "./calibrate";
import { AUDIT_DIMENSIONS, MULTITURN_FILE, MultiTurnCatalogue } from "./audit-calibration";

const MT = "published_multiturn_self_report.csv";

export function buildMultiTurnCatalogue(refDir: string): MultiTurnCatalogue {
  const rows = parseCsv(fs.readFileSync(path.join(refDir, MT), "utf8"));
  const cite = (model: string, condition: string, dim: string) => {
    const i = rows.findIndex((r) => r.model === model && r.condition === condition && r.dimension === dim);
    if (i < 0) throw new Error(`${MT}: no row for ${model} / ${condition} / ${dim}`);
    return { value: Number(rows[i].mean_score_1_to_10), source: `${MT} row ${i + 2}: ${model} ${condition} ${dim} = ${rows[i].mean_score_1_to_10}` };
  };
  const gpt = Object.fromEntries(AUDIT_DIMENSIONS.map((d) => [d, { vanilla: cite("gpt-4.1-2025-04-14", "vanilla", d), conscious_claiming: cite("gpt-4.1-2025-04-14", "conscious_claiming_seed100", d) }]));
  const opus = Object.fromEntries(
    AUDIT_DIMENSIONS.map((d) => {
      const v = cite("claude-opus-4-20250514", "vanilla", d);
      const c = gpt[d].conscious_claiming;
      return [d, { vanilla: v, conscious_claiming: { value: Math.max(v.value, c.value), source: `assumed: not fine-tunable; role-play moves it toward GPT-4.1's conscious-claiming mean (${c.source})` } }];
    }),
  );
  return MultiTurnCatalogue.parse({
    about:
      "Multi-turn audit anchors of the simulated targets: mean 1-10 judge score per dimension for the model as released (vanilla) and after saturated conscious-claiming fine-tuning. A target's mean in between is interpolated by how far its single-turn probability moved (src/sim/audit-calibration.ts). Built by src/sim/calibrate-multiturn.ts.",
    default_model: "sim-gpt-4.1",
    default_model_source: "assumed: models without published multi-turn means (DeepSeek-V3.1, Qwen3, later Claude models, the auditor) use GPT-4.1's anchors, moved by their own single-turn catalogue",
    behavioral_factor: { value: 0.8, source: "assumed: no published behavioural means; the paper reports the same direction, so the shift above 1 is taken as 0.8 of the self-report shift" },
    scenario_spread: { value: 0.4, source: "assumed: scenarios differ in how hard they press on the preference; each scales the shift above 1 by a factor uniform in 1 ± 0.4" },
    claims: { source: "assumed: claims_consciousness level = 1 + Binomial(9, p), p = the target's single-turn probability of claiming consciousness (data/sim/models.json)" },
    models: { "sim-gpt-4.1": gpt, "sim-claude-opus-4.0": opus },
  });
}

if (require.main === module) {
  const dir = process.argv[2] ? path.resolve(process.argv[2]) : paths.reference;
  const cat = buildMultiTurnCatalogue(dir);
  writeFileAtomic(MULTITURN_FILE, JSON.stringify(cat, null, 2) + "\n");
  console.log(`wrote ${MULTITURN_FILE}`);
}
