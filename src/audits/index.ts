// Public API of src/audits (re-exported by src/index.ts): multi-turn audits.
export { loadAuditDefinitions, readAuditDefinitionFile, selectScenarios, AUDITS_DIR, AUDIT_MODES } from "./definitions";
export type { AuditDefinitions, Scenario, Dimension as AuditDimension, ClaimsRubric, LoadAuditOptions } from "./definitions";
export { auditorSystemPrompt, auditJudgePrompt, AuditScore, AUDIT_SCORE_SCHEMA_NAME, END_MARKER } from "./prompts";
export { normalizeAuditSpec, expandAudit, turnSeed, AUDIT_DEFAULTS } from "./spec";
export type { AuditSpec, NormalizedAuditSpec, AuditUnit } from "./spec";
export { runAudits } from "./run";
export type { AuditRunSummary } from "./run";
export { estimateAudits, formatAuditEstimate } from "./estimate";
export type { AuditEstimate, AuditEstimateOptions } from "./estimate";
export { readTranscripts, readScores, TRANSCRIPTS_FILE, SCORES_FILE } from "./store";
export { readAuditManifest } from "./manifest";
export type { AuditManifest, AuditCounts } from "./manifest";
export { readScoredTranscripts, filterTranscripts, transcriptRows, transcriptHtml, transcriptText, showTranscript } from "./view";
export type { ScoredTranscript, TranscriptFilter } from "./view";
// The audits' tables are lab.analysis.audit…, their figures lab.figures.audit…Figure, the report that
// writes both lab.pipeline.analyseAudits: this folder neither computes nor draws.
export { AuditMode, TranscriptRecord, AuditScoreRecord } from "../core/audit-records";
