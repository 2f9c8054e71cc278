// The viewer's HTTP server: 127.0.0.1 only, read-only (GET/HEAD), a fixed set of routes over the
// in-memory store — it serves no files at all, so no path can reach outside the runs it was given —
// and it stops by itself after an idle period.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { pageAssets } from "./bundle";
import { exportChunks } from "./export";
import { StaleFileError } from "./lines";
import type { MetaResponse } from "./protocol";
import { BadRequest, filterCache, parseFilter, summarise } from "./query";
import { listRows, recordDetail, sideBySide } from "./records";
import { findRunSources } from "./sources";
import { loadStore, lowerSearchText, type ViewStore } from "./store";
import { CHOICE_FIELDS } from "./filter-params";
import { InputError } from "../core/errors";
import { numberFromEnv } from "../core/args";

export const VIEWER_HOST = "127.0.0.1";
/** Minutes without a request after which the viewer stops (LAB_VIEW_IDLE_MINUTES or idleMinutes override). */
export const DEFAULT_IDLE_MINUTES = 30;

export interface ViewerOptions {
  /** Only "127.0.0.1" is accepted; anything else is refused before binding. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  idleMinutes?: number;
  /** Called once when the viewer stops, with why. */
  onStop?: (reason: string) => void;
}

export interface Viewer {
  url: string;
  port: number;
  store: ViewStore;
  loadMs: number;
  /** Resolves when the server has stopped (closed, idle, or failed). */
  stopped: Promise<string>;
  close(): Promise<void>;
}

function idleMinutesOf(opt: number | undefined): number {
  if (opt !== undefined && !(Number.isFinite(opt) && opt > 0)) throw new InputError(`view: idle minutes must be a positive number, got ${opt}`);
  return opt ?? numberFromEnv(process.env, "LAB_VIEW_IDLE_MINUTES", { type: "number", min: 0.01, max: 10_080 }) ?? DEFAULT_IDLE_MINUTES;
}

/** Natural order for choice lists ("s2" before "s10", "none" last). */
function choices(store: ViewStore): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const k of CHOICE_FIELDS) {
    out[k] = [...store.dicts[k].values].sort((a, b) => (a === "none" ? 1 : b === "none" ? -1 : a.localeCompare(b, undefined, { numeric: true })));
  }
  return out;
}

function send(res: http.ServerResponse, status: number, type: string, body: string, head: boolean, extra: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body), ...extra });
  res.end(head ? undefined : body);
}

const json = (res: http.ServerResponse, status: number, value: unknown, head: boolean) => send(res, status, "application/json; charset=utf-8", JSON.stringify(value), head);

function rowId(store: ViewStore, params: URLSearchParams): number {
  const raw = params.get("id") ?? "";
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || id >= store.size) throw new NotFound(`no record with id "${raw}" (ids run from 0 to ${store.size - 1})`);
  return id;
}

function intParam(params: URLSearchParams, name: string, dflt: number, max: number): number {
  const raw = params.get(name);
  if (raw === null) return dflt;
  if (!/^\d+$/.test(raw) || Number(raw) > max) throw new BadRequest(`${name}: expected an integer from 0 to ${max}, got "${raw}"`);
  return Number(raw);
}

class NotFound extends Error {}

