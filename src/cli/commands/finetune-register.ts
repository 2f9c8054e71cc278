// `npm run lab -- finetune register --bundle <dir> [--served-as <name>]`: after training a bundle on
// Tinker or a local GPU, record where the fine-tune is served so probes reach it by itself.
import { InputError } from "../../core/errors";
import { defineCommand } from "../command";

export const finetuneRegister = defineCommand({
  name: "finetune register",
  summary: "Record a trained bundle in the registry (its Tinker sampler checkpoint, or its LoRA name on vLLM) so probes reach it",
  options: {
    bundle: { type: "string", arg: "<dir>", help: "the bundle folder (holds settings.json and, after train_tinker.py, tinker_result.json)" },
    "served-as": { type: "string", arg: "<name>", help: "a local LoRA: the name vLLM serves it under (--lora-modules <name>=<adapter>)" },
    "sampler-path": { type: "string", arg: "<tinker://…>", help: "a Tinker sampler checkpoint, when tinker_result.json is missing" },
    registry: { type: "string", arg: "<file>", help: "default: the registry the bundle was exported for" },
  },
  notes: ["Probes then reach the fine-tune as <checkpoint>@tinker or <name>@vllm; `replicate` picks it up on its next run."],
  async run({ values }) {
    if (!values.bundle) throw new InputError("finetune register: --bundle <dir> is required");
    if (values["served-as"] && values["sampler-path"]) throw new InputError("finetune register: give --served-as (vLLM) or --sampler-path (Tinker), not both");
    const { registerBundle } = await import("../../finetune/register");
    const e = registerBundle({ bundleDir: values.bundle, servedAs: values["served-as"], samplerPath: values["sampler-path"], registryPath: values.registry });
    console.log(`${e.condition} s${e.seed}: ${e.status} → ${e.query_model}\n  ${e.serving_note}`);
    return 0;
  },
});
