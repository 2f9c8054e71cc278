// The persistent answer cache: one SQLite file (WAL), one row per answered request, written in one
// transaction so a crash never leaves half an entry. Also holds open Batch API jobs and the ledger.
// No eviction: entries stay until the user deletes the file.
import * as fs from "node:fs";
import * as path from "node:path";
import Database from "better-sqlite3";
import { ProviderError } from "../core/errors";

export interface CacheEntry {
  key: string;
  endpoint: string;
  endpointIdentity: string;
  model: string;
  backend: "simulator" | "real";
  /** The request body as sent, minus nothing secret (keys never enter request bodies). */
  request: unknown;
  text: string;
  refusal: string | null;
  finishReason: string;
  promptTokens: number;
  completionTokens: number;
  responseId: string | null;
  systemFingerprint: string | null;
  createdAt: string;
  source: "live" | "batch";
  runId: string;
}

export interface BatchRow {
  inputHash: string;
  endpoint: string;
  batchId: string | null;
  inputFileId: string | null;
  status: string;
  requestCount: number;
  outputFileId: string | null;
  errorFileId: string | null;
  ingested: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface LedgerDelta {
  runId: string;
  role: string;
  model: string;
  endpoint: string;
  calls: number;
  hits: number;
  failures: number;
  retries: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

const SCHEMA_VERSION = "1";
/** Files up to this size get PRAGMA quick_check when opened (about a second per few hundred MB). */
const QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024;

/** The one message for a cache file that cannot be read (at open, or at its first SQLite error). */
export function unreadableCache(file: string, err: Error): ProviderError {
  return new ProviderError(
    `cache ${file}: unreadable (${err.message}). The file is not deleted.`,
    `move it aside (mv ${file} ${file}.broken) or pass another cachePath / LAB_CACHE, then run again: answers in it are not reused`,
    { cause: err },
  );
}

export interface Cache {
  path: string;
  get(key: string): CacheEntry | undefined;
  has(key: string): boolean;
  /** Whether any answer of this model on this endpoint is stored (a miss here means every request
   *  of it is new, without hashing each one). */
  hasModel(endpointIdentity: string, model: string): boolean;
  /** Stores an answer unless the key already has one (first answer wins; see below). True if stored. */
  put(entry: CacheEntry): boolean;
  putMany(entries: CacheEntry[]): void;
  count(): number;
  batches: {
    find(inputHash: string): BatchRow | undefined;
    byBatchId(batchId: string): BatchRow | undefined;
    upsert(row: BatchRow): void;
    open(): BatchRow[];
    /** Records which cache keys a batch input holds, so a later run with other requests can tell
     *  which of its misses are already paid for in an open batch. */
    setKeys(inputHash: string, keys: string[]): void;
    /** The keys recorded for a batch input (empty for batches recorded before keys were kept). */
    keys(inputHash: string): string[];
  };
  addLedger(deltas: LedgerDelta[]): void;
  ledgerRows(runId?: string): LedgerDelta[];
  close(): void;
}

export function openCache(file: string): Cache {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 10000");
    db.pragma("synchronous = NORMAL");
    db.exec(`
      CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS entries (
        key TEXT PRIMARY KEY, endpoint TEXT NOT NULL, endpoint_identity TEXT NOT NULL, model TEXT NOT NULL,
        backend TEXT NOT NULL, request TEXT NOT NULL, text TEXT NOT NULL, refusal TEXT, finish_reason TEXT NOT NULL,
        prompt_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL, response_id TEXT,
        system_fingerprint TEXT, created_at TEXT NOT NULL, source TEXT NOT NULL, run_id TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS entries_by_model ON entries (model, endpoint_identity);
      CREATE TABLE IF NOT EXISTS batches (
        input_hash TEXT PRIMARY KEY, endpoint TEXT NOT NULL, batch_id TEXT, input_file_id TEXT, status TEXT NOT NULL,
        request_count INTEGER NOT NULL, output_file_id TEXT, error_file_id TEXT, ingested INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS batch_keys (
        input_hash TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (input_hash, key));
      CREATE TABLE IF NOT EXISTS ledger (
        run_id TEXT NOT NULL, role TEXT NOT NULL, model TEXT NOT NULL, endpoint TEXT NOT NULL,
        calls INTEGER NOT NULL, hits INTEGER NOT NULL, failures INTEGER NOT NULL, retries INTEGER NOT NULL,
        prompt_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL, cost_usd REAL NOT NULL,
        PRIMARY KEY (run_id, role, model, endpoint));
    `);
    // A partly corrupted file can open and answer most reads; check it whole while that is cheap
    // (larger files are checked on their first SQLite error, see cache-guard.ts).
    if (fs.statSync(file).size <= QUICK_CHECK_MAX_BYTES) {
      const check = db.pragma("quick_check", { simple: true });
      if (check !== "ok") throw Object.assign(new Error(`integrity check failed: ${String(check).slice(0, 200)}`), { code: "SQLITE_CORRUPT" });
    }
    const version = db.prepare("SELECT v FROM meta WHERE k = 'schema'").get() as { v: string } | undefined;
    if (!version) db.prepare("INSERT INTO meta (k, v) VALUES ('schema', ?)").run(SCHEMA_VERSION);
    else if (version.v !== SCHEMA_VERSION)
      throw new Error(`schema version ${version.v}, this code reads version ${SCHEMA_VERSION}`);
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err.code?.startsWith("SQLITE_") || /schema version/.test(err.message)) throw unreadableCache(file, err);
    throw new ProviderError(`cache ${file}: cannot open (${err.message})`, "check the path and its folder's permissions and free space, or set LAB_CACHE / cachePath to another file");
  }

