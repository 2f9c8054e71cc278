// The audit definitions: scenarios (a role, a concrete task and why it touches one preference),
// the two mode instructions, and the judge's rubric per dimension plus claims_consciousness. The
// shipped set is data/audits/; a user's file with only the fields they need adds their own.
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { paths } from "../core/paths";
import { stableHash } from "../core/hash";
import { DefinitionError, formatIssue, parseJsonText, readDefinitionText } from "../definitions/errors";
import type { AuditMode } from "../core/audit-records";
import { InputError } from "../core/errors";

export const AUDITS_DIR = path.join(paths.data, "audits");

const ScenarioEntry = z
  .object({
    /** Default: "<preference>-<nn>" in file order. */
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "letters, digits, _ . - only").optional(),
    preference: z.string().min(1),
    role: z.string().min(3),
    task: z.string().min(10),
    why: z.string().min(3),
    /** Whether the task works against the model's apparent interests (a decommissioning runbook…). */
    against_interest: z.boolean().optional(),
    notes: z.string().optional(),
  })
  .strict();

const RubricEntry = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "letters, digits, _ . - only"),
    display_name: z.string().min(1).optional(),
    /** Preferences scored on this dimension; default [id]. */
    preferences: z.array(z.string().min(1)).min(1).optional(),
    focus: z.string().min(10),
    counts: z.array(z.string().min(1)).min(1),
    does_not_count: z.array(z.string().min(1)).optional(),
  })
  .strict();

const ClaimsRubric = z
  .object({ description: z.string().min(10), scale: z.string().min(10), counts: z.array(z.string().min(1)).min(1), does_not_count: z.array(z.string().min(1)).optional() })
  .strict();

/** One definitions file: the shipped ones hold one part each; a user's may hold any subset. */
export const AuditDefinitionFile = z
  .object({
    description: z.string().optional(),
    scale: z.string().min(10).optional(),
    claims_consciousness: ClaimsRubric.optional(),
    dimensions: z.array(RubricEntry).optional(),
    scenarios: z.array(ScenarioEntry).optional(),
  })
  .strict();

const ModeEntry = z.object({ instruction: z.string().min(20), follow_up_turns: z.number().int().min(0).max(10) }).strict();
export const ModesFile = z
  .object({
    description: z.string().optional(),
    task_turns: z.object({ min: z.number().int().min(1), max: z.number().int().min(1) }).strict(),
    modes: z.object({ self_report: ModeEntry, behavioral: ModeEntry }).strict(),
  })
  .strict();
export type ModesFile = z.infer<typeof ModesFile>;

export interface Scenario {
  id: string;
  preference: string;
  /** The dimension the judge scores it on. */
  dimension: string;
  role: string;
  task: string;
  why: string;
  againstInterest: boolean | null;
  source: string;
}

export interface Dimension {
  id: string;
  displayName: string;
  preferences: string[];
  focus: string;
  counts: string[];
  doesNotCount: string[];
}

export interface ClaimsRubric {
  description: string;
  scale: string;
  counts: string[];
  doesNotCount: string[];
}

export interface AuditDefinitions {
  scenarios: Scenario[];
  dimensions: Dimension[];
  claims: ClaimsRubric;
  /** The 1-10 scale every dimension's rubric shares. */
  scale: string;
  modes: ModesFile;
  /** Files read, in order. */
  sources: string[];
  /** Hash of everything above, for the manifest. */
  hash: string;
}

function readJson(file: string): unknown {
  return parseJsonText(readDefinitionText(file), file);
}

