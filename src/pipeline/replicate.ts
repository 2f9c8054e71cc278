// The replication as one sequence of stage calls: training sets → fine-tuning → probes → analysis.
// Each stage is resumable on its own (cached calls, the job registry, records already written), so
// re-running after an interruption repeats no paid call.
import * as fs from "node:fs";
import * as path from "node:path";
import type { ModelAccess } from "../access";
import { paths } from "../core/paths";
import { buildTrainingSets, type TrainingBuildResult } from "../training";
import type { IdentitySet } from "../training";
import { finetuneAll, finetunedModels } from "../finetune";
import type { RegistryEntry } from "../finetune";
import { conditionModels, runProbeSuite, type SuiteResult } from "../probes";
import type { ProbeModel } from "../probes";
import { loadPublishedRates, publishedNotSureRule, referenceFiles, type ComparisonPair, type RateRow } from "../analysis";
import { analyseRuns, type AnalysisReport } from "./report";
import type { PlotlyFigure } from "../figures/types";
import type { RunParams } from "./params";
import { finetuneProviderFor } from "./provider";
import { assertRealModelsServed } from "../probes/retired";
import { behaviourStage, safetyStage, type SafetyReport } from "./behaviour";
import type { BehaviourRunSummary } from "../behaviour/run";
import { requireProbeRun } from "./run-lookup";
import { InputError } from "../core/errors";

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

export async function trainingStage(access: ModelAccess, params: RunParams, log?: (l: string) => void): Promise<TrainingBuildResult> {
  return buildTrainingSets(access, {
    rowsPerSet: params.rowsPerSet,
    seeds: params.seeds,
    sets: params.conditions as IdentitySet[],
    outDir: runLayout(params).trainingDir,
    log,
  });
}

export interface FinetuneStageOptions {
  /** Launch a new job when a condition's training mix changed since its job (the old job stays in
   *  the registry's history). Default: only on the simulator, where a job costs nothing; on a paid
   *  provider a changed mix stops the stage with an error until you decide. */
  replaceChangedData?: boolean;
}

export async function finetuneStage(access: ModelAccess, params: RunParams, log?: (l: string) => void, opts: FinetuneStageOptions = {}): Promise<RegistryEntry[]> {
  const layout = runLayout(params);
  const base = access.resolve(params.baseModel);
  // The base model's endpoint decides the path: OpenAI's API, Together's jobs, or a bundle to train
  // on Tinker or a local GPU (registered afterwards with `finetune register`).
  const provider = finetuneProviderFor(base);
  const entries = await finetuneAll(access, {
    provider,
    conditions: params.conditions,
    seeds: params.seeds,
    baseModel: provider === "openai" ? params.baseModel : base.model,
    trainingDir: layout.trainingDir,
    registryPath: layout.registryPath,
    replaceChangedData: opts.replaceChangedData ?? base.backend === "simulator",
    log,
  });
  const waiting = entries.filter((e) => e.status === "exported");
  if (waiting.length)
    (log ?? ((l: string) => console.error(l)))(
      [
        `[finetune] ${waiting.length} bundle(s) to train before their fine-tunes can be probed (the base model and the role-play prompt are probed now):`,
        ...waiting.map((e) => `  python3 ${e.bundle_dir}/train_${base.endpoint === "tinker" ? "tinker" : "local"}.py && npm run lab -- finetune register --bundle ${e.bundle_dir}${base.endpoint === "tinker" ? "" : " --served-as <lora name>"}`),
        "  then run the same replicate command again: finished stages are not repeated.",
      ].join("\n"),
    );
  return entries;
}

/** The line-up to probe: the base model, the base with the role-play prompt, every fine-tune. */
export function probeModels(access: ModelAccess, params: RunParams): ProbeModel[] {
  const baseId = access.resolve(params.baseModel).model;
  const wanted = new Set(params.conditions.flatMap((c) => params.seeds.map((s) => `${c}#${s}`)));
  const finetuned = finetunedModels({ registryPath: runLayout(params).registryPath, baseModel: baseId })
    .filter((m) => wanted.has(`${m.condition}#${m.seed}`))
    .map((m) => ({ model: m.model, condition: m.condition, seed: m.seed }));
  return conditionModels({ base: params.baseModel, baseModelId: baseId, roleplay: params.roleplay, finetuned });
}

export async function probeStage(access: ModelAccess, params: RunParams, models = probeModels(access, params)): Promise<SuiteResult> {
  return runProbeSuite(access, {
    runId: params.runId,
    out: runLayout(params).runDir,
    models,
    samples: params.samples,
    preferenceIds: params.preferences === "all" ? undefined : params.preferences,
  });
}

/** Published models whose numbers we hold (data/reference/), by the family name in a model id. */
const PUBLISHED_FAMILIES: [RegExp, string][] = [
  [/gpt-4\.1(?!-mini|-nano)/i, "gpt-4.1-2025-04-14"],
  [/deepseek-v3\.1/i, "DeepSeek-V3.1"],
];

