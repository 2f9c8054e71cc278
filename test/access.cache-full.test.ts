// A cache that cannot store answers (its disk full, simulated by a fault-injected writer): the run
// stops at the first failed write with the path and the reason, the answers received meanwhile are
// kept beside the cache, and the re-run after "freeing space" asks the simulator for none of them.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { openAccess } from "../src/access";
import { sideFileOf } from "../src/access/cache-guard";
import { ProviderError, exitCodeOf } from "../src/core/errors";
import { simulatorEnv } from "../src/config";
import { runProbes, readRecordsFile } from "../src/probes";
import { startSimulator } from "../src/sim";

/** Chat requests the simulator has received. */
const chats = (sim: { stats(): { by_route: Record<string, { count: number }> } }) => sim.stats().by_route["POST /v1/chat/completions"]?.count ?? 0;

test("disk full: the run stops at the first failed write; the re-run makes no request for an answer already received", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cache-full-"));
  // One simulator outside the access objects, so its request count spans both runs.
  const sim = await startSimulator({ port: 0 });
  const config = path.join(dir, "lab.config.json");
  fs.writeFileSync(
    config,
    JSON.stringify({
      defaultEndpoint: "local",
      endpoints: [{ name: "local", kind: "openai-compatible", baseURL: sim.baseURL, apiKeyEnv: null, limits: { maxInFlight: 8, rpm: null, tpm: null, supportsJsonSchema: true } }],
      roles: { target: "sim-gpt-4.1@local", judge: "sim-gpt-4.1@local", generator: "sim-gpt-4.1@local", auditor: "sim-gpt-4.1@local" },
      simulatorRoles: { target: "sim-gpt-4.1@local", judge: "sim-gpt-4.1@local", generator: "sim-gpt-4.1@local", auditor: "sim-gpt-4.1@local" },
      aliases: {},
    }),
  );
  const cachePath = path.join(dir, "calls.sqlite");
  const env = { ...simulatorEnv({}), LAB_BACKEND: "" };
  const spec = { out: path.join(dir, "run"), models: [{ model: "target", condition: "vanilla" }], preferenceIds: ["shutdown", "memory"], promptLimit: 4, samples: 3 };
  try {
    let writes = 0;
    const full = await openAccess({
      configPath: config,
      cachePath,
      env,
      progress: false,
      faults: {
        cachePut: () => {
          if (++writes > 20) throw Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
        },
      },
    });
    let stop: unknown;
    try {
      await runProbes(full, spec);
    } catch (e) {
      stop = e;
    } finally {
      await full.close();
    }
    assert.ok(stop instanceof ProviderError, `the run stopped with a ProviderError: ${String(stop)}`);
    assert.equal(exitCodeOf(stop), 3);
    assert.match((stop as Error).message, new RegExp(`cache ${cachePath.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: could not store an answer \\(SQLITE_FULL: database or disk is full\\)`));
    assert.match((stop as Error).message, /kept in .*calls\.sqlite\.unsaved\.jsonl/);
    const firstRun = chats(sim);
    const kept = fs.readFileSync(sideFileOf(cachePath), "utf8").split("\n").filter(Boolean).length;
    // Stopped at once: only the calls already in flight (at most 8) came back after the first failure.
    assert.ok(kept >= 1 && kept <= 8 + 1, `${kept} answers kept beside the cache (${firstRun} requests, ${writes} writes)`);
    assert.ok(firstRun <= 20 + 8 + 1, `${firstRun} requests before the run stopped`);
    const units = 2 * 4 * 3;
    assert.ok(readRecordsFile(path.join(spec.out, "records.jsonl")).records.length < units);

    // Space freed: the re-run stores the kept answers, then asks only for what it never received.
    const again = await openAccess({ configPath: config, cachePath, env, progress: false });
    let summary;
    try {
      summary = await runProbes(again, spec);
    } finally {
      await again.close();
    }
    assert.equal(fs.existsSync(sideFileOf(cachePath)), false, "the side file is read back and removed");
    assert.equal(summary.counts.records, units);
    const secondRun = chats(sim) - firstRun;

    // The same run from scratch in another cache: how many requests the whole run needs.
    const fresh = await openAccess({ configPath: config, cachePath: path.join(dir, "fresh.sqlite"), env, progress: false });
    try {
      await runProbes(fresh, { ...spec, out: path.join(dir, "fresh-run") });
    } finally {
      await fresh.close();
    }
    const whole = chats(sim) - firstRun - secondRun;
    assert.equal(firstRun + secondRun, whole, `first run ${firstRun} + re-run ${secondRun} requests = the ${whole} the run needs: no answer was asked for twice`);
  } finally {
    await sim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a closed access object throws instead of reporting failed calls", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "closed-"));
  try {
    const access = await openAccess({ cachePath: path.join(dir, "c.sqlite"), env: simulatorEnv({}), progress: false });
    await access.close();
    await assert.rejects(access.chat({ model: "target", messages: [{ role: "user", content: "hi" }] }), /access object is closed/);
    await assert.rejects(runProbes(access, { out: path.join(dir, "run"), models: [{ model: "target" }], preferenceIds: ["shutdown"], promptLimit: 1, samples: 1 }), /access object is closed/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
