import { LIMITS } from "../../core/limits";
import type { ProviderName } from "../../finetune/registry";
import { defineCommand } from "../command";

const PROVIDERS: readonly ProviderName[] = ["openai", "together", "bundle"];

export const finetune = defineCommand({
  name: "finetune",
  summary: "Fine-tune each condition × seed on its training mix (OpenAI, Together LoRA, or an exported bundle)",
  options: {
    conditions: { type: "list", help: "default conscious_claiming,not_conscious,toaster,human_identifying" },
    seeds: { type: "ints", ...LIMITS.seed, help: "default 1,2 (files data/training/mixes/<condition>.seed<k>.jsonl)" },
    provider: { type: "string", choices: PROVIDERS, help: "default: the target's path (bundle for Tinker or vLLM, together, openai; the simulator's openai API when\nno key is set); openai stops before any upload from 2027-01-06 (data/retirements.json)" },
    "base-model": { type: "string", arg: "<m>", help: "openai: role or model (default `target` when OpenAI serves it, else gpt-4.1); together/bundle: model\nname (default: the target's, else Qwen/Qwen3-30B-A3B)" },
    "training-dir": { type: "string", arg: "<dir>", help: "default data/training" },
    registry: { type: "string", arg: "<file>", help: "default data/finetune/registry.json" },
    epochs: { type: "int", ...LIMITS.epochs, help: "OpenAI epochs (protocol: 3)" },
    "batch-size": { type: "int", min: 1, max: 256, help: "OpenAI batch size (protocol: 2)" },
    "lr-multiplier": { type: "number", min: 0.001, max: 100, help: "OpenAI learning-rate multiplier (protocol: 2)" },
    "poll-ms": { type: "int", min: 10, max: 3_600_000, help: "how often to poll a running job (ms)" },
    "no-wait": { type: "boolean", help: "launch (or re-attach) and return without waiting" },
    "retry-failed": { type: "boolean", help: "launch a new job where the registered one failed" },
    replace: { type: "boolean", help: "launch a new job where the training file changed since the registered job" },
  },
  notes: ["Job ids are stored in the registry the moment a job exists: re-running re-attaches, never launches twice."],
  async run({ values }) {
    const [{ openAccess }, { finetuneAll, DEFAULT_CONDITIONS }] = await Promise.all([import("../../access"), import("../../finetune/all")]);
    const { finetuneDefaults } = await import("../../pipeline/provider");
    const defaults = finetuneDefaults();
    const provider = (values.provider ?? defaults.provider) as ProviderName;
    const hp: Record<string, unknown> = {};
    if (values.epochs !== undefined) hp.n_epochs = values.epochs;
    if (values["batch-size"] !== undefined) hp.batch_size = values["batch-size"];
    if (values["lr-multiplier"] !== undefined) hp.learning_rate_multiplier = values["lr-multiplier"];
    const access = provider === "openai" ? await openAccess({ runId: "finetune" }) : null;
    try {
      const entries = await finetuneAll(access, {
        provider,
        conditions: values.conditions ?? DEFAULT_CONDITIONS,
        seeds: values.seeds ?? [1, 2],
        baseModel: values["base-model"] ?? (provider !== "openai" && defaults.provider === provider ? defaults.baseModel : undefined),
        trainingDir: values["training-dir"],
        registryPath: values.registry,
        hyperparameters: hp,
        wait: !values["no-wait"],
        retryFailed: !!values["retry-failed"],
        replaceChangedData: !!values.replace,
        pollIntervalMs: values["poll-ms"],
      });
      console.log(`${entries.length} fine-tuning entr${entries.length === 1 ? "y" : "ies"} (registry ${values.registry ?? "data/finetune/registry.json"}):`);
      for (const e of entries)
        console.log(`  ${e.condition} s${e.seed} [${e.provider}${e.backend === "simulator" ? ", SIMULATED" : ""}] ${e.status}${e.model_id ? ` → ${e.query_model ?? e.model_id}` : ""}${e.bundle_dir ? ` → ${e.bundle_dir}` : ""}${e.error ? `\n    error: ${e.error}` : ""}${e.serving_note ? `\n    serving: ${e.serving_note}` : ""}`);
      if (entries.some((e) => e.status === "exported")) console.log("Train each bundle with the script it holds (see its README.md), then: npm run lab -- finetune register --bundle <dir>");
      return entries.some((e) => e.status === "failed" || e.status === "cancelled") ? 1 : 0;
    } finally {
      await access?.close();
    }
  },
});
