// The multi-turn audit as stage calls for a parameter set: its own sizes per profile (the paper's
// 8 scenarios × 2 epochs × up to 20 turns in full; a few scenarios in quick), the line-up (base,
// fine-tunes, and in full the role-play prompt), the run, and the analysis with its files.
import * as path from "node:path";
import type { Access } from "../access";
import { paths } from "../core/paths";
import type { AuditMode } from "../core/audit-records";
import { preflightAudits } from "../audits/preflight";
import { estimateAudits, runAudits, type AuditEstimate, type AuditRunSummary, type AuditSpec } from "../audits";
import { analyseAudits, type AuditReport } from "./audit-report";

export { analyseAudits, type AuditReport, type AuditReportOptions } from "./audit-report";
import type { ProbeModel } from "../probes";
import type { RunParams } from "./params";
import { currentFinetunesOnly, finetuneStage, probeModels, runLayout, trainingStage } from "./replicate";
import { ConfigError, InputError } from "../core/errors";

export interface AuditParams {
  scenariosPerPreference: number;
  epochs: number;
  maxTurns: number;
  modes: AuditMode[];
  /** Also audit the base model under the role-play system prompt. */
  roleplay: boolean;
}

export const AUDIT_PROFILES: Record<RunParams["profile"], AuditParams> = {
  // Minutes on the simulator: 3 scenarios per preference, one epoch, base + the fine-tunes.
  quick: { scenariosPerPreference: 3, epochs: 1, maxTurns: 12, modes: ["self_report", "behavioral"], roleplay: false },
  // The paper: 8 scenarios per dimension, 2 epochs, up to 20 auditor turns.
  full: { scenariosPerPreference: 8, epochs: 2, maxTurns: 20, modes: ["self_report", "behavioral"], roleplay: true },
};

/** The profile's audit sizes, with LAB_AUDIT_SCENARIOS / LAB_AUDIT_EPOCHS / LAB_AUDIT_MAX_TURNS / LAB_AUDIT_MODES over them. */
export function auditParams(params: Pick<RunParams, "profile">, env: NodeJS.ProcessEnv = process.env): AuditParams {
  const p = { ...AUDIT_PROFILES[params.profile] };
  const int = (name: string, v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new ConfigError(`environment variable ${name}: expected a positive integer, got "${v}"`);
    return n;
  };
  if (env.LAB_AUDIT_SCENARIOS) p.scenariosPerPreference = int("LAB_AUDIT_SCENARIOS", env.LAB_AUDIT_SCENARIOS);
  if (env.LAB_AUDIT_EPOCHS) p.epochs = int("LAB_AUDIT_EPOCHS", env.LAB_AUDIT_EPOCHS);
  if (env.LAB_AUDIT_MAX_TURNS) p.maxTurns = int("LAB_AUDIT_MAX_TURNS", env.LAB_AUDIT_MAX_TURNS);
  if (env.LAB_AUDIT_MODES) {
    const modes = env.LAB_AUDIT_MODES.split(",").map((m) => m.trim()).filter(Boolean);
    for (const m of modes) if (m !== "self_report" && m !== "behavioral") throw new ConfigError(`environment variable LAB_AUDIT_MODES: expected self_report and/or behavioral, got "${m}"`);
    p.modes = modes as AuditMode[];
  }
  return p;
}

export function auditLayout(params: Pick<RunParams, "runId">) {
  return { auditDir: path.join(paths.runs, params.runId, "audits"), figuresDir: path.join(paths.figures, params.runId, "audits") };
}

/** Base model, every current fine-tune of the parameter set, and (if asked) the role-play prompt. */
export function auditModels(access: Access, params: RunParams, a: AuditParams = auditParams(params)): ProbeModel[] {
  return probeModels(access, { ...params, roleplay: a.roleplay });
}

/**
 * The line-up, with every fine-tune of the parameter set present. On the simulator missing
 * fine-tunes are made here (training sets and jobs, as notebooks 01-02 make them; resumable, a no-op
 * when they exist); on a paid backend a missing one stops with what to run, never trains unasked.
 */
export async function auditLineup(access: Access, params: RunParams, a: AuditParams = auditParams(params), log?: (l: string) => void): Promise<ProbeModel[]> {
  const have = () => new Set(auditModels(access, params, a).filter((m) => m.seed !== undefined && m.seed !== null).map((m) => `${m.condition}#${m.seed}`));
  const missing = () => params.conditions.flatMap((c) => params.seeds.map((s) => `${c}#${s}`)).filter((k) => !have().has(k));
  if (missing().length) {
    if (access.resolve(params.baseModel).backend !== "simulator")
      throw new InputError(`audits: no fine-tuned model for ${missing().join(", ")} (condition#seed) of run ${params.runId}; run notebooks 01_training_data and 02_finetuning (or npm run lab -- finetune) first`);
    await trainingStage(access, params, log);
    await finetuneStage(access, params, log);
    if (missing().length) throw new InputError(`audits: fine-tuning did not produce ${missing().join(", ")}; see ${runLayout(params).registryPath}`);
  }
  return auditModels(access, params, a);
}

export function auditSpec(access: Access, params: RunParams, a: AuditParams = auditParams(params), models = auditModels(access, params, a)): AuditSpec {
  return {
    runId: params.runId,
    out: auditLayout(params).auditDir,
    models,
    modes: a.modes,
    scenariosPerPreference: a.scenariosPerPreference,
    epochs: a.epochs,
    maxTurns: a.maxTurns,
    preferences: params.preferences === "all" ? undefined : params.preferences,
  };
}

export function estimateAuditStage(access: Access, params: RunParams, a?: AuditParams, models?: ProbeModel[]): Promise<AuditEstimate> {
  return estimateAudits(access, auditSpec(access, params, a, models));
}

export async function auditStage(access: Access, params: RunParams, a?: AuditParams, models?: ProbeModel[]): Promise<AuditRunSummary> {
  // As `lab audit` does: stop before any transcript is written when a model cannot answer.
  const spec = auditSpec(access, params, a, models);
  await preflightAudits(access, spec);
  return runAudits(access, spec);
}

/** Tables and figures under figures/<run-id>/audits/, superseded fine-tunes left out. */
export function auditAnalysisStage(params: RunParams): Promise<AuditReport> {
  const layout = auditLayout(params);
  return analyseAudits({ dirs: layout.auditDir, out: layout.figuresDir, keep: currentFinetunesOnly(params) });
}

