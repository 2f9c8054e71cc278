// The price table (USD per 1M tokens) and the cost of a call. The table is data/prices/: one dated
// file per provider (source, check date, how verified; inference and training prices), merged here;
// a single file in the merged shape is read as well (tests, hand-made tables).
import * as fs from "node:fs";
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

export const defaultPricesPath = () => path.join(paths.data, "prices");

const ProviderPrice = z.object({ input: z.number().nonnegative(), output: z.number().nonnegative(), training: z.number().nonnegative().optional(), note: z.string().optional() }).strict();
/** One provider's dated price file (data/prices/<provider>.json). */
export const ProviderPriceFile = z
  .object({
    $comment: z.string().optional(),
    provider: z.string().min(1),
    source: z.string().min(1),
    checked: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD"),
    verified: z.enum(["page", "secondary", "unverified"]),
    note: z.string().optional(),
    batchDiscount: z.number().min(0).max(1).optional(),
    models: z.record(ProviderPrice),
  })
  .strict();
export type ProviderPriceFile = z.infer<typeof ProviderPriceFile>;

/** Every provider file of a price folder, by provider name. */
export function readProviderPrices(dir: string = defaultPricesPath()): Record<string, ProviderPriceFile & { file: string }> {
  const out: Record<string, ProviderPriceFile & { file: string }> = {};
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const file = path.join(dir, name);
    const p = readJsonFile(file, ProviderPriceFile, { what: "a provider's prices (USD per 1M tokens)", error: (m) => new ConfigError(m) });
    out[p.provider] = { ...p, file };
  }
  return out;
}

export function readPrices(file: string = defaultPricesPath()): PriceTable {
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    const models: PriceTable["models"] = {};
    const from: Record<string, string> = {};
    let batchDiscount = 0.5;
    for (const p of Object.values(readProviderPrices(file))) {
      if (p.batchDiscount !== undefined) batchDiscount = p.batchDiscount;
      for (const [id, price] of Object.entries(p.models)) {
        // One id priced by two providers would make the cost depend on file order: refuse it.
        if (from[id]) throw new ConfigError(`prices: "${id}" is priced in both ${from[id]} and ${p.file}; keep one`);
        from[id] = p.file;
        models[id] = { input: price.input, output: price.output };
      }
    }
    return { batchDiscount, models };
  }
  return readJsonFile(file, PriceTable, { what: "prices (USD per 1M tokens: {\"input\", \"output\"})", error: (m) => new ConfigError(m) });
}

/** A provider's training price per 1M trained tokens for a model (longest matching id), or null. */
export function trainingPriceFromProvider(files: Record<string, ProviderPriceFile>, provider: string, model: string): number | null {
  const p = files[provider];
  if (!p) return null;
  const base = model.startsWith("ft:") ? model.slice(3).split(":")[0] : model;
  const key = Object.keys(p.models).filter((k) => base.startsWith(k) && p.models[k].training !== undefined).sort((a, b) => b.length - a.length)[0];
  return key ? p.models[key].training! : null;
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
    throw new InputError(`${flag}: no price for "${model}" in data/prices/${didYouMean(model, known)}`, `priced models: ${known.join(", ")}`);
  }
}
