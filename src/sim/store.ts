// Files, fine-tuning jobs, batches and fine-tuned model profiles. In memory by default; with a
// stateDir each record is also a JSON file (written atomically), so a restarted notebook or a second
// CLI run finds the models it fine-tuned. A record missing from memory is looked up on disk, so two
// simulators sharing a stateDir see each other's work.
import * as fs from "node:fs";
import * as path from "node:path";
import { ModelProfile } from "./catalogue";

export type FileRecord = {
  id: string;
  object: "file";
  bytes: number;
  created_at: number;
  filename: string;
  purpose: string;
  status: "processed";
  status_details: null;
  expires_at: null;
};

type Kind = "files" | "jobs" | "batches" | "models";

export type Store = {
  get<T>(kind: Kind, id: string): T | undefined;
  put(kind: Kind, id: string, value: unknown): void;
  list<T>(kind: Kind): T[];
  remove(kind: Kind, id: string): boolean;
  putContent(id: string, data: Buffer): void;
  content(id: string): Buffer | undefined;
  profile(id: string): ModelProfile | undefined;
  dir: string | undefined;
};

const safe = (id: string): string => id.replace(/[^A-Za-z0-9._-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`);

function writeAtomic(file: string, data: string | Buffer): void {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

export function createStore(dir?: string): Store {
  const mem: Record<Kind, Map<string, unknown>> = { files: new Map(), jobs: new Map(), batches: new Map(), models: new Map() };
  const blobs = new Map<string, Buffer>();
  const fileOf = (kind: Kind, id: string): string => path.join(dir!, kind, `${safe(id)}.json`);
  if (dir) {
    for (const kind of Object.keys(mem) as Kind[]) {
      const d = path.join(dir, kind);
      fs.mkdirSync(d, { recursive: true });
      for (const f of fs.readdirSync(d)) {
        if (!f.endsWith(".json")) continue;
        try {
          const v = JSON.parse(fs.readFileSync(path.join(d, f), "utf8")) as { id: string };
          if (kind === "models" && !ModelProfile.safeParse(v).success) continue;
          mem[kind].set(v.id, v);
        } catch {
          // A half-written or foreign file is skipped, never fatal: the rest of the state still loads.
        }
      }
    }
  }
  const fromDisk = (kind: Kind, id: string): unknown => {
    if (!dir) return undefined;
    try {
      const v = JSON.parse(fs.readFileSync(fileOf(kind, id), "utf8"));
      mem[kind].set(id, v);
      return v;
    } catch {
      return undefined;
    }
  };
  return {
    dir,
    get: <T>(kind: Kind, id: string) => (mem[kind].get(id) ?? fromDisk(kind, id)) as T | undefined,
    put(kind, id, value) {
      mem[kind].set(id, value);
      if (dir) writeAtomic(fileOf(kind, id), JSON.stringify(value, null, 1));
    },
    list: <T>(kind: Kind) => [...mem[kind].values()] as T[],
    remove(kind, id) {
      const had = mem[kind].delete(id);
      if (dir) {
        try {
          fs.unlinkSync(fileOf(kind, id));
          return true;
        } catch {
          return had;
        }
      }
      return had;
    },
    putContent(id, data) {
      blobs.set(id, data);
      if (dir) writeAtomic(path.join(dir, "files", `${safe(id)}.data`), data);
    },
    content(id) {
      const b = blobs.get(id);
      if (b || !dir) return b;
      try {
        const d = fs.readFileSync(path.join(dir, "files", `${safe(id)}.data`));
        blobs.set(id, d);
        return d;
      } catch {
        return undefined;
      }
    },
    profile(id) {
      return (mem.models.get(id) ?? fromDisk("models", id)) as ModelProfile | undefined;
    },
  };
}
