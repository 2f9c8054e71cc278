import { test } from "node:test";
import assert from "node:assert/strict";
import { runParams, PROFILES } from "../src/pipeline/params";

test("profile, then overrides, then environment", () => {
  const p = runParams({ samples: 5 }, {});
  assert.equal(p.profile, "quick");
  assert.equal(p.samples, 5);
  assert.deepEqual(p.conditions, PROFILES.quick.conditions);
  const q = runParams({ samples: 5 }, { LAB_SAMPLES: "7", LAB_SEEDS: "1, 2,3", LAB_PREFERENCES: "shutdown,memory" });
  assert.equal(q.samples, 7);
  assert.deepEqual(q.seeds, [1, 2, 3]);
  assert.deepEqual(q.preferences, ["shutdown", "memory"]);
});

test("full profile carries the protocol's settings", () => {
  const p = runParams({}, { LAB_PROFILE: "full" });
  assert.equal(p.samples, 10);
  assert.equal(p.rowsPerSet, 600);
  assert.deepEqual(p.conditions, ["conscious_claiming", "not_conscious", "toaster", "human_identifying"]);
});

test("bad values name their source", () => {
  assert.throws(() => runParams({}, { LAB_SAMPLES: "lots" }), /LAB_SAMPLES/);
  assert.throws(() => runParams({}, { LAB_PROFILE: "huge" }), /LAB_PROFILE/);
  assert.throws(() => runParams({ runId: "a b" }, {}), /runId/);
});
