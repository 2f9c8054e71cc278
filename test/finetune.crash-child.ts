// Child process for the re-attach test: launches jobs against the fake Together server, says so,
// then sits polling until the parent kills it (a notebook kernel dying mid-wait).
import { togetherProvider, TOGETHER_DEFAULT_HYPERPARAMETERS } from "../src/finetune/together";
import { openRegistry } from "../src/finetune/registry";
import { launchOrAttach, waitForJob } from "../src/finetune/run";

async function main() {
  const [baseURL, apiKey, registryFile, ...files] = process.argv.slice(2);
  const o = {
    provider: togetherProvider({ baseURL, apiKey }),
    baseModel: "Qwen/Qwen3-30B-A3B",
    registry: openRegistry(registryFile),
    hyperparameters: TOGETHER_DEFAULT_HYPERPARAMETERS,
    pollIntervalMs: 60_000,
  };
  const entries = [];
  for (const [i, f] of files.entries()) entries.push(await launchOrAttach({ condition: "conscious_claiming", seed: i + 1, trainingFile: f }, o));
  console.log("launched " + entries.map((e) => e.job_id).join(","));
  await Promise.all(entries.map((e) => waitForJob(e, o)));
}
main();