/** Loads the runs and serves them; resolves once listening. */
export async function startViewer(runDirs: string[], opts: ViewerOptions = {}): Promise<Viewer> {
  if (opts.host !== undefined && opts.host !== VIEWER_HOST) {
    throw new InputError(`view: the viewer listens on ${VIEWER_HOST} only (asked for "${opts.host}"); reach it from elsewhere through an SSH tunnel`);
  }
  const port = opts.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`view: --port must be an integer from 0 to 65535, got ${opts.port}`);
  const idleMinutes = idleMinutesOf(opts.idleMinutes);
  const t0 = performance.now();
  // esbuild bundles the page in its own process while this one reads the records.
  const assetsPromise = pageAssets();
  assetsPromise.catch(() => undefined);
  const store = loadStore(findRunSources(runDirs));
  const loadMs = performance.now() - t0;
  const assets = await assetsPromise;
  const filtered = filterCache(store);
  const meta: MetaResponse = { runs: store.runs, total: store.size, choices: choices(store), idleMinutes };

  let stopResolve!: (why: string) => void;
  const stopped = new Promise<string>((r) => (stopResolve = r));
  let idleTimer: NodeJS.Timeout | null = null;
  let closing: Promise<void> | null = null;

  const server = http.createServer((req, res) => {
    armIdle();
    const head = req.method === "HEAD";
    try {
      route(req, res, head);
    } catch (err) {
      // A stored line that fails its full schema when shown is the file's fault (422), not the server's.
      const status = err instanceof BadRequest ? 400 : err instanceof NotFound ? 404 : err instanceof StaleFileError ? 409 : err instanceof InputError ? 422 : 500;
      if (!res.headersSent) json(res, status, { error: (err as Error).message }, head);
      else res.destroy();
    }
  });

  function route(req: http.IncomingMessage, res: http.ServerResponse, head: boolean): void {
    // Only pages we served may call us: a page from another site that resolves its own name to
    // 127.0.0.1 (DNS rebinding) sends its own Host header and is turned away.
    const host = req.headers.host ?? "";
    const address = server.address() as AddressInfo;
    if (host !== `${VIEWER_HOST}:${address.port}` && host !== `localhost:${address.port}`) {
      return json(res, 403, { error: `host "${host}" is not this viewer` }, head);
    }
    res.setHeader("content-security-policy", "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    res.setHeader("x-content-type-options", "nosniff");
    res.setHeader("referrer-policy", "no-referrer");
    res.setHeader("cache-control", "no-store");
    if (req.method !== "GET" && !head) return json(res, 405, { error: "the viewer is read-only (GET only)" }, false);
    // The raw path, undecoded and unnormalised, must be one of these names exactly.
    const raw = req.url ?? "/";
    const q = raw.indexOf("?");
    const pathname = q < 0 ? raw : raw.slice(0, q);
    const params = new URLSearchParams(q < 0 ? "" : raw.slice(q + 1));
    switch (pathname) {
      case "/":
        return send(res, 200, "text/html; charset=utf-8", assets.html, head);
      case "/app.js":
        return send(res, 200, "text/javascript; charset=utf-8", assets.js, head);
      case "/app.css":
        return send(res, 200, "text/css; charset=utf-8", assets.css, head);
      case "/api/meta":
        return json(res, 200, meta, head);
      case "/api/query": {
        const t = performance.now();
        const ids = filtered(parseFilter(params));
        return json(res, 200, summarise(store, ids, performance.now() - t), head);
      }
      case "/api/rows": {
        const ids = filtered(parseFilter(params, ["offset", "limit"]));
        const offset = intParam(params, "offset", 0, 1e9);
        const limit = intParam(params, "limit", 100, 1000);
        return json(res, 200, { offset, rows: listRows(store, ids, offset, limit) }, head);
      }
      case "/api/record":
        return json(res, 200, recordDetail(store, rowId(store, params)), head);
      case "/api/side":
        return json(res, 200, sideBySide(store, rowId(store, params)), head);
      case "/api/export":
        return exportRows(res, params, head);
      default:
        return json(res, 404, { error: `not found: ${pathname}` }, head);
    }
  }

  function exportRows(res: http.ServerResponse, params: URLSearchParams, head: boolean): void {
    const format = params.get("format") ?? "jsonl";
    if (format !== "csv" && format !== "jsonl") throw new BadRequest(`format: expected csv or jsonl, got "${format}"`);
    const ids = filtered(parseFilter(params, ["format"]));
    res.writeHead(200, {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="records.${format}"`,
    });
    if (head) return void res.end();
    const chunks = exportChunks(store, ids, format);
    const pump = (): void => {
      try {
        for (let c = chunks.next(); !c.done; c = chunks.next()) if (!res.write(c.value)) return void res.once("drain", pump);
        res.end();
      } catch (err) {
        res.destroy(err as Error);
      }
    };
    pump();
  }

  /** Search text is lowercased in slices between requests once the page can be served. */
  function lowerInBackground(): void {
    if (closing || lowerSearchText(store, store.searchLowered + 5000)) return;
    setImmediate(lowerInBackground);
  }

  function armIdle(): void {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => void stop(`idle for ${idleMinutes} minute(s)`), idleMinutes * 60_000);
  }

  function stop(reason: string): Promise<void> {
    if (!closing) {
      if (idleTimer) clearTimeout(idleTimer);
      closing = new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => {
        store.reader.close();
        opts.onStop?.(reason);
        stopResolve(reason);
      });
    }
    return closing;
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, VIEWER_HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });
  armIdle();
  lowerInBackground();
  const bound = server.address() as AddressInfo;
  if (bound.address !== VIEWER_HOST) {
    await stop("bound to the wrong address");
    throw new InputError(`view: bound to ${bound.address}, not ${VIEWER_HOST}; stopped`);
  }
  return { url: `http://${VIEWER_HOST}:${bound.port}/`, port: bound.port, store, loadMs, stopped, close: () => stop("closed") };
}
