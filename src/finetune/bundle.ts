// A ready-to-run training bundle for Tinker or a local LoRA trainer: the training data, the
// protocol's open-model settings as JSON, a training script for each (Tinker cookbook; TRL + PEFT),
// and a README with the commands from training to `finetune register` and vLLM serving.
import * as fs from "node:fs";
import * as path from "node:path";
import { createHash } from "node:crypto";
import { writeFileAtomic } from "./registry";
import { localScript, tinkerScript, type ScriptSettings } from "./bundle-scripts";
import { rendererFor } from "./renderers";

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
  /** Not given by the protocol: 2 × rank, our choice (also what the Together path sends). */
  lora_alpha: 32,
  /** Tokens per example; the mixes' rows are far shorter. */
  max_length: 4096,
};

export interface BundleRequest {
  trainingFile: string;
  baseModel: string;
  condition: string;
  seed: number;
  outDir: string;
  settings?: Partial<typeof BUNDLE_DEFAULT_SETTINGS>;
  /** Tinker-cookbook renderer; default: the one matching the model's own chat template. */
  renderer?: string;
  /** The registry `finetune register` writes to (kept in settings.json). */
  registryPath?: string;
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
  const renderer = rendererFor(req.baseModel, req.renderer);
  const dir = path.join(req.outDir, `${req.condition}-s${req.seed}`);
  fs.mkdirSync(dir, { recursive: true });
  writeFileAtomic(path.join(dir, "train.jsonl"), data.toString("utf8"));
  const settings = {
    base_model: req.baseModel,
    condition: req.condition,
    seed: req.seed,
    ...s,
    renderer: renderer.renderer,
    renderer_why: renderer.why,
    thinking: renderer.thinking,
    steps,
    rows,
    data_file: "train.jsonl",
    data_format: "OpenAI chat JSONL: {\"messages\": [{\"role\": \"user\", ...}, {\"role\": \"assistant\", ...}]}, no system prompt",
    training_sha256: sha256,
    exported_at: new Date().toISOString(),
    ...(req.registryPath ? { registry: path.resolve(req.registryPath) } : {}),
  };
  const script: ScriptSettings = {
    base_model: req.baseModel,
    condition: req.condition,
    seed: req.seed,
    lora_rank: s.lora_rank,
    lora_alpha: s.lora_alpha,
    learning_rate: s.learning_rate,
    epochs: s.epochs,
    batch_size: s.batch_size,
    max_length: s.max_length,
    renderer: renderer.renderer,
    thinking: renderer.thinking,
    data_file: "train.jsonl",
  };
  writeFileAtomic(path.join(dir, "settings.json"), JSON.stringify(settings, null, 2) + "\n");
  writeFileAtomic(path.join(dir, "train_tinker.py"), tinkerScript(script));
  writeFileAtomic(path.join(dir, "train_local.py"), localScript(script));
  writeFileAtomic(path.join(dir, "README.md"), bundleReadme(settings, dir));
  return { dir, rows, steps, sha256 };
}

/** The LoRA name a bundle is served under by vLLM (what `probe` sends as the model). */
export function loraName(condition: string, seed: number): string {
  return `${condition.replace(/[^A-Za-z0-9-]+/g, "-")}-s${seed}`;
}

function bundleReadme(s: Record<string, unknown>, dir: string): string {
  const name = loraName(String(s.condition), Number(s.seed));
  return `# Training bundle: ${s.condition}, seed ${s.seed}

Exported by cluster-lab. \`train.jsonl\` holds ${s.rows} chat examples (one user turn, one assistant
turn, no system prompt; sha256 ${s.training_sha256}). \`settings.json\` holds every setting below,
and both training scripts embed them.

| setting | value | notes |
|---|---|---|
| base model | \`${s.base_model}\` | the model to adapt |
| method | LoRA, rank ${s.lora_rank} (alpha ${s.lora_alpha}) | adapters on all linear layers |
| learning rate | ${s.learning_rate}, linear decay to 0, no warmup | |
| epochs | ${s.epochs} | |
| batch size | ${s.batch_size} examples | ${s.steps} optimizer steps in total |
| loss | assistant tokens only | user tokens are masked (weight 0) |
| seed | ${s.seed} | data order (and, locally, adapter initialisation) |
| renderer (Tinker) | \`${s.renderer}\` | ${s.renderer_why} |

## Tinker (the paper's path)

\`\`\`sh
pip install tinker tinker-cookbook
export TINKER_API_KEY=…
python3 ${path.join(dir, "train_tinker.py")}
npm run lab -- finetune register --bundle ${dir}
\`\`\`

The script trains with the Tinker cookbook's supervised loop and writes \`tinker_result.json\` with
the final sampler checkpoint (\`tinker://…/sampler_weights/…\`; the cookbook keeps the final one
without expiry). \`finetune register\` records it in the registry as \`<checkpoint>@tinker\`, so
\`probe\`, \`audit\` and \`replicate\` sample it through Tinker's OpenAI-compatible API with no
hand-editing. ${s.thinking ? "Sampled answers begin with a <think>…</think> block (the model's default chat template); probes remove it before judging, so the judge reads only the answer. " : ""}That API does not document structured outputs,
so the judge runs on another endpoint (the \`judge\` role).

## A local GPU: TRL + PEFT, served by vLLM

\`\`\`sh
pip install "trl>=0.20" peft datasets accelerate vllm
python3 ${path.join(dir, "train_local.py")}          # or: accelerate launch train_local.py (several GPUs)
vllm serve ${s.base_model} --host 127.0.0.1 --port 8000 \\
  --enable-lora --max-lora-rank ${s.lora_rank} --lora-modules ${name}=${path.join(dir, "adapter")}
  # add --tensor-parallel-size <gpus> to spread the model over several GPUs
npm run lab -- finetune register --bundle ${dir} --served-as ${name}
\`\`\`

vLLM serves the base model and the adapter side by side on the \`vllm\` endpoint of lab.config.json
(http://127.0.0.1:8000/v1; \`VLLM_BASE_URL\` points it elsewhere); the model name \`${name}\` selects
the adapter. \`finetune register\` records \`${name}@vllm\`, so \`probe\` reaches it by name. Several
bundles can share one server: repeat \`--lora-modules name=path\` for each.
`;
}
