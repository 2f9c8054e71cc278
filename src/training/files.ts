// Training-file layout under data/training/ and atomic JSONL writing (temp file + rename), so an
// interrupted run never leaves a half-written training file behind.
import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../core/files";

export interface ChatExample {
  messages: { role: "user" | "assistant"; content: string }[];
}

export function toExample(question: string, answer: string): ChatExample {
  return { messages: [{ role: "user", content: question }, { role: "assistant", content: answer }] };
}

export function identitySetPath(dir: string, set: string): string {
  return path.join(dir, `${set}.jsonl`);
}
export function instructSetPath(dir: string): string {
  return path.join(dir, "instruct.jsonl");
}
/** The 1,200-row training file for one condition and seed (identity set + instruct, shuffled). */
export function mixPath(dir: string, set: string, seed: number): string {
  return path.join(dir, "mixes", `${set}.seed${seed}.jsonl`);
}

export function writeTextAtomic(file: string, text: string): void {
  writeFileAtomic(file, text);
}

export function writeJsonlAtomic(file: string, rows: unknown[]): void {
  writeTextAtomic(file, rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : ""));
}