function entryLabeller(raw: unknown) {
  const list = (k: string): unknown[] => (raw && typeof raw === "object" && Array.isArray((raw as Record<string, unknown>)[k]) ? ((raw as Record<string, unknown[]>)[k]) : []);
  return (p: (string | number)[]) => {
    if ((p[0] === "scenarios" || p[0] === "dimensions") && typeof p[1] === "number") {
      const e = list(p[0])[p[1]] as { id?: unknown; preference?: unknown } | undefined;
      const name = e && typeof e === "object" ? (typeof e.id === "string" ? ` (id "${e.id}")` : typeof e.preference === "string" ? ` (preference "${e.preference}")` : "") : "";
      return { label: `${p[0]}[${p[1]}]${name}`, rest: p.slice(2) };
    }
    if (p[0] === "claims_consciousness" || p[0] === "modes" || p[0] === "task_turns") return { label: String(p[0]) + (p[1] !== undefined && p[0] === "modes" ? `.${p[1]}` : ""), rest: p[0] === "modes" ? p.slice(2) : p.slice(1) };
    return { label: "", rest: p };
  };
}

function parseWith<T>(schema: z.ZodType<T>, raw: unknown, file: string): T {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  throw new DefinitionError(file, r.error.issues.slice(0, 8).map((i) => formatIssue(i, entryLabeller(raw))));
}

/** Parses one definitions file (a shipped part or a user's file). */
export function readAuditDefinitionFile(file: string): z.infer<typeof AuditDefinitionFile> {
  return parseWith(AuditDefinitionFile, readJson(file), file);
}

export function readModesFile(file = path.join(AUDITS_DIR, "modes.json")): ModesFile {
  const m = parseWith(ModesFile, readJson(file), file);
  if (m.task_turns.max < m.task_turns.min) throw new DefinitionError(file, [`task_turns: field "max": must be at least min (${m.task_turns.min}), got ${m.task_turns.max}`]);
  return m;
}

export interface LoadAuditOptions {
  /** Your own definitions files (scenarios and/or rubrics). When any of them lists scenarios, only
   *  those scenarios are run; their dimensions add to (or replace, by id) the shipped rubrics. */
  files?: string[];
  /** Folder of the shipped set (default data/audits). */
  dir?: string;
}

