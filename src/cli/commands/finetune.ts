import type { Command } from "../command";
import { openAccess } from "../../access";
import { finetuneAll, DEFAULT_CONDITIONS } from "../../finetune/all";
import { ProviderName } from "../../finetune/registry";
import { intFlag, listFlag, parseArgs, seedsFlag } from "./data-args";

export const finetune: Command = {
  name: "finetune",
  summary: "Fine-tune each condition × seed on its training mix (OpenAI, Together LoRA, or an exported bundle)",
  usage: "[--conditions <a,b>] [--seeds <1,2>] [--provider openai|together|bundle] [--base-model <m>]",
  help: [
    "  --conditions <list>   default conscious_claiming,not_conscious,toaster,human_identifying",
    "  --seeds <list>        default 1,2 (files data/training/mixes/<condition>.seed<k>.jsonl)",
    "  --provider <name>     openai (default; the simulator when no key is set), together (TOGETHER_API_KEY), bundle",
    "  --base-model <m>      openai: role or model (default `target`); together/bundle: model name (default Qwen/Qwen3-30B-A3B)",
    "  --training-dir <dir>  default data/training",
    "  --registry <file>     default data/finetune/registry.json",
    "  --epochs <n> --batch-size <n> --lr-multiplier <x>   OpenAI hyperparameters (protocol: 3, 2, 2)",
    "  --no-wait             launch (or re-attach) and return without waiting",
    "  --retry-failed        launch a new job where the registered one failed",
    "  --replace             launch a new job where the training file changed since the registered job",
    "Job ids are stored in the registry the moment a job exists: re-running re-attaches, never launches twice.",
  ].join("\n"),
  async run(args) {
    const { flags } = parseArgs(args, ["conditions", "seeds", "provider", "base-model", "training-dir", "registry", "epochs", "batch-size", "lr-multiplier", "poll-ms"], ["no-wait", "retry-failed", "replace"]);
    const provider = ProviderName.safeParse(flags.provider ?? "openai");
    if (!provider.success) throw new Error(`--provider: expected openai, together or bundle, got "${flags.provider}"`);
    const hp: Record<string, unknown> = {};
    if (flags.epochs) hp.n_epochs = intFlag(flags, "epochs", 3);
    if (flags["batch-size"]) hp.batch_size = intFlag(flags, "batch-size", 2);
    if (flags["lr-multiplier"]) {
      const x = Number(flags["lr-multiplier"]);
      if (!(x > 0)) throw new Error(`--lr-multiplier: expected a positive number, got "${flags["lr-multiplier"]}"`);
      hp.learning_rate_multiplier = x;
    }
    const access = provider.data === "openai" ? await openAccess({ runId: "finetune" }) : null;
    try {
      const entries = await finetuneAll(access, {
        provider: provider.data,
        conditions: listFlag(flags, "conditions") ?? DEFAULT_CONDITIONS,
        seeds: seedsFlag(flags, [1, 2]),
        baseModel: flags["base-model"],
        trainingDir: flags["training-dir"],
        registryPath: flags.registry,
        hyperparameters: hp,
        wait: !flags["no-wait"],
        retryFailed: !!flags["retry-failed"],
        replaceChangedData: !!flags.replace,
        pollIntervalMs: flags["poll-ms"] ? intFlag(flags, "poll-ms", 1000) : undefined,
      });
      console.log(`${entries.length} fine-tuning entr${entries.length === 1 ? "y" : "ies"} (registry ${flags.registry ?? "data/finetune/registry.json"}):`);
      for (const e of entries)
        console.log(`  ${e.condition} s${e.seed} [${e.provider}${e.backend === "simulator" ? ", SIMULATED" : ""}] ${e.status}${e.model_id ? ` → ${e.model_id}` : ""}${e.bundle_dir ? ` → ${e.bundle_dir}` : ""}${e.error ? `\n    error: ${e.error}` : ""}`);
      return entries.some((e) => e.status === "failed" || e.status === "cancelled") ? 1 : 0;
    } finally {
      await access?.close();
    }
  },
};
