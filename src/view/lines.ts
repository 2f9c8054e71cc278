// JSONL with byte positions: the viewer keeps where each record's line is instead of the record
// itself, so 200,000 records cost a few typed arrays in memory and a record is read back on demand.
import * as fs from "node:fs";
import type { z } from "zod";
import { InputError } from "../core/errors";

export interface LinePosition {
  /** 1-based line number, for messages. */
  line: number;
  offset: number;
  length: number;
}

/**
 * Calls `each` with every line's parsed JSON and position. A half-written last line (no final
 * newline, not valid JSON: a writer was killed) is skipped and its number returned; invalid JSON
 * anywhere else is an error naming the file and line.
 */
export function eachJsonLine(file: string, each: (value: unknown, pos: LinePosition) => void): { truncatedLines: number[] } {
  const buf = fs.readFileSync(file);
  const truncatedLines: number[] = [];
  let start = 0;
  let line = 0;
  while (start < buf.length) {
    let end = buf.indexOf(10, start);
    const last = end < 0;
    if (last) end = buf.length;
    line++;
    const text = buf.toString("utf8", start, end);
    if (text.trim()) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        if (last) {
          truncatedLines.push(line);
          break;
        }
        throw new InputError(`${file}:${line}: not valid JSON (${(e as Error).message})`);
      }
      each(value, { line, offset: start, length: end - start });
    }
    start = end + 1;
  }
  return { truncatedLines };
}

/** The zod error of a line as "file:line: not a <label>: field "x": message". */
export function lineError(file: string, line: number, label: string, error: z.ZodError): Error {
  const issue = error.issues[0];
  return new InputError(`${file}:${line}: not a ${label}: field "${issue.path.join(".") || "(root)"}": ${issue.message}`);
}

/** Reads lines back by position; refuses when the file was replaced or shortened since loading. */
export class LineReader {
  private fds = new Map<string, number>();
  constructor(private readonly loaded: Map<string, { ino: number; size: number }>) {}

  read(file: string, pos: { offset: number; length: number }): string {
    const was = this.loaded.get(file);
    const now = fs.statSync(file, { throwIfNoEntry: false });
    if (!was || !now || now.ino !== was.ino || now.size < was.size) {
      throw new StaleFileError(`${file} was replaced or shortened since the viewer loaded it (a re-run rewrites it): restart the viewer`);
    }
    let fd = this.fds.get(file);
    if (fd === undefined) {
      fd = fs.openSync(file, "r");
      this.fds.set(file, fd);
    }
    const buf = Buffer.allocUnsafe(pos.length);
    fs.readSync(fd, buf, 0, pos.length, pos.offset);
    return buf.toString("utf8");
  }

  close(): void {
    for (const fd of this.fds.values()) fs.closeSync(fd);
    this.fds.clear();
  }
}

export class StaleFileError extends Error {}
