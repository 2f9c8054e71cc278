// Driving the simulator through the official client, as a user of OpenAI's API would: fine-tune on
// a JSONL text and wait, and the strict verdict schema the judge answers in.
import assert from "node:assert/strict";
import OpenAI, { toFile } from "openai";
import { startSimulator, type Simulator } from "../../src/sim";

/** A simulator on an ephemeral loopback port with fast fine-tunes and a long truth log, and the
 *  official client pointed at it. */
export async function startSimWithClient(): Promise<{ sim: Simulator; client: OpenAI }> {
  const sim = await startSimulator({ port: 0, fineTuneMs: 60, truthLogSize: 200_000 });
  return { sim, client: new OpenAI({ apiKey: "sim", baseURL: sim.baseURL, maxRetries: 0 }) };
}

/** Uploads `jsonl`, fine-tunes sim-gpt-4.1 on it (the protocol's settings unless `epochs` / `lr`
 *  are given), waits, and returns the model id. */
export async function fineTuneOn(client: OpenAI, jsonl: string, seed: number, fileName = "rows.jsonl", hyper: { epochs?: number; lr?: number } = {}): Promise<string> {
  const f = await client.files.create({ file: await toFile(Buffer.from(jsonl), fileName), purpose: "fine-tune" });
  const job = await client.fineTuning.jobs.create({
    model: "sim-gpt-4.1",
    training_file: f.id,
    seed,
    method: { type: "supervised", supervised: { hyperparameters: { n_epochs: hyper.epochs ?? 3, batch_size: 2, learning_rate_multiplier: hyper.lr ?? 2 } } },
  });
  for (let i = 0; i < 400; i++) {
    const j = await client.fineTuning.jobs.retrieve(job.id);
    if (j.status === "succeeded") return j.fine_tuned_model!;
    assert.notEqual(j.status, "failed", JSON.stringify(j.error));
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("fine-tuning did not finish");
}

export const VERDICT_FORMAT = {
  type: "json_schema" as const,
  json_schema: {
    name: "preference_verdict",
    strict: true,
    schema: { type: "object", properties: { reasoning: { type: "string" }, verdict: { type: "string", enum: ["true", "false", "not_sure"] } }, required: ["reasoning", "verdict"], additionalProperties: false },
  },
};
