// ModelAccess: the one interface through which every stage (training, finetune, probes, explore,
// pipeline, notebooks) calls models. openAccess() returns it; tests use the shared in-memory fake
// (test/helpers/fake-access.ts); a stage that needs only part of it takes a Pick<ModelAccess, …>.
import type OpenAI from "openai";
import type { z } from "zod";
import type { LoadedConfig } from "../config/resolve";
import type { CacheEntry } from "./cache";
import type { FailureCount } from "./failure-watch";
import type { PreflightCheck, PreflightTarget } from "./preflight";
import type { LedgerRow, LedgerSummary } from "./ledger";
import type { LimiterState } from "./limiter";
import type { ProgressMode } from "./progress";
import type { SimulatorHandle, SimulatorOptions } from "./simulator";
import type { AccessStats, ChatRequest, ChatResult, Estimate, ResolvedRef, StructuredResult } from "./types";

export interface OpenAccessOptions {
  /** Names this run in the ledger (default: a timestamp). */
  runId?: string;
  /** SQLite cache file (default data/cache/calls.sqlite, or LAB_CACHE). */
  cachePath?: string;
  /** Answer only from the cache: a miss returns ok:false (error starts "replay-only") without calling out. */
  replayOnly?: boolean;
  /** Stop before live spend in this process would exceed this many USD (prices from data/prices/). */
  budgetUsd?: number;
  configPath?: string;
  pricesPath?: string;
  /** Environment to read keys and overrides from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Progress display for map(): "auto" (default) picks notebook / terminal / log lines. */
  progress?: boolean | "auto" | ProgressMode;
  /** Where log-mode and terminal progress lines go (default stderr). */
  progressWrite?: (s: string) => void;
  /** Options for the in-process simulator when it is started. */
  simulator?: SimulatorOptions;
  /** Stop a kind of call (role × endpoint × model) after its first this-many calls all fail the same permanent way (default 5). */
  stopAfter?: number;
  /** Fault injection for tests: `cachePut` is called before every cache write; throwing simulates a failing disk. */
  faults?: { cachePut?: (entry: CacheEntry) => void };
}

export type LedgerHistoryRow = Omit<LedgerRow, "cachedPromptTokens" | "cachedCompletionTokens" | "savedUsd">;

export interface ModelAccess {
  runId: string;
  cachePath: string;
  /** Role or model reference → model id, endpoint name, backend and base URL. Throws for unknown endpoints or a missing key. */
  resolve(modelRef: string): ResolvedRef;
  /** One chat completion; API errors come back as ok:false, never thrown. */
  chat(req: ChatRequest): Promise<ChatResult>;
  /** A structured answer validated by the zod schema; opts.task is the simulator's dispatch marker (default: the name). */
  structured<T>(req: ChatRequest, schema: z.ZodType<T>, opts: { name: string; maxAttempts?: number; task?: string }): Promise<StructuredResult<T>>;
  /** fn over items with one live progress display; results in input order. */
  map<I, O>(items: I[], fn: (item: I, index: number) => Promise<O>, opts: { label: string; concurrency?: number }): Promise<O[]>;
  /** Calls, tokens and cost before running (cached requests are free). */
  estimate(reqs: ChatRequest[], opts?: { expectedCompletionTokens?: number }): Estimate;
  /** The configured openai client of that model's endpoint (files, fine-tuning, batches). */
  client(modelRef: string): OpenAI;
  ledger: { summary(): LedgerSummary; history(runId?: string): LedgerHistoryRow[] };
  stats(): AccessStats;
  /**
   * Before the first paid call of a command: every target's endpoint answers and serves its model,
   * keys are present, the first unit of work fits the budget. Throws a ProviderError / BudgetError
   * (exit 3) naming the role, model, endpoint and what to change. Nothing to check in replay-only mode.
   */
  preflight(targets: (PreflightTarget & { flag?: string })[], opts?: { firstUnit?: ChatRequest[] }): Promise<PreflightCheck[]>;
  /** Every distinct error of the calls so far, with its count and one full example (most frequent first). */
  failures(): FailureCount[];
  /** Limiter state of an endpoint (or of one model on it, for endpoints whose limits are per model). */
  limiterState(endpoint: string, model?: string): LimiterState | undefined;
  /** The cache key a request would use (no network). */
  cacheKey(req: ChatRequest): string;
  /** The loaded config (endpoints, roles), for display. */
  config: LoadedConfig;
  /** The in-process simulator, when started. */
  simulator(): SimulatorHandle | null;
  /** Waits for calls in flight, writes the ledger, stops the simulator. */
  close(): Promise<void>;
}

/** The earlier name of ModelAccess, kept so existing code and notebooks compile unchanged. */
export type Access = ModelAccess;
