// JSONL with byte positions: the viewer keeps where each record's line is instead of the record
// itself, so 200,000 records cost a few typed arrays in memory and a record is read back on demand.
import * as fs from "node:fs";
import { isAscii } from "node:buffer";
import type { z } from "zod";
import { InputError } from "../core/errors";

export interface LinePosition {
  /** 1-based line number, for messages. */
  line: number;
  offset: number;
  length: number;
}

const CHUNK_BYTES = 8 << 20;

/**
 * Calls `each` with every line's parsed JSON and position. A half-written last line (no final
 * newline, not valid JSON: a writer was killed) is skipped and its number returned; invalid JSON
 * anywhere else is an error naming the file and line.
 *
 * The file is decoded in chunks of about 8 MB that end at a newline and split as strings (much
 * faster than decoding line by line); byte positions equal character positions in a chunk that is
 * all ASCII, and are counted per line only in chunks that are not.
 */
export function eachJsonLine(file: string, each: (value: unknown, pos: LinePosition) => void, chunkBytes = CHUNK_BYTES): { truncatedLines: number[] } {
  const buf = fs.readFileSync(file);
  const truncatedLines: number[] = [];
  let line = 0;
  let chunkStart = 0;
  while (chunkStart < buf.length) {
    let chunkEnd = Math.min(buf.length, chunkStart + chunkBytes);
    if (chunkEnd < buf.length) {
      const nl = buf.indexOf(10, chunkEnd);
      chunkEnd = nl < 0 ? buf.length : nl + 1;
    }
    // ASCII chunks (most records) decode as latin1, several times faster than utf8 and the same text.
    const ascii = isAscii(buf.subarray(chunkStart, chunkEnd));
    const text = buf.toString(ascii ? "latin1" : "utf8", chunkStart, chunkEnd);
    const lines = text.split("\n");
    let offset = chunkStart;
    for (let j = 0; j < lines.length; j++) {
      const l = lines[j];
      const isLastPiece = j === lines.length - 1;
      // The piece after the chunk's final newline is empty unless the file ends without one.
      if (isLastPiece && l === "") break;
      line++;
      const length = ascii ? l.length : Buffer.byteLength(l);
      if (l.trim()) {
        let value: unknown;
        try {
          value = JSON.parse(l);
        } catch (e) {
          if (isLastPiece && chunkEnd === buf.length) {
            truncatedLines.push(line);
            break;
          }
          throw new InputError(`${file}:${line}: not valid JSON (${(e as Error).message})`);
        }
        each(value, { line, offset, length });
      }
      offset += length + 1;
    }
    chunkStart = chunkEnd;
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
