// runUnits: the loop every run stage shares (probes, behaviour, audits). It maps the units through
// the access layer, starts no unit once the run is stopped (Ctrl-C through the signal, or a budget
// refusal a unit reports), lets each unit keep its records the moment they finish (so a stop or a
// crash loses nothing finished, and a re-run skips them), and closes the run's invocation entry:
// finished / interrupted / budget_stopped / error, with the error's text. What a unit does, how its
// records are stored and what the manifest counts stay with each runner.
import type { ModelAccess } from "../access";
import { errorText } from "./requests";

/** What a run with one records.jsonl (probes, behaviour) reports when it returns. */
export interface RecordsRunSummary {
  runId: string;
  dir: string;
  recordsFile: string;
  manifestFile: string;
  /** finished: every unit has a record; interrupted: stopped by the abort signal. */
  status: "finished" | "interrupted";
  /** Units in the spec (models × items × samples). */
  units: number;
  /** Units skipped because an ok record was already on disk. */
  skipped: number;
  /** Records written by this invocation. */
  written: number;
}

export type StageStatus = "finished" | "interrupted" | "budget_stopped";

/** What a unit's work may ask of the loop. */
export interface StageControl<R> {
  /** True once the signal fired or a unit reported a budget stop: begin nothing new that costs. */
  stopped(): boolean;
  /** A budget refusal: units not yet started are skipped and the run closes as budget_stopped.
   *  The first reason is kept (as the invocation's error). */
  stopForBudget(reason: string): void;
  /** Keeps one finished record: appended to the run's store at once, in finish order. */
  keep(record: R): void;
}

/** The fields of a manifest's invocation entry that the loop closes. */
export interface StageInvocation {
  finished_at: string | null;
  status: string;
  error?: string;
}

export interface StageOptions<U, R> {
  /** Progress label and concurrency of the access layer's map. */
  label: string;
  concurrency: number;
  signal?: AbortSignal;
  /** This invocation's entry in the run's manifest (closed before `close` is called). */
  invocation: StageInvocation;
  /** Stores one kept record (append to the run's records file, count it, notify the caller). */
  append(record: R): void;
  /** Does one unit; it keeps its records through control.keep and may end early when stopped. */
  work(unit: U, control: StageControl<R>): Promise<void>;
  /** Writes the closed manifest (counts, ledger). Called once, also when a unit threw. */
  close(status: StageStatus): void;
}

/**
 * Runs the units and closes the invocation. Returns how the run ended; an error a unit threw (a
 * stop such as a failing cache, or a bug) is rethrown after the manifest says "error" with its text.
 */
export async function runUnits<U, R>(access: Pick<ModelAccess, "map">, units: U[], o: StageOptions<U, R>): Promise<StageStatus> {
  let budgetStop: string | null = null;
  const control: StageControl<R> = {
    stopped: () => Boolean(o.signal?.aborted) || budgetStop !== null,
    stopForBudget: (reason) => {
      budgetStop ??= reason;
    },
    keep: (record) => o.append(record),
  };
  let error: unknown = null;
  try {
    await access.map(
      units,
      async (u) => {
        if (!control.stopped()) await o.work(u, control);
        return null;
      },
      { label: o.label, concurrency: o.concurrency },
    );
  } catch (e) {
    error = e;
  }
  const status: StageStatus = budgetStop !== null ? "budget_stopped" : o.signal?.aborted ? "interrupted" : "finished";
  const inv = o.invocation;
  inv.finished_at = new Date().toISOString();
  inv.status = error ? "error" : status;
  if (error) inv.error = errorText(error);
  else if (budgetStop !== null) inv.error = budgetStop;
  o.close(status);
  if (error) throw error;
  return status;
}

/** The access ledger's summary now (null when the access has none; { error } when it cannot be
 *  read, so a manifest still gets written). Runners store the change over their invocation. */
export function ledgerSnapshot(access: { ledger?: Pick<ModelAccess["ledger"], "summary"> }): unknown {
  try {
    return access.ledger?.summary ? access.ledger.summary() : null;
  } catch (e) {
    return { error: errorText(e) };
  }
}
