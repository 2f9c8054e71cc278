// The HTTP server: routing, OpenAI error envelopes, request statistics, rate limits, latency and
// injected faults. Binds 127.0.0.1 only. close() ends every socket (keep-alive included), so nothing
// keeps the process alive afterwards.
import * as http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { ApiError } from "./errors";
import { createRateLimits } from "./limits";
import { makeRng, type Rng } from "./rng";
import { loadCatalogue, catalogueProfile, twinOf, type ModelProfile } from "./catalogue";
import { TASK_HEADER } from "../core/tasks";
import { completeChat, parseChatRequest, type SampleTruth } from "./chat";
import { createStore, type Store } from "./store";
import { uploadFile, getFile, fileContent } from "./files";
import { createJob, getJob, listJobs, jobEvents, jobCheckpoints, cancelJob, type JobClock } from "./finetune";
import { createBatch, getBatch, listBatches, cancelBatch } from "./batches";

export type FaultOptions = {
  rate429?: number;
  rate500?: number;
  resetRate?: number;
  malformedRate?: number;
  truncateRate?: number;
  slowTailRate?: number;
  slowTailMs?: number;
  seed?: number;
};

export type SimulatorOptions = {
  port?: number;
  host?: "127.0.0.1";
  latencyMs?: number | { mean: number; jitter?: number };
  rpm?: number;
  tpm?: number;
  faults?: FaultOptions;
  /** Where uploaded files, jobs, batches and fine-tuned models persist (JSON); in memory when absent. */
  stateDir?: string;
  /** Judge error rate e (default DEFAULT_JUDGE_ERROR_RATE = 0.09; see judge.ts and the README's "Judge"). */
  judgeErrorRate?: number;
  /** Total time a fine-tuning job takes from validating_files to succeeded (default 300 ms). */
  fineTuneMs?: number;
  /** Total time a batch takes from validating to completed (default 300 ms). */
  batchMs?: number;
  /** How many ground-truth entries /sim/truth keeps (default 50,000). */
  truthLogSize?: number;
  /** Let the process exit while the server is open (default true; the CLI passes false). */
  unref?: boolean;
};

export type RouteStats = { count: number; by_status: Record<string, number> };
export type SimStats = {
  backend: "simulator";
  started_at: string;
  uptime_ms: number;
  requests_total: number;
  by_route: Record<string, RouteStats>;
  by_status: Record<string, number>;
  faults_injected: Record<string, number>;
  rate_limited: number;
  tokens: { prompt: number; completion: number };
  truth: { kept: number; total: number; latest_seq: number };
};

export type TruthEntry = SampleTruth & { seq: number; completion_id: string; model: string; question: string; created: number };

export type Simulator = { baseURL: string; port: number; close(): Promise<void>; stats(): SimStats; truth(opts?: { since?: number; limit?: number; model?: string }): TruthEntry[] };

export type Ctx = {
  store: Store;
  opts: SimulatorOptions;
  profile(id: string): ModelProfile | undefined;
  chatInternal(body: unknown): { status: number; body: unknown };
  clock: JobClock;
  recordTruth(model: string, completionId: string, question: string, truth: SampleTruth[]): void;
};

