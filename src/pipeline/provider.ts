// Which fine-tuning path a base model takes, from the endpoint it is served on: OpenAI (and the
// simulator, which speaks OpenAI's API) fine-tune through their API, Together through its LoRA
// jobs, and every other endpoint (Tinker, a local vLLM server) through an exported bundle that the
// user trains with the script it carries, then registers (`finetune register`).
import type { ProviderName } from "../finetune/registry";
import { loadConfig } from "../config/resolve";

export function finetuneProviderFor(resolved: { endpoint: string; backend: "simulator" | "real" }): ProviderName {
  if (resolved.backend === "simulator" || resolved.endpoint === "openai") return "openai";
  if (resolved.endpoint === "together") return "together";
  return "bundle";
}

/** Provider name as data/finetune_prices.json knows it (the bundle path is priced as Tinker's). */
export function trainingPriceProvider(provider: ProviderName, endpoint: string): string {
  if (provider === "bundle") return endpoint === "tinker" ? "tinker" : "local";
  return provider;
}

/** Epochs the protocol trains for on each path (OpenAI: 3; open models: 1). */
export function protocolEpochs(provider: ProviderName): number {
  return provider === "openai" ? 3 : 1;
}

/** The fine-tuning path and base model the `target` role implies, read from the config without
 *  needing any key (the CLI's defaults for `finetune`). */
export function finetuneDefaults(env: NodeJS.ProcessEnv = process.env): { provider: ProviderName; baseModel: string } {
  const t = loadConfig({ env }).resolve("target");
  const provider = finetuneProviderFor({ endpoint: t.endpoint.name, backend: t.endpoint.backend });
  return { provider, baseModel: provider === "openai" ? "target" : t.model };
}
