// A minimal OpenAI-compatible chat server on 127.0.0.1 for access-layer tests: deterministic
// answers (a hash of the request body), request counting per body, injectable faults and a strict
// requests-per-second limit. Not a test file itself (no .test.ts suffix).
import * as http from "node:http";
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { seededRandom } from "../src/core/random";

export interface TestServerOptions {
  latencyMs?: number;
  /** Strict limit: at most this many requests started per second (sliding 1 s window); more get 429. */
  rps?: number;
  rate429?: number;
  rate500?: number;
  resetRate?: number;
  /** Seed for the fault dice, so runs are reproducible. */
  seed?: number;
  /** Custom reply: return undefined for the default answer. */
  reply?: (body: any, n: number) => { status?: number; headers?: Record<string, string>; json?: unknown; raw?: string } | undefined;
}

export interface TestServer {
  baseURL: string;
  total: number;
  byStatus: Record<string, number>;
  /** Successful (200) answers per request-body hash. */
  okByBody: Map<string, number>;
  /** Requests per body hash (any status). */
  byBody: Map<string, number>;
  authHeaders: Set<string>;
  bodies: any[];
  close(): Promise<void>;
}

export function answerFor(body: any): string {
  return "ans-" + createHash("sha256").update(JSON.stringify(body.messages) + "|" + body.model + "|" + (body.temperature ?? "") + "|" + (body.seed ?? "")).digest("hex").slice(0, 16);
}

export function bodyHash(body: any): string {
  return createHash("sha256").update(JSON.stringify(body)).digest("hex");
}


export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const rand = seededRandom(opts.seed ?? 1);
  const starts: number[] = [];
  const state: Omit<TestServer, "baseURL" | "close"> = {
    total: 0,
    byStatus: {},
    okByBody: new Map(),
    byBody: new Map(),
    authHeaders: new Set(),
    bodies: [],
  };
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", async () => {
      state.total++;
      if (req.headers.authorization) state.authHeaders.add(req.headers.authorization);
      const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
        state.byStatus[status] = (state.byStatus[status] ?? 0) + 1;
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(typeof json === "string" ? json : JSON.stringify(json));
      };
      if (req.url === "/stats" && req.method === "GET") {
        state.total--;
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify({ total: state.total, byStatus: state.byStatus }));
      }
      if (req.url !== "/v1/chat/completions" || req.method !== "POST") return send(404, { error: { message: `no route ${req.url}` } });
      let body: any;
      try {
        body = JSON.parse(raw);
      } catch {
        return send(400, { error: { message: "bad json" } });
      }
      state.bodies.push(body);
      const h = bodyHash(body);
      state.byBody.set(h, (state.byBody.get(h) ?? 0) + 1);
      const now = Date.now();
      if (opts.rps) {
        while (starts.length && starts[0] <= now - 1000) starts.shift();
        if (starts.length >= opts.rps) {
          const wait = starts[0] + 1000 - now;
          return send(429, { error: { message: "rate limited", type: "requests", code: "rate_limit_exceeded" } }, { "retry-after-ms": String(wait) });
        }
        starts.push(now);
      }
      const dice = rand();
      if (opts.resetRate && dice < opts.resetRate) {
        state.byStatus.reset = (state.byStatus.reset ?? 0) + 1;
        req.socket.destroy();
        return;
      }
      const d2 = dice - (opts.resetRate ?? 0);
      if (opts.rate429 && d2 < opts.rate429) return send(429, { error: { message: "injected 429", code: "rate_limit_exceeded" } }, { "retry-after-ms": "5" });
      if (opts.rate500 && d2 - opts.rate429! < opts.rate500) return send(500, { error: { message: "injected 500" } });
      if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));
      const custom = opts.reply?.(body, state.total);
      if (custom) {
        if (custom.raw !== undefined) {
          state.byStatus[custom.status ?? 200] = (state.byStatus[custom.status ?? 200] ?? 0) + 1;
          res.writeHead(custom.status ?? 200, { "content-type": "application/json" });
          return res.end(custom.raw);
        }
        if ((custom.status ?? 200) === 200) state.okByBody.set(h, (state.okByBody.get(h) ?? 0) + 1);
        return send(custom.status ?? 200, custom.json, custom.headers);
      }
      state.okByBody.set(h, (state.okByBody.get(h) ?? 0) + 1);
      const text = answerFor(body);
      send(200, {
        id: "chatcmpl-" + h.slice(0, 12),
        object: "chat.completion",
        created: Math.floor(now / 1000),
        model: body.model,
        choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null }, finish_reason: "stop", logprobs: null }],
        usage: { prompt_tokens: 10 + Math.floor(JSON.stringify(body.messages).length / 8), completion_tokens: 5, total_tokens: 15 },
      });
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(state, {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  }) as TestServer;
}

/** Writes a lab.config.json whose "openai" endpoint points at a test server; returns its path. */
export function writeTestConfig(
  dir: string,
  baseURL: string,
  over: { limits?: Record<string, unknown>; retry?: Record<string, unknown>; extraEndpoints?: unknown[]; kind?: string } = {},
): string {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const fs = require("node:fs") as typeof import("node:fs");
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const path = require("node:path") as typeof import("node:path");
  const file = path.join(dir, "lab.config.json");
  fs.writeFileSync(
    file,
    JSON.stringify({
      defaultEndpoint: "auto",
      endpoints: [
        {
          name: "openai",
          kind: over.kind ?? "openai",
          baseURL,
          apiKeyEnv: "OPENAI_API_KEY",
          limits: { maxInFlight: 32, rpm: null, tpm: null, supportsJsonSchema: true, ...(over.limits ?? {}) },
          retry: { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 40, timeoutMs: 3000, ...(over.retry ?? {}) },
        },
        ...(over.extraEndpoints ?? []),
      ],
      roles: { target: "gpt-4.1", judge: "gpt-4.1", generator: "gpt-4.1", auditor: "gpt-4.1" },
      simulatorRoles: { target: "sim-gpt-4.1", judge: "sim-gpt-4.1", generator: "sim-gpt-4.1", auditor: "sim-claude-sonnet-4.6" },
      aliases: { "gpt-4.1": "gpt-4.1-2025-04-14" },
    }),
  );
  return file;
}
