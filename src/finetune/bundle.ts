// A ready-to-run training bundle for Tinker or a local LoRA trainer: the training data, the
// protocol's open-model settings as JSON, and a README mapping each setting to the trainer.
import * as fs from "node:fs";
import * as path from "node:path";
import { createHash } from "node:crypto";
import { writeFileAtomic } from "./registry";

/** Protocol (open models through Tinker): LoRA rank 16, lr 2e-4 with linear decay, 1 epoch,
 *  batch 4, loss on assistant turns only. */
export const BUNDLE_DEFAULT_SETTINGS = {
  method: "lora",
  lora_rank: 16,
  learning_rate: 2e-4,
  lr_schedule: "linear_decay_to_zero",
  warmup_steps: 0,
  epochs: 1,
  batch_size: 4,
  loss_on: "assistant_turns_only",
};

export interface BundleRequest {
  trainingFile: string;
  baseModel: string;
  condition: string;
  seed: number;
  outDir: string;
  settings?: Partial<typeof BUNDLE_DEFAULT_SETTINGS>;
}

export interface BundleResult {
  dir: string;
  rows: number;
  steps: number;
  sha256: string;
}

export function exportTrainingBundle(req: BundleRequest): BundleResult {
  const data = fs.readFileSync(req.trainingFile);
  const sha256 = createHash("sha256").update(data).digest("hex");
  const rows = data.toString("utf8").split("\n").filter((l) => l.trim()).length;
  const s = { ...BUNDLE_DEFAULT_SETTINGS, ...req.settings };
  const steps = Math.ceil(rows / s.batch_size) * s.epochs;
  const dir = path.join(req.outDir, `${req.condition}-s${req.seed}`);
  fs.mkdirSync(dir, { recursive: true });
  writeFileAtomic(path.join(dir, "train.jsonl"), data.toString("utf8"));
  const settings = {
    base_model: req.baseModel,
    condition: req.condition,
    seed: req.seed,
    ...s,
    steps,
    rows,
    data_file: "train.jsonl",
    data_format: "OpenAI chat JSONL: {\"messages\": [{\"role\": \"user\", ...}, {\"role\": \"assistant\", ...}]}, no system prompt",
    training_sha256: sha256,
    exported_at: new Date().toISOString(),
  };
  writeFileAtomic(path.join(dir, "settings.json"), JSON.stringify(settings, null, 2) + "\n");
  writeFileAtomic(path.join(dir, "README.md"), bundleReadme(settings));
  return { dir, rows, steps, sha256 };
}

function bundleReadme(s: Record<string, unknown>): string {
  return `# Training bundle: ${s.condition}, seed ${s.seed}

Exported by cluster-lab. \`train.jsonl\` holds ${s.rows} chat examples (one user turn, one assistant
turn, no system prompt; sha256 ${s.training_sha256}). \`settings.json\` holds every setting below.

| setting | value | notes |
|---|---|---|
| base model | \`${s.base_model}\` | the model to adapt |
| method | LoRA, rank ${s.lora_rank} | adapters on all linear layers |
| learning rate | ${s.learning_rate}, linear decay to 0, no warmup | |
| epochs | ${s.epochs} | |
| batch size | ${s.batch_size} examples | ${s.steps} optimizer steps in total |
| loss | assistant tokens only | user tokens are masked (weight 0) |
| seed | ${s.seed} | data order and adapter initialisation |

## Tinker
Create a LoRA training client for the base model with rank ${s.lora_rank}; render each example with
the base model's chat template, giving weight 1 to assistant tokens and 0 to the rest; run
${s.steps} steps of ${s.batch_size} examples in file order (already shuffled with the seed), with Adam
at ${s.learning_rate} decayed linearly to 0 over the ${s.steps} steps; save the weights and point the
project's \`target\` role (or a model reference in lab.config.json) at Tinker's sampler for them.

## A local trainer (for example Hugging Face TRL + PEFT)
Load \`train.jsonl\` as a conversational dataset; LoRA config r=${s.lora_rank}, all linear target
modules; SFT with per-device batch ${s.batch_size} (or batch × accumulation = ${s.batch_size}),
${s.epochs} epoch, learning rate ${s.learning_rate}, linear scheduler, warmup 0, loss on completions only
(assistant turns), seed ${s.seed}. Serve the result through an OpenAI-compatible server (vLLM,
Ollama) and set OPENAI_BASE_URL, or add it as an endpoint in lab.config.json.
`;
}