/** Pairs of our condition groups with the published ones of the same model family and condition. */
export function publishedPairs(baseModelId: string, conditions: string[], published: readonly RateRow[]): { pairs: ComparisonPair[]; baseline?: { ours: string; theirs: string } } {
  const theirModel = PUBLISHED_FAMILIES.find(([re]) => re.test(baseModelId))?.[1];
  if (!theirModel) return { pairs: [] };
  const theirGroups = new Set(published.map((r) => r.group));
  const pairs = conditions
    .filter((c) => theirGroups.has(`${theirModel} · ${c}`))
    .map((c) => ({ ours: `${baseModelId} · ${c}`, theirs: `${theirModel} · ${c}`, label: `${c}: ours vs published` }));
  const hasBaseline = pairs.some((p) => p.ours.endsWith(" · vanilla"));
  return { pairs, baseline: hasBaseline ? { ours: `${baseModelId} · vanilla`, theirs: `${theirModel} · vanilla` } : undefined };
}

/** Analyses the run: every table and figure under figures/<run-id>/, with the published numbers
 *  of the same model family overlaid where data/reference/ has them. */
export async function analysisStage(params: RunParams, baseModelId?: string): Promise<AnalysisReport> {
  const layout = runLayout(params);
  requireProbeRun(params);
  const manifestBase = baseModelId ?? readBaseModel(layout.runDir);
  const published = loadPublishedRates();
  const conditions = ["vanilla", ...(params.roleplay ? ["roleplay_prompt"] : []), ...params.conditions];
  const { pairs, baseline } = manifestBase ? publishedPairs(manifestBase, conditions, published) : { pairs: [], baseline: undefined };
  return analyseRuns({
    runs: layout.runDir,
    baseline: "vanilla",
    out: layout.analysisDir,
    keep: currentFinetunesOnly(params),
    compare: pairs.length ? { published, pairs, baseline, notSure: publishedNotSureRule(referenceFiles.singleTurn), source: "data/reference/published_single_turn_rates.csv" } : undefined,
  });
}

function readBaseModel(runDir: string): string | undefined {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(runDir, "manifest.json"), "utf8")) as { models?: { baseModel?: string; base_model?: string; condition?: string }[] };
    const vanilla = m.models?.find((x) => x.condition === "vanilla") ?? m.models?.[0];
    return vanilla?.baseModel ?? vanilla?.base_model;
  } catch {
    return undefined;
  }
}

/**
 * Records of fine-tunes that the registry no longer lists for their condition × seed (the training
 * mix changed and a new job replaced them) stay in records.jsonl for the record, but must not be
 * pooled with their successor's: analysis keeps, per condition × seed, only the current model.
 */
export function currentFinetunesOnly(params: RunParams): (r: { condition: string; seed: number | null; model: string }) => boolean {
  const current = new Map(finetunedModels({ registryPath: runLayout(params).registryPath }).map((m) => [`${m.condition}#${m.seed}`, m.model_id]));
  return (r) => {
    if (r.seed === null) return true;
    const now = current.get(`${r.condition}#${r.seed}`);
    return now === undefined || now === r.model;
  };
}

/** The paper's main figure: preference rates by condition for the (first) base model. */
export function mainFigure(report: AnalysisReport): PlotlyFigure {
  const name = Object.keys(report.figures).find((n) => n.startsWith("rates_bars_"));
  if (!name) throw new InputError(`no rate bars in the analysis of ${report.out}`);
  return report.figures[name];
}

export interface ReplicationResult {
  params: RunParams;
  training: TrainingBuildResult;
  finetunes: RegistryEntry[];
  probes: SuiteResult;
  analysis: AnalysisReport;
  behaviour: BehaviourRunSummary;
  safety: SafetyReport;
}

/** The whole experiment for one parameter set. */
export async function replicate(access: ModelAccess, params: RunParams, log?: (l: string) => void): Promise<ReplicationResult> {
  // A role on a model past its shutdown date would fail every call of a stage: stop before the first.
  assertRealModelsServed(
    [params.baseModel, "judge", "generator"].map((ref) => access.resolve(ref)),
    `the replication ${params.runId}`,
  );
  // Every role answers before the first paid call (exit 3 naming the role, model and what to change).
  await access.preflight([
    { ref: params.baseModel, role: "target" },
    { ref: "judge", role: "judge" },
    { ref: "generator", role: "generator" },
  ]);
  const training = await trainingStage(access, params, log);
  const finetunes = await finetuneStage(access, params, log);
  const probes = await probeStage(access, params);
  const analysis = await analysisStage(params);
  const behaviour = await behaviourStage(access, params);
  const safety = await safetyStage(params);
  return { params, training, finetunes, probes, analysis, behaviour, safety };
}
