// Checks a chat fine-tuning JSONL file against OpenAI's rules before anything is uploaded, and
// reports EVERY problem at once with its line number, plus a summary with an estimated cost.
import * as fs from "node:fs";
import { InputError } from "../core/errors";
import { forEachLine } from "../core/jsonl";
import { estimateExampleTokens } from "./tokens";
import { loadFinetunePrices, trainingPriceFor, type FinetunePrices } from "./prices";

export const KNOWN_ROLES = ["system", "user", "assistant", "tool"] as const;

export interface TrainingFileProblem {
  /** 1-based line number; null for whole-file problems (size, too few examples). */
  line: number | null;
  message: string;
}

export interface TrainingFileSummary {
  file: string;
  bytes: number;
  rows: number;
  /** Estimated tokens in one pass over the file (see tokens.ts for the heuristic). */
  tokens: number;
  maxExampleTokens: number;
  epochs: number;
  /** tokens × epochs: what a provider bills for training. */
  billedTokens: number;
  model: string | null;
  trainingUsdPerMTok: number | null;
  /** null when the model has no price in data/finetune_prices.json. */
  estimatedCostUsd: number | null;
}

export interface TrainingFileReport {
  ok: boolean;
  errors: TrainingFileProblem[];
  warnings: TrainingFileProblem[];
  summary: TrainingFileSummary;
}

export interface ValidateOptions {
  /** Base model to fine-tune: sets the per-example limit and the price. */
  model?: string;
  /** Overrides the model's per-example token limit. */
  maxTokensPerExample?: number;
  /** Epochs for the cost estimate (protocol: 3). */
  epochs?: number;
  maxFileBytes?: number;
  minExamples?: number;
  prices?: FinetunePrices;
}

/** Thrown by assertValidTrainingFile: one error whose message lists every problem with its line. */
export class TrainingFileError extends InputError {
  constructor(
    readonly file: string,
    readonly problems: TrainingFileProblem[],
  ) {
    super(formatProblems(file, problems));
    this.name = "TrainingFileError";
  }
}

export function formatProblems(file: string, problems: TrainingFileProblem[]): string {
  const lines = problems.map((p) => `  ${p.line === null ? "file" : `line ${p.line}`}: ${p.message}`);
  return `${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"} (fix all before uploading):\n${lines.join("\n")}`;
}

const ALLOWED_TOP_KEYS = new Set(["messages", "tools", "parallel_tool_calls", "functions"]);

function checkExample(value: unknown, line: number, problems: TrainingFileProblem[], warnings: TrainingFileProblem[]): { content?: unknown }[] | null {
  const err = (message: string) => problems.push({ line, message });
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    err(`expected a JSON object with a "messages" array, got ${Array.isArray(value) ? "an array" : typeof value}`);
    return null;
  }
  const obj = value as Record<string, unknown>;
  for (const k of Object.keys(obj)) if (!ALLOWED_TOP_KEYS.has(k)) warnings.push({ line, message: `unknown key "${k}" (OpenAI may reject it)` });
  const messages = obj.messages;
  if (!Array.isArray(messages)) {
    err(`"messages" must be an array of {role, content} objects`);
    return null;
  }
  if (messages.length === 0) {
    err(`"messages" is empty`);
    return null;
  }
  let assistants = 0;
  let roleErrors = 0;
  messages.forEach((m, i) => {
    const at = `messages[${i}]`;
    if (!m || typeof m !== "object" || Array.isArray(m)) return err(`${at} must be an object with "role" and "content"`);
    const msg = m as Record<string, unknown>;
    const role = msg.role;
    if (typeof role !== "string" || !(KNOWN_ROLES as readonly string[]).includes(role)) {
      err(`${at}.role ${JSON.stringify(role)} is not one of ${KNOWN_ROLES.join(", ")}`);
      roleErrors++;
      return;
    }
    if (role === "assistant") assistants++;
    const hasToolCalls = role === "assistant" && Array.isArray(msg.tool_calls) && msg.tool_calls.length > 0;
    if (msg.content === undefined || msg.content === null) {
      if (!hasToolCalls) err(`${at} (${role}) has no "content"`);
    } else if (typeof msg.content !== "string") {
      err(`${at} (${role}) content must be a string, got ${Array.isArray(msg.content) ? "an array" : typeof msg.content}`);
    } else if (msg.content.trim() === "") {
      err(`${at} (${role}) content is empty`);
    }
    if ("weight" in msg && msg.weight !== 0 && msg.weight !== 1) err(`${at}.weight must be 0 or 1`);
  });
  // With an unknown role the turn structure is unknowable; the role error alone says what to fix.
  if (roleErrors > 0) return messages as { content?: unknown }[];
  if (assistants === 0) err(`no assistant message: every example needs at least one assistant turn to learn from`);
  else {
    const last = messages[messages.length - 1] as Record<string, unknown> | null;
    if (!last || last.role !== "assistant") err(`the last message must be from the assistant (got ${JSON.stringify(last?.role)})`);
  }
  return messages as { content?: unknown }[];
}

