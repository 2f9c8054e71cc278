// Training prices and per-example limits from data/finetune_prices.json (first entry whose `match`
// prefixes the model id wins, after stripping an "ft:" wrapper).
import * as path from "node:path";
import { z } from "zod";
import { paths } from "../core";
import { readSource } from "./sources";

export const FinetunePrices = z.object({
  models: z.array(
    z.object({
      match: z.string().min(1),
      provider: z.string(),
      training_usd_per_mtok: z.number().nonnegative(),
      max_tokens_per_example: z.number().int().positive(),
      note: z.string().optional(),
    }),
  ),
  default: z.object({
    max_tokens_per_example: z.number().int().positive(),
    max_file_bytes: z.number().int().positive(),
    min_examples: z.number().int().positive(),
  }),
});
export type FinetunePrices = z.infer<typeof FinetunePrices>;

export const finetunePricesPath = path.join(paths.data, "finetune_prices.json");

export function loadFinetunePrices(file: string = finetunePricesPath): FinetunePrices {
  return readSource(file, FinetunePrices);
}

/** The price entry for a model id (for one provider when given), or null when the file has none. */
export function trainingPriceFor(prices: FinetunePrices, model: string, provider?: string): FinetunePrices["models"][number] | null {
  const base = model.startsWith("ft:") ? model.slice(3).split(":")[0] : model;
  return prices.models.find((m) => base.startsWith(m.match) && (!provider || m.provider === provider || m.provider === "simulator")) ?? null;
}
