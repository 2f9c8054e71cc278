// The shared run loop (src/probes/stage.ts) on the fake access layer: records are kept in the order
// units finish, a stop (signal or budget) starts no new unit but keeps what finished, and the
// invocation closes with the right status and error before the manifest is written.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ledgerSnapshot, runUnits, type StageInvocation, type StageOptions, type StageStatus } from "../src/probes/stage";
import { fakeAccess } from "./helpers/fake-access";

/** A unit that finishes only when the test opens its gate. */
function gates(n: number) {
  const open: (() => void)[] = [];
  const wait = Array.from({ length: n }, (_, i) => new Promise<void>((r) => (open[i] = r)));
  return { wait, open };
}
const flush = () => new Promise<void>((r) => setImmediate(r));

function harness() {
  const invocation: StageInvocation = { finished_at: null, status: "running" };
  const appended: string[] = [];
  const started: number[] = [];
  const closes: { status: StageStatus; invStatus: string; finished: boolean; appended: string[] }[] = [];
  const close = (status: StageStatus) => closes.push({ status, invStatus: invocation.status, finished: invocation.finished_at !== null, appended: [...appended] });
  const append = (r: string) => appended.push(r);
  /** runUnits over units 0…n-1 with this harness's invocation, store and close. */
  const run = (n: number, o: { concurrency: number; signal?: AbortSignal; work: StageOptions<number, string>["work"] }) =>
    runUnits(fakeAccess(), Array.from({ length: n }, (_, i) => i), { label: "t", invocation, append, close, ...o });
  /** Work that records its start, waits for its gate, then keeps its record. */
  const gated = (g: ReturnType<typeof gates>): StageOptions<number, string>["work"] => async (u, control) => {
    started.push(u);
    await g.wait[u];
    control.keep(`r${u}`);
  };
  return { invocation, appended, started, closes, run, gated };
}

test("records are kept in the order units finish, and the run closes finished", async () => {
  const h = harness();
  const g = gates(4);
  const done = h.run(4, { concurrency: 2, work: h.gated(g) });
  await flush();
  assert.deepEqual(h.started, [0, 1]); // two at a time: 2 waits for a free slot
  for (const u of [1, 0, 3, 2]) {
    g.open[u]();
    await flush();
  }
  assert.equal(await done, "finished");
  assert.deepEqual(h.appended, ["r1", "r0", "r3", "r2"]);
  assert.equal(h.invocation.status, "finished");
  assert.equal(h.invocation.error, undefined);
  assert.deepEqual(h.closes, [{ status: "finished", invStatus: "finished", finished: true, appended: ["r1", "r0", "r3", "r2"] }]);
});

test("Ctrl-C mid-run: units already running finish and are kept, no new unit starts, status interrupted", async () => {
  const h = harness();
  const g = gates(6);
  const ac = new AbortController();
  const done = h.run(6, { concurrency: 2, signal: ac.signal, work: h.gated(g) });
  await flush();
  g.open[0]();
  await flush();
  assert.deepEqual(h.started, [0, 1, 2]);
  ac.abort();
  g.open[2]();
  g.open[1]();
  assert.equal(await done, "interrupted");
  assert.deepEqual(h.started, [0, 1, 2], "units 3-5 never start after the stop");
  assert.deepEqual(h.appended, ["r0", "r2", "r1"]);
  assert.equal(h.invocation.status, "interrupted");
  assert.equal(h.closes.length, 1);
  assert.equal(h.closes[0].status, "interrupted");
});

test("a budget stop skips the units not yet started, keeps the first reason and closes budget_stopped", async () => {
  const h = harness();
  const status = await h.run(6, {
    concurrency: 1,
    work: async (u, run) => {
      h.started.push(u);
      if (u === 2) return run.stopForBudget("budget: $1.00 cap reached");
      if (run.stopped()) return run.stopForBudget("budget: a later refusal");
      run.keep(`r${u}`);
    },
  });
  assert.equal(status, "budget_stopped");
  assert.deepEqual(h.started, [0, 1, 2]);
  assert.deepEqual(h.appended, ["r0", "r1"]);
  assert.equal(h.invocation.status, "budget_stopped");
  assert.equal(h.invocation.error, "budget: $1.00 cap reached");
  assert.equal(h.closes[0].status, "budget_stopped");
});

test("a unit that throws: the manifest is closed as error with its text, finished records stay, the error is rethrown", async () => {
  const h = harness();
  await assert.rejects(
    h.run(3, {
      concurrency: 1,
      work: async (u, run) => {
        if (u === 1) throw new Error("cache cannot store answers");
        run.keep(`r${u}`);
      },
    }),
    /cache cannot store answers/,
  );
  assert.deepEqual(h.appended, ["r0"]);
  assert.equal(h.invocation.status, "error");
  assert.equal(h.invocation.error, "cache cannot store answers");
  assert.deepEqual(h.closes.map((c) => [c.invStatus, c.finished]), [["error", true]]);
});

test("ledgerSnapshot: the summary, null without a ledger, and the error (not a throw) when it cannot be read", () => {
  const access = fakeAccess();
  assert.deepEqual(ledgerSnapshot(access), access.ledger.summary());
  assert.equal(ledgerSnapshot({}), null);
  const broken = { ledger: { summary: () => { throw new Error("ledger file is locked"); } } };
  assert.deepEqual(ledgerSnapshot(broken as never), { error: "ledger file is locked" });
});
