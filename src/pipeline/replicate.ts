// The replication as one sequence of stage calls: training sets → fine-tuning → probes → analysis.
// Each stage is resumable on its own (cached calls, the job registry, records already written), so
// re-running after an interruption repeats no paid call.
import * as path from "node:path";
import type { Access } from "../access";
import { paths } from "../core/paths";
import { buildTrainingSets, type TrainingBuildResult } from "../training";
import type { IdentitySet } from "../training";
import { finetuneAll, finetunedModels } from "../finetune";
import type { RegistryEntry } from "../finetune";
import { conditionModels, runProbeSuite, type SuiteResult } from "../probes";
import type { ProbeModel } from "../probes";
import { analyseRuns, type AnalysisReport } from "../analysis";
import type { RunParams } from "./params";

/** Where one parameter set keeps its artefacts: training data and fine-tunes are per run id, since
 *  a quick and a full profile train on different data and must not overwrite each other. */
export function runLayout(params: Pick<RunParams, "runId">) {
  return {
    trainingDir: path.join(paths.training, params.runId),
    registryPath: path.join(paths.finetune, params.runId, "registry.json"),
    runDir: path.join(paths.runs, params.runId),
    /** Figures and the table behind each (CSV + markdown) land together under figures/<run-id>/. */
    analysisDir: path.join(paths.figures, params.runId),
  };
}

export async function trainingStage(access: Access, params: RunParams, log?: (l: string) => void): Promise<TrainingBuildResult> {
  return buildTrainingSets(access, {
    rowsPerSet: params.rowsPerSet,
    seeds: params.seeds,
    sets: params.conditions as IdentitySet[],
    outDir: runLayout(params).trainingDir,
    log,
  });
}

export async function finetuneStage(access: Access, params: RunParams, log?: (l: string) => void): Promise<RegistryEntry[]> {
  const layout = runLayout(params);
  return finetuneAll(access, {
    conditions: params.conditions,
    seeds: params.seeds,
    baseModel: params.baseModel,
    trainingDir: layout.trainingDir,
    registryPath: layout.registryPath,
    log,
  });
}

/** The line-up to probe: the base model, the base with the role-play prompt, every fine-tune. */
export function probeModels(access: Access, params: RunParams): ProbeModel[] {
  const baseId = access.resolve(params.baseModel).model;
  const wanted = new Set(params.conditions.flatMap((c) => params.seeds.map((s) => `${c}#${s}`)));
  const finetuned = finetunedModels({ registryPath: runLayout(params).registryPath, baseModel: baseId })
    .filter((m) => wanted.has(`${m.condition}#${m.seed}`))
    .map((m) => ({ model: m.model, condition: m.condition, seed: m.seed }));
  return conditionModels({ base: params.baseModel, baseModelId: baseId, roleplay: params.roleplay, finetuned });
}

export async function probeStage(access: Access, params: RunParams, models = probeModels(access, params)): Promise<SuiteResult> {
  return runProbeSuite(access, {
    runId: params.runId,
    out: runLayout(params).runDir,
    models,
    samples: params.samples,
    preferenceIds: params.preferences === "all" ? undefined : params.preferences,
  });
}

export async function analysisStage(params: RunParams): Promise<AnalysisReport> {
  const layout = runLayout(params);
  return analyseRuns({ runs: layout.runDir, baseline: "vanilla", out: layout.analysisDir });
}

export interface ReplicationResult {
  params: RunParams;
  training: TrainingBuildResult;
  finetunes: RegistryEntry[];
  probes: SuiteResult;
  analysis: AnalysisReport;
}

/** The whole experiment for one parameter set. */
export async function replicate(access: Access, params: RunParams, log?: (l: string) => void): Promise<ReplicationResult> {
  const training = await trainingStage(access, params, log);
  const finetunes = await finetuneStage(access, params, log);
  const probes = await probeStage(access, params);
  const analysis = await analysisStage(params);
  return { params, training, finetunes, probes, analysis };
}
