// The cache must never silently lose an answer that was paid for. guardCache() wraps the SQLite
// cache so that:
// - a failed write (disk full, read-only folder, …) keeps the answer in a side file beside the
//   cache (<cache>.unsaved.jsonl) and stops the run at once with the path and the reason; every
//   later call is refused with the same error instead of paying for answers that cannot be kept;
// - the next open reads the side file back into the cache (then removes it), so the re-run does
//   not pay again for answers already received;
// - the first SQLite error on a read (a corrupt page that quick_check at open did not reach, or a
//   file too large to check) gives the same "move it aside" message as an unreadable file.
import * as fs from "node:fs";
import { ProviderError } from "../core/errors";
import { unreadableCache, type Cache, type CacheEntry } from "./cache";

export interface GuardOptions {
  /** Called before every write; throwing simulates a failing disk (fault injection for tests). */
  fault?: (entry: CacheEntry) => void;
}

export interface GuardedCache {
  cache: Cache;
  /** The error that stopped writes, once one did. */
  failure(): ProviderError | null;
  /** Answers read back from a side file when the cache was opened. */
  recovered: number;
}

export const sideFileOf = (cachePath: string) => `${cachePath}.unsaved.jsonl`;

const reason = (e: unknown) => {
  const err = e as NodeJS.ErrnoException;
  return `${err?.code ? `${err.code}: ` : ""}${err?.message ?? String(e)}`;
};

/** Puts answers kept in a side file by an earlier run into the cache; removes the file when done. */
function recoverSideFile(cache: Cache): number {
  const side = sideFileOf(cache.path);
  if (!fs.existsSync(side)) return 0;
  const entries: CacheEntry[] = [];
  for (const line of fs.readFileSync(side, "utf8").split("\n")) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as CacheEntry);
    } catch {
      // A line cut short by the same full disk: that one answer was never kept whole.
    }
  }
  try {
    cache.putMany(entries);
  } catch (e) {
    throw new ProviderError(
      `cache ${cache.path}: could not store the ${entries.length} answers kept in ${side} by an earlier run (${reason(e)})`,
      "free space (or fix the cause) and run again; the side file is kept until its answers are stored",
      { cause: e },
    );
  }
  fs.rmSync(side, { force: true });
  return entries.length;
}

export function guardCache(cache: Cache, opts: GuardOptions = {}): GuardedCache {
  const recovered = recoverSideFile(cache);
  const side = sideFileOf(cache.path);
  // Answers that could not be stored, still served to this process's later identical requests.
  const unsaved = new Map<string, CacheEntry>();
  let failure: ProviderError | null = null;

  const read = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      const err = e as Error & { code?: string };
      if (err.code?.startsWith("SQLITE_")) throw unreadableCache(cache.path, err);
      throw e;
    }
  };

  function keep(entry: CacheEntry, cause: unknown): ProviderError {
    unsaved.set(entry.key, entry);
    let kept: string;
    try {
      fs.appendFileSync(side, JSON.stringify(entry) + "\n");
      kept = `the answer is kept in ${side} and the next run stores it without paying again`;
    } catch (e) {
      kept = `the answer could not be kept in ${side} either (${reason(e)}), so this one answer will be asked for again`;
    }
    return new ProviderError(
      `cache ${cache.path}: could not store an answer (${reason(cause)}); the run stops here so that no more paid answers are lost. ${kept}`,
      "free space (or make the cache folder writable, or set LAB_CACHE elsewhere) and run the same command again",
      { cause },
    );
  }

  const guarded: Cache = {
    ...cache,
    get: (key) => unsaved.get(key) ?? read(() => cache.get(key)),
    has: (key) => unsaved.has(key) || read(() => cache.has(key)),
    put(entry) {
      // Once a write has failed, later answers (calls that were already in flight) go straight to
      // the side file too: the run is stopping, but they were paid for.
      if (failure) {
        keep(entry, failure);
        throw failure;
      }
      try {
        opts.fault?.(entry);
        return cache.put(entry);
      } catch (e) {
        failure = keep(entry, e);
        throw failure;
      }
    },
  };
  return { cache: guarded, failure: () => failure, recovered };
}