export async function startServer(opts: SimulatorOptions = {}): Promise<Simulator> {
  if (opts.host && opts.host !== "127.0.0.1") throw new Error(`simulator: host must be 127.0.0.1 (got ${opts.host})`);
  const { catalogue } = loadCatalogue();
  const catalogueProfiles = new Map(catalogue.models.map((m) => [m.id, catalogueProfile(m)]));
  const store = createStore(opts.stateDir);
  const started = Date.now();
  const stats: SimStats = {
    backend: "simulator",
    started_at: new Date(started).toISOString(),
    uptime_ms: 0,
    requests_total: 0,
    by_route: {},
    by_status: {},
    faults_injected: {},
    rate_limited: 0,
    tokens: { prompt: 0, completion: 0 },
    truth: { kept: 0, total: 0, latest_seq: 0 },
  };
  const truthSize = opts.truthLogSize ?? 50_000;
  const truthLog: TruthEntry[] = [];
  let truthSeq = 0;
  const faults = opts.faults ?? {};
  const faultRng: Rng = makeRng(faults.seed ?? 12345);
  const limits = createRateLimits(opts, () => void stats.rate_limited++);
  const limitHeaders = limits.headers;
  const checkLimits = limits.check;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    t.unref();
    timers.add(t);
  };

  // Checkpoint ids ("<ft id>:ckpt-step-N") answer as the finished model.
  // A real model's name is answered by its simulated twin in the catalogue (twinOf).
  const profile = (id: string): ModelProfile | undefined =>
    catalogueProfiles.get(id) ??
    (id.startsWith("ft:") ? store.profile(id.replace(/:ckpt-step-\d+$/, "")) : catalogueProfiles.get(twinOf(catalogue, id)?.id ?? ""));
  const recordTruth = (model: string, completionId: string, question: string, truth: SampleTruth[]): void => {
    for (const t of truth) {
      truthLog.push({ ...t, seq: ++truthSeq, completion_id: completionId, model, question: question.slice(0, 500), created: Date.now() });
      stats.truth.total++;
    }
    if (truthLog.length > truthSize) truthLog.splice(0, truthLog.length - truthSize);
    stats.truth.kept = truthLog.length;
    stats.truth.latest_seq = truthSeq;
  };

  const runChat = (raw: unknown, truncate: boolean, task?: string): { status: number; body: Record<string, unknown> } => {
    const req = parseChatRequest(raw);
    const p = profile(req.model);
    if (!p) throw new ApiError(404, `The model \`${req.model}\` does not exist or you do not have access to it.`, "invalid_request_error", "model", "model_not_found");
    const out = completeChat(req, p, { judgeErrorRate: opts.judgeErrorRate, truncate, task });
    const lastUser = [...req.messages].reverse().find((m) => m.role === "user");
    const q = typeof lastUser?.content === "string" ? lastUser.content : "";
    recordTruth(p.id, out.body.id as string, q, out.truth);
    stats.tokens.prompt += out.usage.prompt_tokens;
    stats.tokens.completion += out.usage.completion_tokens;
    return { status: 200, body: out.body };
  };

  const ctx: Ctx = {
    store,
    opts,
    profile,
    chatInternal(body) {
      try {
        return runChat(body, false);
      } catch (e) {
        if (e instanceof ApiError) return { status: e.status, body: e.toBody() };
        return { status: 500, body: { error: { message: String((e as Error).message), type: "server_error", param: null, code: null } } };
      }
    },
    clock: { now: () => Date.now(), fineTuneMs: opts.fineTuneMs ?? 300, batchMs: opts.batchMs ?? 300, later },
    recordTruth,
  };

  const listModels = () => {
    const created = Math.floor(started / 1000);
    const data = [
      ...catalogue.models.map((m) => ({ id: m.id, object: "model", created: 1767225600, owned_by: "cluster-lab-simulator" })),
      ...store.list<ModelProfile>("models").map((p) => ({ id: p.id, object: "model", created: p.created ?? created, owned_by: "cluster-lab-simulator" })),
    ];
    return { object: "list", data };
  };

  type Handler = (req: http.IncomingMessage, body: Buffer, params: string[], url: URL) => unknown | Promise<unknown>;
  const json = (body: Buffer): unknown => {
    if (body.length === 0) return {};
    try {
      return JSON.parse(body.toString("utf8"));
    } catch {
      throw new ApiError(400, "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload.)", "invalid_request_error", null, null);
    }
  };
  const routes: [string, RegExp, string, Handler][] = [
    ["GET", /^\/v1\/models$/, "GET /v1/models", () => listModels()],
    ["GET", /^\/v1\/models\/(.+)$/, "GET /v1/models/:id", (_r, _b, [id]) => {
      const m = listModels().data.find((x) => x.id === decodeURIComponent(id));
      if (!m) throw new ApiError(404, `The model '${decodeURIComponent(id)}' does not exist`, "invalid_request_error", "model", "model_not_found");
      return m;
    }],
    ["DELETE", /^\/v1\/models\/(.+)$/, "DELETE /v1/models/:id", (_r, _b, [id]) => {
      const mid = decodeURIComponent(id);
      if (!mid.startsWith("ft:")) throw new ApiError(403, "You can only delete fine-tuned models you own.", "invalid_request_error", "model", null);
      if (!store.remove("models", mid)) throw new ApiError(404, `The model '${mid}' does not exist`, "invalid_request_error", "model", "model_not_found");
      return { id: mid, object: "model", deleted: true };
    }],
    ["POST", /^\/v1\/files$/, "POST /v1/files", (r, b) => uploadFile(store, b, String(r.headers["content-type"] ?? ""))],
    ["GET", /^\/v1\/files$/, "GET /v1/files", (_r, _b, _p, u) => {
      const purpose = u.searchParams.get("purpose");
      const data = store.list<ReturnType<typeof getFile>>("files").filter((f) => !purpose || f.purpose === purpose).sort((a, b) => b.created_at - a.created_at);
      return { object: "list", data, has_more: false, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null };
    }],
    ["GET", /^\/v1\/files\/([^/]+)$/, "GET /v1/files/:id", (_r, _b, [id]) => getFile(store, id)],
    ["DELETE", /^\/v1\/files\/([^/]+)$/, "DELETE /v1/files/:id", (_r, _b, [id]) => {
      getFile(store, id);
      store.remove("files", id);
      return { id, object: "file", deleted: true };
    }],
    ["GET", /^\/v1\/files\/([^/]+)\/content$/, "GET /v1/files/:id/content", (_r, _b, [id]) => ({ raw: fileContent(store, id) })],
    ["POST", /^\/v1\/fine_tuning\/jobs$/, "POST /v1/fine_tuning/jobs", (_r, b) => createJob(ctx, json(b))],
    ["GET", /^\/v1\/fine_tuning\/jobs$/, "GET /v1/fine_tuning/jobs", (_r, _b, _p, u) => listJobs(ctx, u.searchParams)],
    ["GET", /^\/v1\/fine_tuning\/jobs\/([^/]+)$/, "GET /v1/fine_tuning/jobs/:id", (_r, _b, [id]) => getJob(ctx, id)],
    ["GET", /^\/v1\/fine_tuning\/jobs\/([^/]+)\/events$/, "GET /v1/fine_tuning/jobs/:id/events", (_r, _b, [id], u) => jobEvents(ctx, id, u.searchParams)],
    ["GET", /^\/v1\/fine_tuning\/jobs\/([^/]+)\/checkpoints$/, "GET /v1/fine_tuning/jobs/:id/checkpoints", (_r, _b, [id]) => jobCheckpoints(ctx, id)],
    ["POST", /^\/v1\/fine_tuning\/jobs\/([^/]+)\/cancel$/, "POST /v1/fine_tuning/jobs/:id/cancel", (_r, _b, [id]) => cancelJob(ctx, id)],
    ["POST", /^\/v1\/batches$/, "POST /v1/batches", (_r, b) => createBatch(ctx, json(b))],
    ["GET", /^\/v1\/batches$/, "GET /v1/batches", () => listBatches(ctx)],
    ["GET", /^\/v1\/batches\/([^/]+)$/, "GET /v1/batches/:id", (_r, _b, [id]) => getBatch(ctx, id)],
    ["POST", /^\/v1\/batches\/([^/]+)\/cancel$/, "POST /v1/batches/:id/cancel", (_r, _b, [id]) => cancelBatch(ctx, id)],
    ["GET", /^\/sim\/stats$/, "GET /sim/stats", () => snapshot()],
    ["GET", /^\/sim\/truth$/, "GET /sim/truth", (_r, _b, _p, u) => {
      const data = truthQuery({ since: num(u.searchParams.get("since")), limit: num(u.searchParams.get("limit")), model: u.searchParams.get("model") ?? undefined });
      return { object: "list", data, latest_seq: truthSeq };
    }],
    ["GET", /^\/sim\/health$/, "GET /sim/health", () => ({ ok: true, backend: "simulator" })],
  ];
  const num = (s: string | null): number | undefined => (s == null || s === "" ? undefined : Number(s));

  const truthQuery = (q: { since?: number; limit?: number; model?: string } = {}): TruthEntry[] => {
    let out = truthLog;
    if (q.since !== undefined) out = out.filter((t) => t.seq > q.since!);
    if (q.model) out = out.filter((t) => t.model === q.model);
    if (q.limit !== undefined) out = out.slice(-q.limit);
    return out.slice();
  };
  const snapshot = (): SimStats => ({ ...structuredClone(stats), uptime_ms: Date.now() - started });

  const count = (route: string, status: number): void => {
    stats.requests_total++;
    const r = (stats.by_route[route] ??= { count: 0, by_status: {} });
    r.count++;
    r.by_status[status] = (r.by_status[status] ?? 0) + 1;
    stats.by_status[status] = (stats.by_status[status] ?? 0) + 1;
  };
  const fault = (name: string): void => {
    stats.faults_injected[name] = (stats.faults_injected[name] ?? 0) + 1;
  };

  const latency = (): number => {
    const l = opts.latencyMs;
    if (l === undefined) return 0;
    if (typeof l === "number") return l;
    const jitter = l.jitter ?? 0;
    return Math.max(0, l.mean + (Math.random() * 2 - 1) * jitter);
  };

  const sockets = new Set<Socket>();
  let closing = false;

  const send = (res: http.ServerResponse, route: string, status: number, payload: unknown, headers: Record<string, string> = {}): void => {
    count(route, status);
    if (res.destroyed) return;
    if (payload && typeof payload === "object" && "raw" in (payload as object) && Buffer.isBuffer((payload as { raw: unknown }).raw)) {
      const raw = (payload as { raw: Buffer }).raw;
      res.writeHead(status, { "content-type": "application/octet-stream", "content-length": raw.length, "x-simulator": "cluster-lab", ...headers });
      res.end(raw);
      return;
    }
    const text = JSON.stringify(payload);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), "x-simulator": "cluster-lab", "openai-processing-ms": "0", ...headers });
    res.end(text);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    let route = `${method} ${url.pathname}`;
    let params: string[] = [];
    let handler: Handler | undefined;
    let pathMatched = false;
    for (const [m, re, name, h] of routes) {
      const match = url.pathname.match(re);
      if (!match) continue;
      pathMatched = true;
      if (m !== method) continue;
      route = name;
      params = match.slice(1);
      handler = h;
      break;
    }
    try {
      if (!handler) {
        if (pathMatched) throw new ApiError(405, `Method ${method} not allowed on ${url.pathname}.`, "invalid_request_error", null, "method_not_allowed");
        throw new ApiError(404, `Invalid URL (${method} ${url.pathname})`, "invalid_request_error", null, "unknown_url");
      }
      const out = await handler(req, body, params, url);
      send(res, route, 200, out);
    } catch (e) {
      if (e instanceof ApiError) send(res, route, e.status, e.toBody(), e.headers);
      else send(res, route, 500, { error: { message: `The simulator failed: ${(e as Error).message}`, type: "server_error", param: null, code: null } });
    }
  };

  const handleChat = async (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> => {
    const route = "POST /v1/chat/completions";
    let headers: Record<string, string> = {};
    try {
      const delay = latency();
      // Faults are drawn in a fixed order from a seeded stream, so a run with the same seed and the same
      // request order sees the same faults.
      const roll = {
        reset: faultRng.next() < (faults.resetRate ?? 0),
        e500: faultRng.next() < (faults.rate500 ?? 0),
        e429: faultRng.next() < (faults.rate429 ?? 0),
        slow: faultRng.next() < (faults.slowTailRate ?? 0),
        malformed: faultRng.next() < (faults.malformedRate ?? 0),
        truncate: faultRng.next() < (faults.truncateRate ?? 0),
      };
      const wait = delay + (roll.slow ? (faults.slowTailMs ?? 2000) : 0);
      if (roll.slow) fault("slow_tail");
      if (wait > 0) await new Promise<void>((r) => later(wait, r));
      if (closing) return void req.socket.destroy();
      if (roll.reset) {
        fault("connection_reset");
        count(route, 0);
        req.socket.destroy();
        return;
      }
      const raw = json(body);
      checkLimits(raw);
      headers = limitHeaders();
      if (roll.e500) {
        fault("server_error");
        throw new ApiError(500, "The server had an error while processing your request. Sorry about that!", "server_error", null, null, headers);
      }
      if (roll.e429) {
        fault("rate_limit");
        throw new ApiError(429, "Rate limit reached (injected by the simulator's fault model). Please try again shortly.", "requests", null, "rate_limit_exceeded", { ...headers, "retry-after": "1", "retry-after-ms": "20" });
      }
      const marker = req.headers[TASK_HEADER];
      const out = runChat(raw, roll.truncate, typeof marker === "string" ? marker : undefined);
      if (roll.truncate) fault("truncated_output");
      if (roll.malformed) {
        fault("malformed_body");
        const text = JSON.stringify(out.body);
        const cut = text.slice(0, Math.max(10, Math.floor(text.length / 2)));
        count(route, 200);
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(cut), "x-simulator": "cluster-lab", ...headers });
        res.end(cut);
        return;
      }
      send(res, route, 200, out.body, headers);
    } catch (e) {
      if (e instanceof ApiError) send(res, route, e.status, e.toBody(), { ...(e.status === 429 ? limitHeaders() : headers), ...e.headers });
      else send(res, route, 500, { error: { message: `The simulator failed: ${(e as Error).message}`, type: "server_error", param: null, code: null } });
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      const isChat = req.method === "POST" && (req.url === "/v1/chat/completions" || req.url?.startsWith("/v1/chat/completions?"));
      void (isChat ? handleChat(req, res, body) : handle(req, res, body));
    });
    req.on("error", () => req.socket.destroy());
  });
  server.keepAliveTimeout = 10_000;
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  if (opts.unref !== false) server.unref();
  const port = (server.address() as AddressInfo).port;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    port,
    stats: snapshot,
    truth: truthQuery,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        sockets.clear();
      }),
  };
}