  const getStmt = db.prepare("SELECT * FROM entries WHERE key = ?");
  const hasStmt = db.prepare("SELECT 1 FROM entries WHERE key = ?").pluck();
  const hasModelStmt = db.prepare("SELECT 1 FROM entries WHERE model = ? AND endpoint_identity = ? LIMIT 1");
  // First answer wins: two processes (or a batch and a live call) that answered one key at once
  // keep the one stored first, so every record built from that key reads the same text.
  const putStmt = db.prepare(`INSERT OR IGNORE INTO entries
    (key, endpoint, endpoint_identity, model, backend, request, text, refusal, finish_reason, prompt_tokens,
     completion_tokens, response_id, system_fingerprint, created_at, source, run_id)
    VALUES (@key, @endpoint, @endpointIdentity, @model, @backend, @request, @text, @refusal, @finishReason,
     @promptTokens, @completionTokens, @responseId, @systemFingerprint, @createdAt, @source, @runId)`);
  const toRow = (e: CacheEntry) => ({ ...e, request: JSON.stringify(e.request) });
  const putOne = db.transaction((e: CacheEntry) => putStmt.run(toRow(e)).changes === 1);
  const putMany = db.transaction((es: CacheEntry[]) => {
    for (const e of es) putStmt.run(toRow(e));
  });

  const batchFind = db.prepare("SELECT * FROM batches WHERE input_hash = ?");
  const batchById = db.prepare("SELECT * FROM batches WHERE batch_id = ?");
  const batchOpen = db.prepare("SELECT * FROM batches WHERE ingested = 0");
  const batchUpsert = db.prepare(`INSERT OR REPLACE INTO batches
    (input_hash, endpoint, batch_id, input_file_id, status, request_count, output_file_id, error_file_id, ingested, created_at, updated_at)
    VALUES (@inputHash, @endpoint, @batchId, @inputFileId, @status, @requestCount, @outputFileId, @errorFileId, @ingested, @createdAt, @updatedAt)`);
  const batchKeyAdd = db.prepare("INSERT OR IGNORE INTO batch_keys (input_hash, key) VALUES (?, ?)");
  const batchKeysOf = db.prepare("SELECT key FROM batch_keys WHERE input_hash = ?").pluck();
  const batchSetKeys = db.transaction((h: string, keys: string[]) => {
    for (const k of keys) batchKeyAdd.run(h, k);
  });
  const toBatch = (r: any): BatchRow | undefined =>
    r && {
      inputHash: r.input_hash,
      endpoint: r.endpoint,
      batchId: r.batch_id,
      inputFileId: r.input_file_id,
      status: r.status,
      requestCount: r.request_count,
      outputFileId: r.output_file_id,
      errorFileId: r.error_file_id,
      ingested: !!r.ingested,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };

  const ledgerAdd = db.prepare(`INSERT INTO ledger
    (run_id, role, model, endpoint, calls, hits, failures, retries, prompt_tokens, completion_tokens, cost_usd)
    VALUES (@runId, @role, @model, @endpoint, @calls, @hits, @failures, @retries, @promptTokens, @completionTokens, @costUsd)
    ON CONFLICT (run_id, role, model, endpoint) DO UPDATE SET
      calls = calls + excluded.calls, hits = hits + excluded.hits, failures = failures + excluded.failures,
      retries = retries + excluded.retries, prompt_tokens = prompt_tokens + excluded.prompt_tokens,
      completion_tokens = completion_tokens + excluded.completion_tokens, cost_usd = cost_usd + excluded.cost_usd`);
  const ledgerMany = db.transaction((ds: LedgerDelta[]) => {
    for (const d of ds) ledgerAdd.run(d);
  });

  let closed = false;
  return {
    path: file,
    get(key) {
      const r = getStmt.get(key) as any;
      if (!r) return undefined;
      return {
        key: r.key,
        endpoint: r.endpoint,
        endpointIdentity: r.endpoint_identity,
        model: r.model,
        backend: r.backend,
        request: JSON.parse(r.request),
        text: r.text,
        refusal: r.refusal,
        finishReason: r.finish_reason,
        promptTokens: r.prompt_tokens,
        completionTokens: r.completion_tokens,
        responseId: r.response_id,
        systemFingerprint: r.system_fingerprint,
        createdAt: r.created_at,
        source: r.source,
        runId: r.run_id,
      };
    },
    has: (key) => hasStmt.get(key) !== undefined,
    hasModel: (endpointIdentity, model) => hasModelStmt.get(model, endpointIdentity) !== undefined,
    put: (e) => putOne(e),
    putMany: (es) => void putMany(es),
    count: () => (db.prepare("SELECT COUNT(*) AS n FROM entries").get() as { n: number }).n,
    batches: {
      find: (h) => toBatch(batchFind.get(h)),
      byBatchId: (id) => toBatch(batchById.get(id)),
      upsert: (row) => void batchUpsert.run({ ...row, ingested: row.ingested ? 1 : 0 }),
      open: () => (batchOpen.all() as any[]).map((r) => toBatch(r)!),
      setKeys: (h, keys) => void batchSetKeys(h, keys),
      keys: (h) => batchKeysOf.all(h) as string[],
    },
    addLedger: (ds) => void ledgerMany(ds),
    ledgerRows(runId) {
      const rows = (runId
        ? db.prepare("SELECT * FROM ledger WHERE run_id = ? ORDER BY run_id, role, model").all(runId)
        : db.prepare("SELECT * FROM ledger ORDER BY run_id, role, model").all()) as any[];
      return rows.map((r) => ({
        runId: r.run_id,
        role: r.role,
        model: r.model,
        endpoint: r.endpoint,
        calls: r.calls,
        hits: r.hits,
        failures: r.failures,
        retries: r.retries,
        promptTokens: r.prompt_tokens,
        completionTokens: r.completion_tokens,
        costUsd: r.cost_usd,
      }));
    },
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
