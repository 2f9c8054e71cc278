// The parts of an open access object that the Batch API path (batch.ts) works with directly: its
// cache, request preparation, endpoint clients, counting and budget. Kept beside the object in a
// WeakMap, not on it, so the public ModelAccess stays the whole contract; only src/access imports
// this module.
import type OpenAI from "openai";
import type { ResolvedEndpoint } from "../config/resolve";
import type { Budget } from "./budget";
import type { Cache } from "./cache";
import type { ModelAccess } from "./model-access";
import type { PreparedRequest } from "./prepare";
import type { ProgressMode } from "./progress";
import type { Recorder } from "./results";
import type { ChatRequest } from "./types";
import { InputError } from "../core/errors";

export interface AccessCore {
  runId: string;
  cache: Cache;
  prepare(req: ChatRequest, attempt?: number): PreparedRequest;
  ensureEndpoint(ep: ResolvedEndpoint): Promise<OpenAI>;
  redact(s: string): string;
  record: Recorder;
  budget: Budget;
  replayOnly: boolean;
  progressMode: ProgressMode;
  progressWrite: (s: string) => void;
  /** True once close() has begun. */
  closed(): boolean;
}

const cores = new WeakMap<ModelAccess, AccessCore>();

export function attachCore(access: ModelAccess, core: AccessCore): void {
  cores.set(access, core);
}

/** The core of an access object made by openAccess (throws for anything else, or once closed). */
export function coreOf(access: ModelAccess): AccessCore {
  const core = cores.get(access);
  if (!core) throw new InputError("the Batch API needs an access object made by openAccess()");
  if (core.closed()) throw new InputError("access is closed");
  return core;
}
