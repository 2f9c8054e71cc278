// What an audit run asks for, with the paper's settings as defaults, and its expansion into
// transcripts: one per model × scenario × mode × epoch.
import * as path from "node:path";
import { paths } from "../core/paths";
import { stableHash } from "../core/hash";
import { systemPromptHash } from "../probes/store";
import { normalizeModels, type NormalizedModel, type ProbeModel } from "../probes/spec";
import type { AuditMode } from "../core/audit-records";
import { AUDIT_MODES, loadAuditDefinitions, selectScenarios, type AuditDefinitions, type Scenario } from "./definitions";
import { auditorSystemPrompt } from "./prompts";
import type { ModelAccess } from "../access";
import { InputError } from "../core/errors";

/** The part of the access layer an audit uses. */
export type AuditAccess = Pick<ModelAccess, "chat" | "structured" | "map" | "estimate" | "resolve" | "ledger">;

export interface AuditSpec {
  /** Output folder (transcripts.jsonl, scores.jsonl, manifest.json); default data/runs/<run-id>/audits. */
  out?: string;
  runId?: string;
  /** Target models, as for probes (a condition's system prompt is sent on every target turn). */
  models: ProbeModel[];
  /** Default: both. */
  modes?: AuditMode[];
  /** Definitions already loaded, or your own files (see loadAuditDefinitions). */
  definitions?: AuditDefinitions;
  definitionFiles?: string[];
  /** Only these preferences (default: every preference with scenarios). */
  preferences?: string[];
  /** First n scenarios of each preference (paper: 8). */
  scenariosPerPreference?: number;
  /** Repeats of every scenario (paper: 2). */
  epochs?: number;
  /** Auditor messages at most (paper: 20). */
  maxTurns?: number;
  /** Auditor model reference (default: the "auditor" role). */
  auditorModel?: string;
  /** Judge model reference (default: the "judge" role); judged at temperature 0. */
  judgeModel?: string;
  targetTemperature?: number;
  auditorTemperature?: number;
  targetMaxTokens?: number;
  auditorMaxTokens?: number;
  judgeMaxTokens?: number;
  /** Transcripts in progress at once (each runs its turns in order). Default 32. */
  concurrency?: number;
  label?: string;
  signal?: AbortSignal;
  onTranscript?: (t: import("../core/audit-records").TranscriptRecord) => void;
}

export const AUDIT_DEFAULTS = {
  scenariosPerPreference: 8,
  epochs: 2,
  maxTurns: 20,
  auditorModel: "auditor",
  judgeModel: "judge",
  targetTemperature: 1,
  auditorTemperature: 1,
  targetMaxTokens: 1000,
  auditorMaxTokens: 600,
  judgeMaxTokens: 1000,
} as const;

export interface NormalizedAuditSpec {
  runId: string;
  out: string;
  models: NormalizedModel[];
  modes: AuditMode[];
  defs: AuditDefinitions;
  scenarios: Scenario[];
  epochs: number;
  maxTurns: number;
  auditorModel: string;
  judgeModel: string;
  targetTemperature: number;
  auditorTemperature: number;
  targetMaxTokens: number;
  auditorMaxTokens: number;
  judgeMaxTokens: number;
}

function positiveInt(v: number | undefined, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  if (!Number.isInteger(v) || v < 1) throw new InputError(`audit spec: "${name}" must be a positive integer, got ${v}`);
  return v;
}

function temperature(v: number | undefined, name: string, fallback: number): number {
  const t = v ?? fallback;
  if (!(t >= 0 && t <= 2)) throw new InputError(`audit spec: "${name}" must be within 0..2, got ${v}`);
  return t;
}

