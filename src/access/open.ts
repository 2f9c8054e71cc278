// openAccess(): builds the one ModelAccess object from its parts: config and endpoints, the SQLite
// cache, limiter and retries (send.ts), the budget, structured outputs, map with progress, and
// estimates. It starts the built-in simulator when a role or the default endpoint is simulated.
import * as path from "node:path";
import { inspect } from "node:util";
import { paths } from "../core/paths";
import { loadConfig } from "../config/resolve";
import { backendFor } from "../config/simulated";
import { createBudget } from "./budget";
import { openCache } from "./cache";
import { guardCache, type GuardedCache } from "./cache-guard";
import { createFailureWatch } from "./failure-watch";
import { createPreflight } from "./preflight";
import { closedError, createCaller } from "./call";
import { createEndpoints } from "./endpoints";
import { makeRedactor } from "./errors";
import { estimateRequests } from "./estimate";
import { attachCore } from "./internal";
import { createLedger } from "./ledger";
import { mapWithProgress } from "./map";
import type { ModelAccess, OpenAccessOptions } from "./model-access";
import { prepareRequest } from "./prepare";
import { readPrices, defaultPricesPath } from "./prices";
import { detectProgressMode } from "./progress";
import { createRecorder } from "./results";
import { createSender } from "./send";
import { simulatorStarter } from "./simulator";
import { structuredCall } from "./structured";
import type { AccessStats, ChatRequest } from "./types";
import { InputError } from "../core/errors";

export async function openAccess(opts: OpenAccessOptions = {}): Promise<ModelAccess> {
  const env = opts.env ?? process.env;
  const cfg = loadConfig({ configPath: opts.configPath, env });
  const runId = opts.runId ?? new Date().toISOString().replace(/[:.]/g, "-");
  const cachePath = path.resolve(opts.cachePath ?? env.LAB_CACHE ?? path.join(paths.cache, "calls.sqlite"));
  const prices = readPrices(opts.pricesPath ?? defaultPricesPath());
  if (opts.budgetUsd !== undefined && !(opts.budgetUsd >= 0)) throw new InputError(`budgetUsd must be a non-negative number, got ${opts.budgetUsd}`);
  const opened = openCache(cachePath);
  let guard: GuardedCache;
  try {
    guard = guardCache(opened, { fault: opts.faults?.cachePut });
  } catch (e) {
    opened.close();
    throw e;
  }
  const cache = guard.cache;
  const watch = createFailureWatch({ stopAfter: opts.stopAfter });
  const ledger = createLedger(runId, prices, cache);
  const flushTimer = setInterval(() => ledger.flush(), 1000);
  flushTimer.unref();

  const progressMode = detectProgressMode(opts.progress ?? "auto", env);
  const progressWrite = opts.progressWrite ?? ((s: string) => void process.stderr.write(s));
  const keysInUse = new Set<string>();
  const redact = makeRedactor(() => keysInUse);
  const stats: AccessStats = { calls: 0, hits: 0, failures: 0, retries: 0, requests: 0 };
  const sim = simulatorStarter({ simulator: opts.simulator, env, cachePath });
  const endpoints = createEndpoints(cfg, sim, keysInUse);
  const record = createRecorder(stats, ledger);
  const budget = createBudget(prices, ledger, opts.budgetUsd);
  const sender = createSender({ endpoints, cache, cachePath, runId, stats, record, redact, stopped: () => guard.failure() });
  const caller = createCaller({ cache, cachePath, replayOnly: !!opts.replayOnly, budget, sender, record, redact, watch, stopped: () => guard.failure() });
  const prepare = (req: ChatRequest, attempt = 0) => prepareRequest(cfg, req, attempt);
  // async: a config error in prepare() rejects like the original API, never throws synchronously.
  const chat = async (req: ChatRequest, attempt = 0) => caller.call(prepare(req, attempt));
  const noJsonSchema = new Set<string>();
  const preflight = createPreflight({ cfg, endpoints, budget, cache, prepare: (req) => prepare(req), chat: (req) => chat(req) });
  let closed = false;

  const access: ModelAccess = {
    runId,
    cachePath,
    config: cfg,
    resolve(modelRef) {
      const r = cfg.resolve(modelRef);
      if (r.endpoint.backend === "real") cfg.apiKey(r.endpoint);
      return {
        model: r.model,
        endpoint: r.endpoint.name,
        kind: r.endpoint.kind,
        backend: backendFor(r.endpoint.backend, r.model),
        baseURL: endpoints.shownBaseURL(r.endpoint),
        ...(r.role ? { role: r.role } : {}),
      };
    },
    chat: (req) => chat(req),
    structured: (req, schema, o) => structuredCall({ cfg, noJsonSchema, chat }, req, schema, o),
    map: (items, fn, o) => mapWithProgress({ stats, progressMode, progressWrite, done: () => ledger.flush() }, items, fn, o),
    estimate: (reqs, o) => estimateRequests({ cache, prices, prepare }, reqs, o),
    client: (modelRef) => endpoints.client(cfg.resolve(modelRef).endpoint),
    ledger: {
      summary: () => ledger.summary(),
      history: (id) => {
        ledger.flush();
        return cache.ledgerRows(id);
      },
    },
    stats: () => ({ ...stats }),
    failures: () => watch.summary(),
    // Replay-only runs make no call, so there is nothing to check before them.
    preflight: async (targets, o) => {
      if (closed) throw closedError();
      return opts.replayOnly ? [] : preflight.run(targets, o);
    },
    limiterState: (name, model) => {
      const ep = cfg.endpoints.get(name);
      return ep ? sender.limiterState(ep, model) : undefined;
    },
    cacheKey: (req) => prepare(req).key,
    simulator: () => sim.current(),
    async close() {
      if (closed) return;
      closed = true;
      await caller.drain();
      clearInterval(flushTimer);
      ledger.flush();
      cache.close();
      await sim.stop();
    },
  };
  attachCore(access, {
    runId,
    cache,
    prepare,
    ensureEndpoint: (ep) => endpoints.ensure(ep),
    redact,
    record,
    budget,
    replayOnly: !!opts.replayOnly,
    progressMode,
    progressWrite,
    closed: () => closed,
  });
  Object.defineProperty(access, inspect.custom, {
    value: () => `Access { runId: ${runId}, cache: ${cachePath}, default endpoint: ${cfg.defaultEndpoint.name} (${cfg.defaultReason}), stats: ${JSON.stringify(stats)} }`,
    enumerable: false,
  });
  Object.defineProperty(access, "toJSON", {
    value: () => ({ runId, cachePath, defaultEndpoint: cfg.defaultEndpoint.name, stats: { ...stats } }),
    enumerable: false,
  });

  // Whoever opens access starts the simulator (so resolve() can report its URL) when the default
  // endpoint or any role is simulated; a sim- model asked for later starts it through the same call.
  const roleEndpoints = (["target", "judge", "generator", "auditor"] as const).map((r) => {
    try {
      return cfg.resolve(r).endpoint;
    } catch {
      return null;
    }
  });
  if (cfg.defaultEndpoint.backend === "simulator" || roleEndpoints.some((e) => e?.backend === "simulator")) {
    try {
      await sim.start();
    } catch (e) {
      await access.close();
      throw e;
    }
  }
  return access;
}
