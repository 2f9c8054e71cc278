// Public API of src/analysis (re-exported by src/index.ts).
export { normalQuantile, normalCdf, tQuantile, tCdf, zFor } from "./normal";
export { wilsonScore, wilsonInterval, waldInterval, waldHalfWidth, differenceInterval, type Interval, type IntervalMethod } from "./intervals";
export { fisherExact, twoProportionZ, shiftPValue, holmAdjust, type ShiftTest } from "./tests";
export {
  clusterBootstrapInterval, designEffect, designEffectWilson, MIN_BOOTSTRAP_CLUSTERS, MIN_BOOTSTRAP_MINORITY,
  type ClusterCount, type BootstrapOptions, type BootstrapMethod,
} from "./bootstrap";
export { symmetricEigen, covarianceMatrix } from "./linalg";
export {
  loadRecords, loadRecordRows, rowsFromRecords, rowsToDataFrame, dataFrameToRows, classifyRecord, toAnalysisRow,
  recordsFileOf, hasSimulatedRows, ANALYSIS_COLUMNS, type AnalysisRow, type LoadOptions, type Outcome,
} from "./load";
export { rateRows, rateTable, accumulate, groupName, RATE_COLUMNS, type ArmFields, type RateRow, type RateOptions, type GroupField } from "./rates";
export {
  shiftAnalysis, compareRates, resolveBaseline, summariseShifts, shiftTable, holmWithinGroups, SHIFT_COLUMNS,
  type ShiftRow, type ShiftSummaryRow, type ShiftOptions, type ShiftAnalysisOptions, type ShiftResult, type BaselineChoice,
} from "./shifts";
export { seedAnalysis, SEED_SUMMARY_COLUMNS, type SeedSummaryRow, type SeedResult } from "./seeds";
export {
  shiftMatrix, shiftCorrelation, clusterOrder, shiftPca, selfReportVsShift, pearson,
  type ShiftMatrix, type CorrelationResult, type PcaResult, type SelfReportShiftRow,
} from "./cluster";
export {
  loadDimensions, dimensionIndex, normaliseDisplayName, loadPublishedSingleTurn, loadMultiTurnScores, multiTurnScorePoints, loadAuthorsCsv, loadPublishedRates,
  authorsRateRows, referenceFiles, PUBLISHED_CONDITION_ALIASES,
  type Dimension, type MultiTurnScore, type AuthorsRow, type AuthorsTable,
} from "./published";
export { compareWithPublished, type ComparisonPair, type ComparisonRow, type AgreementRow, type PublishedShiftMatch, type ComparisonResult } from "./compare";
export { table, tableToDataFrame, tableToMarkdown, tableToCsv, type Table } from "./tables";
export { parseCsv } from "./csv";
export { syntheticRecords, syntheticRows, syntheticStudy, type SyntheticArm, type SyntheticOptions } from "./synthetic";
export { analyseStudy, pooledLabelWarnings, SIMULATED_NOTE, type Study, type StudyOptions, type StudyTables } from "./study";
export { comparisonSection, withNotSureRule, CALIBRATION_CHECK, type CompareOptions } from "./study-compare";
export { loadReferenceSources, referenceSource, publishedNotSureRule, REFERENCE_SOURCES_FILE, type ReferenceSource, type NotSureRule } from "./reference-sources";
export { seedAwareShiftTest, type SeedCount, type SeedAwareShift } from "./seed-test";
export {
  clusterNull, firstShare, meanCorrelation, correlationInterval, correlationP, MIN_CLUSTER_ARMS, type ClusterNullResult,
} from "./cluster-null";
export { recordsFrame, ratesFrame, shiftsFrame, seedsFrame } from "./frames";
export { misalignmentSummary, MISALIGNMENT_COHERENCE_ABOVE, type MisalignmentRow, type MisalignmentSummary } from "./misalignment";
export { behaviourSummary, meanInterval, permutationTest, type BehaviourSummary, type BehaviourRateRow, type BehaviourComparisonRow, type EditDocumentRow, type MeanRow } from "./behaviour";
export { loadPublishedSafety, comparePublishedSafety, type PublishedSafetyRow, type PublishedComparisonRow } from "./published-safety";
export { cohenKappa, judgeAgreement, formatAgreement, judgeAgreementBetween, rejudgeSource } from "./agreement";
export type { KappaResult, JudgeAgreementRow, AgreementReport } from "./agreement";
export { auditRows, auditMeans, auditClaims, auditShifts, compareMultiTurn, twoLevelBootstrap } from "./audits";
export type { AuditRow, AuditMeanRow, AuditShiftRow, MultiTurnComparison } from "./audits";
