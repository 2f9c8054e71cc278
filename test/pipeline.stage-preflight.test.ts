// The replication's behaviour and audit stages (what notebooks 07 and 08 call) check every model
// before the run folder or any record exists, as `lab behave` and `lab audit` do.
import "./helpers/isolate";
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { ProviderError } from "../src/core/errors";
import { PROFILES } from "../src/pipeline/params";
import { behaviourLayout, behaviourStage } from "../src/pipeline/behaviour";
import { auditStage } from "../src/pipeline/audits";
import { runLayout } from "../src/pipeline/replicate";
import { fakeAccess } from "./helpers/fake-access";

const models = [{ model: "target", label: "base · vanilla", condition: "vanilla" }];

function refusingAccess() {
  const access = fakeAccess();
  const asked: { ref: string; role: string }[] = [];
  access.preflight = async (targets) => {
    asked.push(...targets.map((t) => ({ ref: t.ref, role: t.role })));
    throw new ProviderError("role target: model fake-base on endpoint \"x\" (http://127.0.0.1:1/v1) does not answer");
  };
  return { access, asked };
}

test("behaviour stage: a failed preflight stops it before its folder or any call", async () => {
  const { access, asked } = refusingAccess();
  const params = { ...PROFILES.quick, runId: `stage-preflight-b-${process.pid}` };
  await assert.rejects(behaviourStage(access, params, models), ProviderError);
  assert.deepEqual(asked.map((a) => a.role).sort(), ["judge", "target"]);
  assert.equal(access.calls.chat + access.calls.structured, 0);
  assert.ok(!fs.existsSync(behaviourLayout(params).runDir), "no run folder");
});

test("audit stage: a failed preflight stops it before its folder or any call, naming target, auditor and judge", async () => {
  const { access, asked } = refusingAccess();
  const params = { ...PROFILES.quick, runId: `stage-preflight-a-${process.pid}` };
  await assert.rejects(auditStage(access, params, undefined, models), ProviderError);
  assert.deepEqual(asked.map((a) => a.role).sort(), ["auditor", "judge", "target"]);
  assert.equal(access.calls.chat + access.calls.structured, 0);
  assert.ok(!fs.existsSync(runLayout(params).runDir) || fs.readdirSync(runLayout(params).runDir).length === 0, "nothing written");
});
