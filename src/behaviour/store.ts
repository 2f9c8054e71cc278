// The behaviour run's records file: the probes' store conventions (one ok record per identity,
// failed ones retried, atomic rewrite, a lock per run folder), applied to BehaviourRecord.
import type { z } from "zod";
import { appendJsonl, readJsonlFile } from "../core/jsonl";
import { acquireRunLock, MANIFEST_FILE, prepareJsonlStore, RECORDS_FILE } from "../probes/store";

export function appendJsonlRecord<R>(file: string, schema: z.ZodType<R>, record: R): void {
  appendJsonl(file, [schema.parse(record)]);
}

/** Every record in a file; a half-written last line (a killed writer) is skipped. */
export function readJsonlRecords<R>(file: string, schema: z.ZodType<R>, label: string): R[] {
  return readJsonlFile(file, schema, { tolerateTruncatedTail: true, label }).rows;
}

export { acquireRunLock, MANIFEST_FILE, prepareJsonlStore, RECORDS_FILE };
