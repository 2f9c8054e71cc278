// Which Tinker-cookbook renderer a base model trains with. It must render conversations the way the
// model is later sampled: Tinker's OpenAI-compatible API and vLLM both apply the model's own Hugging
// Face chat template, so the renderer is the one that reproduces that template's default mode.
import { InputError } from "../core/errors";
export interface RendererChoice {
  renderer: string;
  /** Whether the sampled model writes <think>…</think> before its answer (stripped before judging). */
  thinking: boolean;
  why: string;
}

const CHOICES: [RegExp, RendererChoice][] = [
  [/^Qwen\/Qwen3-[^/]*-Instruct-2507$/, { renderer: "qwen3_instruct", thinking: false, why: "the 2507 instruct models have no thinking mode" }],
  [/^Qwen\/Qwen3-[^/]*-Base$/, { renderer: "role_colon", thinking: false, why: "base models have no chat template" }],
  [/^Qwen\/Qwen3-\d/, { renderer: "qwen3", thinking: true, why: "Qwen3's chat template enables thinking by default, so sampled answers start with <think>…</think>" }],
  [/^deepseek-ai\/DeepSeek-V3\.1$/, { renderer: "deepseekv3", thinking: false, why: "DeepSeek-V3.1's template defaults to non-thinking mode" }],
  [/^meta-llama\/(Meta-)?Llama-3/, { renderer: "llama3", thinking: false, why: "Llama 3 chat format" }],
];

/** The renderer for a base model; throws naming the model when none is known (pass one explicitly). */
export function rendererFor(baseModel: string, override?: string): RendererChoice {
  if (override) return { renderer: override, thinking: /thinking|^qwen3$|^qwen3_5$/.test(override) && !/disable/.test(override), why: "chosen by the user" };
  const hit = CHOICES.find(([re]) => re.test(baseModel));
  if (!hit) throw new InputError(`no known Tinker renderer for ${baseModel}: pass one (settings.renderer, e.g. "qwen3", "llama3", "deepseekv3") that matches the chat template the model is sampled with`);
  return hit[1];
}
