// A local fake of Together AI's fine-tuning API, written from its documented shapes
// (docs.together.ai reference: POST /files/upload multipart, POST /fine-tunes, GET /fine-tunes,
// GET /fine-tunes/{id}, GET /fine-tunes/{id}/events, GET /fine-tunes/models/limits). Jobs advance one
// status per GET, so tests control progress by polling. Base models pick the behaviour: "failing/…"
// ends in `error`, "rejected/…" in `user_error` (its event type in capitals, as the API has sent
// them), "minbatch8/…" has a minimum LoRA batch size of 8, "nolora/…" offers no LoRA training.
// Binds to 127.0.0.1 on an ephemeral port.
import { startJsonServer } from "./helpers/json-server";

export interface FakeTogether {
  baseURL: string;
  counts: { uploads: number; creates: number; gets: number; events: number; lists: number; limits: number; unauthorized: number };
  /** Request bodies of POST /fine-tunes, in order. */
  createBodies: Record<string, unknown>[];
  /** Uploaded files by id: name and content. */
  files: Map<string, { name: string; content: string }>;
  close(): Promise<void>;
}

const FLOW = ["pending", "queued", "running", "compressing", "uploading", "completed"];

export async function startFakeTogether(opts: { apiKey: string }): Promise<FakeTogether> {
  const counts = { uploads: 0, creates: 0, gets: 0, events: 0, lists: 0, limits: 0, unauthorized: 0 };
  const createBodies: Record<string, unknown>[] = [];
  const files = new Map<string, { name: string; content: string }>();
  type Job = { id: string; step: number; body: Record<string, unknown>; created_at: string; fail: boolean; rejected: boolean };
  const jobs = new Map<string, Job>();

  const view = (j: Job) => {
    const status = j.rejected && j.step >= 1 ? "user_error" : j.fail && j.step >= 2 ? "error" : FLOW[Math.min(j.step, FLOW.length - 1)];
    return {
      id: j.id,
      status,
      created_at: j.created_at,
      updated_at: new Date().toISOString(),
      model: j.body.model,
      training_file: j.body.training_file,
      suffix: j.body.suffix,
      n_epochs: j.body.n_epochs,
      batch_size: j.body.batch_size,
      learning_rate: j.body.learning_rate,
      training_type: j.body.training_type,
      model_output_name: `fakeorg/${String(j.body.model).split("/").pop()}-${j.body.suffix}-${j.id.slice(-6)}`,
    };
  };
  const eventsOf = (j: Job) => {
    const ev = [{ object: "fine-tune-event", created_at: new Date().toISOString(), message: "Fine tune request created", type: "job_pending", level: "info" }];
    if (!j.fail && j.step >= 3) ev.push({ object: "fine-tune-event", created_at: new Date().toISOString(), message: "Checkpoint saved", type: "CHECKPOINT_SAVE", level: "info", step: 150, checkpoint_path: `s3://fake/${j.id}/checkpoint-150` } as never);
    if (j.rejected && j.step >= 1) ev.push({ object: "fine-tune-event", created_at: new Date().toISOString(), message: "Dataset rejected: 4 rows have no assistant message", type: "JOB_ERROR", level: "ERROR" });
    if (j.fail && j.step >= 2) ev.push({ object: "fine-tune-event", created_at: new Date().toISOString(), message: "Training data has 3 examples longer than the model's max sequence length", type: "job_error", level: "error" });
    return ev;
  };

  const server = await startJsonServer((req, raw, send) => {
    if (req.headers.authorization !== `Bearer ${opts.apiKey}`) {
      counts.unauthorized++;
      // Echoes the presented key, as some servers do, so tests can check it never reaches an error or the registry.
      return send(401, { error: { message: `Invalid API key provided: ${String(req.headers.authorization ?? "").replace(/^Bearer /, "")}`, type: "invalid_request_error" } });
    }
    const url = new URL(req.url ?? "/", "http://x");
    const p = url.pathname;
    if (req.method === "GET" && p === "/v1/fine-tunes/models/limits") {
      counts.limits++;
      const model = url.searchParams.get("model_name") ?? "";
      if (!model) return send(400, { error: { message: "model_name is required" } });
      return send(200, {
        model_name: model,
        max_num_epochs: 20,
        max_learning_rate: 1,
        min_learning_rate: 1e-6,
        full_training: { max_batch_size: 16, min_batch_size: 8 },
        lora_training: model.startsWith("nolora/") ? null : { max_batch_size: 32, min_batch_size: model.startsWith("minbatch8/") ? 8 : 1, max_rank: 64, target_modules: ["q_proj", "k_proj", "v_proj", "o_proj"] },
      });
    }
    if (req.method === "POST" && p === "/v1/files/upload") {
      const ctype = String(req.headers["content-type"] ?? "");
      const boundary = /boundary=(.+)$/.exec(ctype)?.[1];
      if (!boundary) return send(400, { error: { message: "expected multipart/form-data" } });
      const parts = raw.toString("utf8").split(`--${boundary}`);
      const field = (name: string) => {
        const part = parts.find((x) => x.includes(`name="${name}"`));
        return part ? part.slice(part.indexOf("\r\n\r\n") + 4).replace(/\r\n$/, "") : undefined;
      };
      const purpose = field("purpose");
      const content = field("file");
      const name = field("file_name");
      if (purpose !== "fine-tune" || content === undefined || !name) return send(400, { error: { message: "purpose, file_name and file are required" } });
      counts.uploads++;
      const id = `file-${String(files.size + 1).padStart(8, "0")}`;
      files.set(id, { name, content });
      return send(200, { id, object: "file", created_at: Math.floor(Date.now() / 1000), filename: name, bytes: Buffer.byteLength(content), purpose, Processed: true, FileType: "jsonl", LineCount: content.split("\n").filter(Boolean).length });
    }
    if (req.method === "POST" && p === "/v1/fine-tunes") {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        return send(400, { error: { message: "request body is not JSON" } });
      }
      if (!body.model || !body.training_file) return send(400, { error: { message: "training_file and model are required" } });
      if (!files.has(String(body.training_file))) return send(404, { error: { message: `file ${body.training_file} not found` } });
      if (String(body.model).startsWith("unsupported/")) return send(400, { error: { message: `Model ${body.model} is not available for fine-tuning` } });
      const tt = body.training_type as { type?: string; lora_r?: number; lora_alpha?: number } | undefined;
      if (tt && tt.type === "Lora" && (typeof tt.lora_r !== "number" || typeof tt.lora_alpha !== "number")) return send(400, { error: { message: "lora_r and lora_alpha are required for Lora training" } });
      counts.creates++;
      createBodies.push(body);
      const id = `ft-${String(jobs.size + 1).padStart(4, "0")}-${Math.random().toString(16).slice(2, 10)}`;
      const job = { id, step: 0, body, created_at: new Date().toISOString(), fail: String(body.model).startsWith("failing/"), rejected: String(body.model).startsWith("rejected/") };
      jobs.set(id, job);
      return send(200, { ...view(job), events: [] });
    }
    if (req.method === "GET" && p === "/v1/fine-tunes") {
      counts.lists++;
      return send(200, { data: [...jobs.values()].map(view) });
    }
    const m = /^\/v1\/fine-tunes\/([^/]+)(\/events)?$/.exec(p);
    if (req.method === "GET" && m) {
      const job = jobs.get(decodeURIComponent(m[1]));
      if (!job) return send(404, { error: { message: `fine-tune job ${m[1]} not found` } });
      if (m[2]) {
        counts.events++;
        return send(200, { data: eventsOf(job) });
      }
      counts.gets++;
      job.step++;
      return send(200, { ...view(job), events: eventsOf(job) });
    }
    send(404, { error: { message: `no route ${req.method} ${p}` } });
  });
  return { baseURL: server.baseURL, counts, createBodies, files, close: server.close };
}

/** Serves the fake as a standalone process (used by the crash test): prints the base URL. */
if (require.main === module) {
  startFakeTogether({ apiKey: process.argv[2] ?? "test-key" }).then((f) => {
    console.log(f.baseURL);
    // Stays up until killed; report counts on request.
    process.stdin.on("data", () => console.log(JSON.stringify(f.counts)));
    process.stdin.resume();
  });
}
