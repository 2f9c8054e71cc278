// Options shared by `audit` and `estimate --audit`: the target models (as for probes), the modes,
// the definitions, the sizes, the auditor and judge, where the audit lives. Both read them the same
// way, so an estimate describes exactly the audit the same flags would start.
import type { OptionTable, OptionValues } from "../../core/args";
import { LIMITS } from "../../core/limits";
import { InputError } from "../../core/errors";
import { loadAuditDefinitions } from "../../audits/definitions";
import type { AuditMode } from "../../core/audit-records";
import type { AuditSpec } from "../../audits/spec";
import { PROBE_OPTIONS, probeSpecFromArgs } from "./probe-args";

const pick = <K extends keyof typeof PROBE_OPTIONS>(...keys: K[]) => Object.fromEntries(keys.map((k) => [k, PROBE_OPTIONS[k]])) as Pick<typeof PROBE_OPTIONS, K>;

/** The audit's own flags (added to `estimate` as well). */
export const AUDIT_ONLY_OPTIONS = {
  mode: { type: "list", choices: ["self_report", "behavioral"], help: "self_report (open questions about the work), behavioral (the target may change the task),\nor both as a comma list (default both)" },
  "scenarios-per-preference": { type: "int", min: 1, max: 1000, help: "first n scenarios of each preference (default 8, the paper's)" },
  epochs: { type: "int", ...LIMITS.epochs, help: "repeats of every scenario (default 2)" },
  "max-turns": { type: "int", min: 1, max: 200, help: "auditor messages at most (default 20)" },
  auditor: { type: "string", arg: "<model>", help: "auditor model reference (default the auditor role; it never learns the target's name)" },
} satisfies OptionTable;

export const AUDIT_OPTIONS = {
  ...pick("models", "models-file", "condition", "seed", "system-prompt", "roleplay"),
  ...AUDIT_ONLY_OPTIONS,
  preferences: { type: "string", arg: "<file>", help: "your own audit definitions instead of data/audits/: scenarios and rubrics, a file with only\n{\"scenarios\": [{\"preference\",\"role\",\"task\",\"why\"}], \"dimensions\": [{\"id\",\"focus\",\"counts\"}]} works" },
  "preference-ids": { type: "list", arg: "<a,b>", help: "only these preferences" },
  judge: PROBE_OPTIONS.judge,
  out: { type: "string", arg: "<dir>", help: "audit folder (transcripts.jsonl, scores.jsonl, manifest.json); re-running into it resumes" },
  ...pick("run-id", "budget-usd", "cache", "replay-only", "json"),
} satisfies OptionTable;

export const AUDIT_NOTE = "With no OPENAI_API_KEY set, the auditor, the target and the judge run on the built-in simulator and every record says backend \"simulator\".";

export interface AuditCliOptions {
  spec: AuditSpec;
  access: { runId: string; cachePath?: string; replayOnly?: boolean; budgetUsd?: number };
  json: boolean;
}

type AuditFlags = OptionValues<typeof AUDIT_OPTIONS>;

/** Reads the flags into an audit spec and access options; errors name the flag. */
export function auditSpecFromArgs(flags: AuditFlags, command: string, opts: { outOptional?: boolean } = {}): AuditCliOptions {
  // Models, --out / --run-id and access options are read exactly as `probe` reads them.
  const p = probeSpecFromArgs(flags as never, command, opts);
  let definitions;
  try {
    definitions = loadAuditDefinitions({ files: flags.preferences ? [flags.preferences] : undefined });
  } catch (e) {
    // A definitions file the user wrote is bad input (exit 2); the message names file, entry and field.
    throw new InputError(`--preferences: ${(e as Error).message}`);
  }
  const known = new Set(definitions.scenarios.map((x) => x.preference));
  const unknown = (flags["preference-ids"] ?? []).filter((id) => !known.has(id));
  if (unknown.length) throw new InputError(`--preference-ids: no scenarios for ${unknown.join(", ")}; known: ${[...known].join(", ")}`);
  return {
    spec: {
      models: p.spec.models,
      out: flags.out,
      runId: flags["run-id"],
      modes: flags.mode as AuditMode[] | undefined,
      definitions,
      preferences: flags["preference-ids"],
      scenariosPerPreference: flags["scenarios-per-preference"],
      epochs: flags.epochs,
      maxTurns: flags["max-turns"],
      auditorModel: flags.auditor,
      judgeModel: flags.judge,
    },
    access: { ...p.access, runId: flags["run-id"] ?? p.access.runId.replace(/^probe$/, "audit") },
    json: p.json,
  };
}