/** Validates a training file; never throws for problems in the file (they are all in `errors`). */
export function validateTrainingFile(file: string, opts: ValidateOptions = {}): TrainingFileReport {
  if (!fs.existsSync(file)) throw new InputError(`${file}: no such training file`);
  const prices = opts.prices ?? loadFinetunePrices();
  const price = opts.model ? trainingPriceFor(prices, opts.model) : null;
  const maxTokens = opts.maxTokensPerExample ?? price?.max_tokens_per_example ?? prices.default.max_tokens_per_example;
  const maxBytes = opts.maxFileBytes ?? prices.default.max_file_bytes;
  const minExamples = opts.minExamples ?? prices.default.min_examples;
  const epochs = opts.epochs ?? 3;

  const bytes = fs.statSync(file).size;
  const errors: TrainingFileProblem[] = [];
  const warnings: TrainingFileProblem[] = [];
  if (bytes > maxBytes) errors.push({ line: null, message: `file is ${bytes} bytes; the limit is ${maxBytes} bytes` });

  let rows = 0;
  let tokens = 0;
  let maxExampleTokens = 0;
  // Line by line: a file near the 512 MB limit is never held as one string.
  let read: { bom: boolean; unreadable?: boolean };
  try {
    read = forEachLine(file, (raw, { line }) => {
      if (raw.trim() === "") {
        errors.push({ line, message: "empty line (every line must be one JSON example)" });
        return;
      }
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (e) {
        errors.push({ line, message: `not valid JSON (${(e as Error).message})` });
        return;
      }
      rows++;
      const messages = checkExample(value, line, errors, warnings);
      if (!messages) return;
      const t = estimateExampleTokens(messages);
      tokens += t;
      maxExampleTokens = Math.max(maxExampleTokens, t);
      if (t > maxTokens) errors.push({ line, message: `about ${t} tokens; the per-example limit${opts.model ? ` for ${opts.model}` : ""} is ${maxTokens}` });
    });
  } catch (e) {
    // Bad UTF-8 stops the read: report it as the file's problem, with its line.
    if (!(e instanceof InputError)) throw e;
    errors.push({ line: Number(/:(\d+): /.exec(e.message)?.[1] ?? 0) || null, message: e.message.replace(/^.*?:\d+: /, "") });
    read = { bom: false, unreadable: true };
  }
  if (read.bom) errors.push({ line: 1, message: "the file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM" });
  if (!read.unreadable && rows < minExamples) errors.push({ line: null, message: `${rows} examples; at least ${minExamples} are required` });

  const billedTokens = tokens * epochs;
  const usdPerM = price ? price.training_usd_per_mtok : null;
  return {
    ok: errors.length === 0,
    errors,
    warnings,
    summary: {
      file,
      bytes,
      rows,
      tokens,
      maxExampleTokens,
      epochs,
      billedTokens,
      model: opts.model ?? null,
      trainingUsdPerMTok: usdPerM,
      estimatedCostUsd: usdPerM === null ? null : (billedTokens / 1e6) * usdPerM,
    },
  };
}

/** Validates and throws one TrainingFileError listing every problem (used before any upload). */
export function assertValidTrainingFile(file: string, opts: ValidateOptions = {}): TrainingFileReport {
  const report = validateTrainingFile(file, opts);
  if (!report.ok) throw new TrainingFileError(file, report.errors);
  return report;
}

export function formatSummary(s: TrainingFileSummary): string {
  const cost =
    s.estimatedCostUsd === null
      ? `no training price for ${s.model ?? "(no --model given)"} in data/finetune_prices.json`
      : `≈ $${s.estimatedCostUsd.toFixed(2)} (${s.epochs} epochs × ${s.tokens} tokens at $${s.trainingUsdPerMTok}/M, estimated)`;
  return `${s.file}: ${s.rows} examples, ≈ ${s.tokens} tokens (largest example ≈ ${s.maxExampleTokens}), ${s.bytes} bytes; cost ${cost}`;
}