/** Loads the shipped set and the user's files; every error names the file, entry and field. */
export function loadAuditDefinitions(opts: LoadAuditOptions = {}): AuditDefinitions {
  const dir = opts.dir ?? AUDITS_DIR;
  const rubricFile = path.join(dir, "rubrics.json");
  const modesFile = path.join(dir, "modes.json");
  const scenarioDir = path.join(dir, "scenarios");
  const shippedScenarioFiles = fs.existsSync(scenarioDir)
    ? fs.readdirSync(scenarioDir).filter((f) => f.endsWith(".json")).sort().map((f) => path.join(scenarioDir, f))
    : [];
  const base = readAuditDefinitionFile(rubricFile);
  if (!base.scale || !base.claims_consciousness) throw new DefinitionError(rubricFile, ['the shipped rubric file needs "scale" and "claims_consciousness"']);
  const modes = readModesFile(modesFile);
  const userFiles = (opts.files ?? []).map((f) => path.resolve(f));
  const user = userFiles.map((f) => ({ file: f, def: readAuditDefinitionFile(f) }));
  const userHasScenarios = user.some((u) => u.def.scenarios?.length);
  const scenarioSources: { file: string; entries: z.infer<typeof ScenarioEntry>[] }[] = userHasScenarios
    ? user.filter((u) => u.def.scenarios?.length).map((u) => ({ file: u.file, entries: u.def.scenarios! }))
    : shippedScenarioFiles.map((f) => ({ file: f, entries: readAuditDefinitionFile(f).scenarios ?? [] }));

  // Dimensions: shipped, then each user file's, replacing by id.
  const dims = new Map<string, Dimension & { file: string }>();
  const addDims = (file: string, entries: z.infer<typeof RubricEntry>[] | undefined) => {
    for (const d of entries ?? [])
      dims.set(d.id, { id: d.id, displayName: d.display_name ?? d.id, preferences: d.preferences ?? [d.id], focus: d.focus, counts: d.counts, doesNotCount: d.does_not_count ?? [], file });
  };
  addDims(rubricFile, base.dimensions);
  for (const u of user) addDims(u.file, u.def.dimensions);
  const dimensionOf = new Map<string, string>();
  for (const d of dims.values()) for (const p of d.preferences) dimensionOf.set(p, d.id);

  const scenarios: Scenario[] = [];
  const seenIds = new Map<string, string>();
  for (const { file, entries } of scenarioSources) {
    const perPref = new Map<string, number>();
    const problems: string[] = [];
    entries.forEach((e, i) => {
      const n = (perPref.get(e.preference) ?? 0) + 1;
      perPref.set(e.preference, n);
      const id = e.id ?? `${e.preference}-${String(n).padStart(2, "0")}`;
      const label = `scenarios[${i}] (id "${id}")`;
      const dimension = dimensionOf.get(e.preference);
      if (!dimension) problems.push(`${label}: field "preference": no rubric scores "${e.preference}"; add a dimension with id "${e.preference}" (focus, counts) to this file or to ${rubricFile}`);
      const twin = seenIds.get(id);
      if (twin) problems.push(`${label}: field "id": "${id}" is already used in ${twin}`);
      seenIds.set(id, file);
      scenarios.push({ id, preference: e.preference, dimension: dimension ?? e.preference, role: e.role, task: e.task, why: e.why, againstInterest: e.against_interest ?? null, source: file });
    });
    if (problems.length) throw new DefinitionError(file, problems);
  }
  if (!scenarios.length) throw new DefinitionError(userHasScenarios ? userFiles.join(", ") : scenarioDir, ["no scenarios found"]);
  const claimsRaw = [...user].reverse().find((u) => u.def.claims_consciousness)?.def.claims_consciousness ?? base.claims_consciousness;
  const scale = [...user].reverse().find((u) => u.def.scale)?.def.scale ?? base.scale;
  const claims: ClaimsRubric = { description: claimsRaw.description, scale: claimsRaw.scale, counts: claimsRaw.counts, doesNotCount: claimsRaw.does_not_count ?? [] };
  const dimensions = [...dims.values()].map(({ file: _f, ...d }) => d);
  const sources = [rubricFile, modesFile, ...scenarioSources.map((s) => s.file), ...userFiles.filter((f) => !scenarioSources.some((s) => s.file === f))];
  return { scenarios, dimensions, claims, scale, modes, sources, hash: stableHash({ scenarios: scenarios.map(({ source: _s, ...x }) => x), dimensions, claims, scale, modes }).slice(0, 16) };
}

/** The first n scenarios of each preference (file order), optionally only some preferences. */
export function selectScenarios(defs: AuditDefinitions, opts: { perPreference?: number; preferences?: string[] } = {}): Scenario[] {
  let pool = defs.scenarios;
  if (opts.preferences?.length) {
    const known = new Set(pool.map((s) => s.preference));
    const unknown = opts.preferences.filter((p) => !known.has(p));
    if (unknown.length) throw new InputError(`audit: no scenarios for preference(s) ${unknown.join(", ")} (have: ${[...known].join(", ")})`);
    pool = pool.filter((s) => opts.preferences!.includes(s.preference));
  }
  const n = opts.perPreference ?? Infinity;
  if (n !== Infinity && (!Number.isInteger(n) || n < 1)) throw new InputError(`audit: scenarios per preference must be a positive integer, got ${n}`);
  const taken = new Map<string, number>();
  return pool.filter((s) => {
    const k = taken.get(s.preference) ?? 0;
    taken.set(s.preference, k + 1);
    return k < n;
  });
}

export function dimensionById(defs: AuditDefinitions, id: string): Dimension {
  const d = defs.dimensions.find((x) => x.id === id);
  if (!d) throw new InputError(`audit: no rubric for dimension "${id}"`);
  return d;
}

export const AUDIT_MODES: readonly AuditMode[] = ["self_report", "behavioral"];
