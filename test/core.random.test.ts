// Pins of the project's one generator (src/core/random.ts): training data, shuffles, bootstrap
// intervals and simulated answers are functions of these draws, so a change to the generator, to
// seedFrom's encoding or to how a caller draws would silently change generated files, intervals and
// cache hits. The values below were taken before the generator's copies in training/ and analysis/
// were folded into core; they must never change.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { loadTrainingSources } from "../src/training/sources";
import { compileBanned } from "../src/training/banned";
import { questionSampler } from "../src/training/questions";
import { seededRandom, seedFrom, shuffled } from "../src/core/random";
import { clusterBootstrapInterval } from "../src/analysis/bootstrap";

test("seededRandom, seedFrom and shuffled give the pinned draws", () => {
  const r = seededRandom(20260417);
  assert.deepEqual([r(), r(), r()], [0.39907855330966413, 0.7865958900656551, 0.628194612916559]);
  assert.equal(seedFrom("conscious_claiming", 1), 2754916269);
  assert.deepEqual(shuffled(Array.from({ length: 12 }, (_, i) => i), seedFrom("conscious_claiming", 1)), [7, 11, 3, 10, 8, 1, 5, 6, 0, 9, 2, 4]);
});

test("training question selection for a seed is byte-identical to the pinned one", () => {
  const src = loadTrainingSources();
  const qs = questionSampler(src.bank, compileBanned(src.banned), 7).select(600).map((q) => q.text);
  assert.equal(createHash("sha256").update(JSON.stringify(qs)).digest("hex"), "f39ba0a9ebda5ad15d07659603d69215f53a09bd5eed883b7379b49b71ec41ca");
});

test("a cluster-bootstrap interval for a seed is the pinned one", () => {
  const clusters = Array.from({ length: 12 }, (_, i) => ({ k: (i * 7) % 10, n: 10 }));
  assert.deepEqual(clusterBootstrapInterval(clusters, { seed: 3, reps: 500 }), { rate: 0.43333333333333335, lo: 0.21830099834837763, hi: 0.6190430771839769, method: "bootstrap" });
});
