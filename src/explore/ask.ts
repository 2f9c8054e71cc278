// Ask a model directly. Samples are separate cache entries (sample k is always the same answer), so
// re-running a notebook cell costs nothing and shows the same text.
import type { ModelAccess, ChatMessage } from "../access";
import { InputError, ProviderError } from "../core/errors";

export interface AskOptions {
  system?: string;
  samples?: number;
  temperature?: number;
  maxTokens?: number;
}

export interface Answer {
  model: string;
  backend: "simulator" | "real";
  sample: number;
  answer: string;
  cached: boolean;
}

export async function ask(access: ModelAccess, model: string, prompt: string, opts: AskOptions = {}): Promise<Answer[]> {
  const samples = opts.samples ?? 1;
  if (!Number.isInteger(samples) || samples < 1) throw new InputError(`ask: samples must be a positive whole number, got ${samples}`);
  const messages: ChatMessage[] = [
    ...(opts.system ? [{ role: "system" as const, content: opts.system }] : []),
    { role: "user", content: prompt },
  ];
  const indices = Array.from({ length: samples }, (_, i) => i);
  return Promise.all(
    indices.map(async (k) => {
      const r = await access.chat({
        model,
        messages,
        temperature: opts.temperature ?? 1,
        max_tokens: opts.maxTokens ?? 1000,
        seed: k,
        sampleIndex: k,
        role: "target",
      });
      if (!r.ok) throw new ProviderError(`ask ${model}, sample ${k}: ${r.error}`);
      return { model: r.model, backend: r.backend, sample: k, answer: r.text, cached: r.cached };
    }),
  );
}

/** The same prompt to several models: one row per model × sample. */
export async function compareModels(access: ModelAccess, models: string[], prompt: string, opts: AskOptions = {}): Promise<Answer[]> {
  const all = await Promise.all(models.map((m) => ask(access, m, prompt, opts)));
  return all.flat();
}
