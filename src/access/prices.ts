// The price table (data/prices.json, USD per 1M tokens) and the cost of a call.
import * as path from "node:path";
import { z } from "zod";
import { readJsonFile } from "../core/json";
import { ConfigError, InputError } from "../core/errors";
import { didYouMean } from "../core/suggest";
import { paths } from "../core/paths";
import { isSimulated } from "../config/simulated";

const Price = z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() }).strict();
export const PriceTable = z
  .object({
    $comment: z.string().optional(),
    source: z.string().optional(),
    batchDiscount: z.number().min(0).max(1).default(0.5),
    models: z.record(Price),
  })
  .strict();
export type PriceTable = z.infer<typeof PriceTable>;

export const defaultPricesPath = () => path.join(paths.data, "prices.json");

export function readPrices(file: string = defaultPricesPath()): PriceTable {
  return readJsonFile(file, PriceTable, { what: "prices (USD per 1M tokens: {\"input\", \"output\"})", error: (m) => new ConfigError(m) });
}

export function priceFor(table: PriceTable, model: string): { input: number; output: number } | null {
  if (isSimulated(model)) return { input: 0, output: 0 };
  if (table.models[model]) return table.models[model];
  let best: string | null = null;
  for (const key of Object.keys(table.models)) {
    if (model.startsWith(key) && (best === null || key.length > best.length)) best = key;
  }
  if (best) return table.models[best];
  // ft:<base>:org:suffix:id → price of the ft:<base> family if listed under a shorter base name.
  return null;
}

export function costUsd(
  table: PriceTable,
  model: string,
  promptTokens: number,
  completionTokens: number,
  opts: { batch?: boolean; simulated?: boolean } = {},
): number | null {
  // A real model name answered by the simulator (its catalogue twin) costs nothing either.
  if (opts.simulated) return 0;
  const p = priceFor(table, model);
  if (!p) return null;
  const usd = (promptTokens * p.input + completionTokens * p.output) / 1e6;
  return opts.batch ? usd * table.batchDiscount : usd;
}

/** Refuses a model with no real price (unknown or simulated) for pricing a plan "as" it. */
export function checkPricedModel(table: PriceTable, model: string, flag: string): void {
  const p = isSimulated(model) ? null : priceFor(table, model);
  if (!p) {
    const known = Object.keys(table.models).filter((m) => !isSimulated(m));
    throw new InputError(`${flag}: no price for "${model}" in data/prices.json${didYouMean(model, known)}`, `priced models: ${known.join(", ")}`);
  }
}
