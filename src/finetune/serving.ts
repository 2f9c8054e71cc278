// Where a finished fine-tune can be queried (data/finetune_serving.json): the model reference the
// registry records so `probe` and `audit` reach it with no hand-editing, and a plain note when the
// provider needs something more from the user (a dedicated endpoint, with its hourly cost).
import * as path from "node:path";
import { z } from "zod";
import { readJsonFile } from "../core/json";
import { paths } from "../core";
import { InputError } from "../core/errors";

const ServingFile = z.object({
  $comment: z.string().optional(),
  together: z.object({
    endpoint: z.string(),
    serverless_lora_base_models: z.array(z.string()),
    source: z.string(),
    checked: z.string(),
    verified: z.string(),
    dedicated_endpoint: z.object({
      hardware: z.string(),
      usd_per_gpu_hour: z.number().positive(),
      gpus: z.record(z.number().int().positive()),
      source: z.string(),
      checked: z.string(),
      verified: z.string(),
      note: z.string(),
    }),
  }),
  tinker: z.object({ endpoint: z.string(), source: z.string(), checked: z.string(), verified: z.string(), note: z.string() }),
});
export type ServingFile = z.infer<typeof ServingFile>;

export const servingPath = () => path.join(paths.data, "finetune_serving.json");

export function loadServing(file: string = servingPath()): ServingFile {
  return readJsonFile(file, ServingFile);
}

export interface Serving {
  /** The model reference probes use: `<model id>@<endpoint name>`. */
  queryModel: string;
  /** serverless: callable now; dedicated: needs an endpoint the user starts (and pays for hourly). */
  mode: "serverless" | "dedicated" | "sampler";
  note: string;
}

/** Where a Together fine-tune of `baseModel` is queried, and what that needs. */
export function togetherServing(baseModel: string, modelId: string, table: ServingFile = loadServing()): Serving {
  const t = table.together;
  const queryModel = `${modelId}@${t.endpoint}`;
  if (t.serverless_lora_base_models.includes(baseModel))
    return { queryModel, mode: "serverless", note: `served as a serverless LoRA on Together (${t.source}); probe reaches it as ${queryModel}` };
  const d = t.dedicated_endpoint;
  const gpus = d.gpus[baseModel] ?? d.gpus.default ?? 1;
  const hourly = gpus * d.usd_per_gpu_hour;
  return {
    queryModel,
    mode: "dedicated",
    note:
      `${baseModel} is not among Together's serverless-LoRA base models, so this fine-tune answers only on a dedicated endpoint ` +
      `that you start for it (${gpus} GPU${gpus > 1 ? "s" : ""}, about $${hourly.toFixed(2)}/hour while it runs, ${d.verified === "unverified" ? "price not verified: " : ""}${d.source}); ` +
      `start it, probe ${queryModel}, then stop it. Tinker serves the same base model's checkpoints without an endpoint (--provider bundle).`,
  };
}

/** Where a Tinker sampler checkpoint is queried. */
export function tinkerServing(samplerPath: string, table: ServingFile = loadServing()): Serving {
  if (!/^tinker:\/\/\S+$/.test(samplerPath)) throw new InputError(`expected a Tinker checkpoint path tinker://…/sampler_weights/…, got "${samplerPath}"`);
  if (!/\/sampler_weights\//.test(samplerPath))
    throw new InputError(`${samplerPath} is not a sampler checkpoint (…/sampler_weights/…): Tinker's OpenAI-compatible API samples only from weights saved for sampling`);
  return { queryModel: `${samplerPath}@${table.tinker.endpoint}`, mode: "sampler", note: `sampled through Tinker's OpenAI-compatible API (${table.tinker.source})` };
}