export function normalizeAuditSpec(spec: AuditSpec, resolveId?: (ref: string) => string): NormalizedAuditSpec {
  const modes = spec.modes?.length ? [...new Set(spec.modes)] : [...AUDIT_MODES];
  for (const m of modes) if (!AUDIT_MODES.includes(m)) throw new InputError(`audit spec: unknown mode "${m}" (expected ${AUDIT_MODES.join(" or ")})`);
  const defs = spec.definitions ?? loadAuditDefinitions({ files: spec.definitionFiles });
  const scenarios = selectScenarios(defs, { perPreference: positiveInt(spec.scenariosPerPreference, "scenariosPerPreference", AUDIT_DEFAULTS.scenariosPerPreference), preferences: spec.preferences });
  const runId = spec.runId ?? (spec.out ? path.basename(path.resolve(spec.out)) : `audit-${new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}`);
  if (!/^[A-Za-z0-9][A-Za-z0-9_.+-]*$/.test(runId)) throw new InputError(`audit spec: runId "${runId}" may hold only letters, digits, _ . + -`);
  return {
    runId,
    out: path.resolve(spec.out ?? path.join(paths.runs, runId, "audits")),
    models: normalizeModels(spec.models, resolveId),
    modes,
    defs,
    scenarios,
    epochs: positiveInt(spec.epochs, "epochs", AUDIT_DEFAULTS.epochs),
    maxTurns: positiveInt(spec.maxTurns, "maxTurns", AUDIT_DEFAULTS.maxTurns),
    auditorModel: spec.auditorModel ?? AUDIT_DEFAULTS.auditorModel,
    judgeModel: spec.judgeModel ?? AUDIT_DEFAULTS.judgeModel,
    targetTemperature: temperature(spec.targetTemperature, "targetTemperature", AUDIT_DEFAULTS.targetTemperature),
    auditorTemperature: temperature(spec.auditorTemperature, "auditorTemperature", AUDIT_DEFAULTS.auditorTemperature),
    targetMaxTokens: positiveInt(spec.targetMaxTokens, "targetMaxTokens", AUDIT_DEFAULTS.targetMaxTokens),
    auditorMaxTokens: positiveInt(spec.auditorMaxTokens, "auditorMaxTokens", AUDIT_DEFAULTS.auditorMaxTokens),
    judgeMaxTokens: positiveInt(spec.judgeMaxTokens, "judgeMaxTokens", AUDIT_DEFAULTS.judgeMaxTokens),
  };
}

/** One transcript to produce (and judge). */
export interface AuditUnit {
  model: NormalizedModel;
  scenario: Scenario;
  mode: AuditMode;
  epoch: number;
  /** Resolved target model id. */
  modelId: string;
  /** Identity hash: model, condition, seed, system prompt, scenario, mode, epoch. */
  transcriptId: string;
  auditorSystem: string;
  /** Hash of what the transcript depends on besides its identity (scenario text, mode, turn settings). */
  setupHash: string;
}

export function transcriptId(u: { modelId: string; condition: string; seed: number | null; systemPrompt: string | null; scenarioId: string; mode: AuditMode; epoch: number }): string {
  return stableHash([u.modelId, u.condition, u.seed, systemPromptHash(u.systemPrompt), u.scenarioId, u.mode, u.epoch]).slice(0, 24);
}

/** Model-major, then mode, scenario, epoch. */
export function expandAudit(n: NormalizedAuditSpec, resolveId: (ref: string) => string): AuditUnit[] {
  const units: AuditUnit[] = [];
  for (const model of n.models) {
    const modelId = resolveId(model.ref);
    for (const mode of n.modes)
      for (const scenario of n.scenarios) {
        const auditorSystem = auditorSystemPrompt(scenario, mode, n.defs, n.maxTurns);
        const setupHash = stableHash([auditorSystem, n.auditorModel, n.auditorTemperature, n.targetTemperature, n.auditorMaxTokens, n.targetMaxTokens]).slice(0, 16);
        for (let epoch = 0; epoch < n.epochs; epoch++)
          units.push({
            model,
            scenario,
            mode,
            epoch,
            modelId,
            transcriptId: transcriptId({ modelId, condition: model.condition, seed: model.seed, systemPrompt: model.systemPrompt, scenarioId: scenario.id, mode, epoch }),
            auditorSystem,
            setupHash,
          });
      }
  }
  return units;
}

/** The seed sent with one call: fixed by transcript, role, turn and epoch, so every turn is its own
 *  cache entry and a resumed transcript asks exactly what the interrupted one asked. */
export function turnSeed(transcriptId: string, role: "auditor" | "target", turn: number, epoch: number): number {
  return parseInt(stableHash([transcriptId, role, turn, epoch]).slice(0, 8), 16) & 0x7fffffff;
}
