// Public API of src/analysis (re-exported by src/index.ts).
export { normalQuantile, normalCdf, tQuantile, zFor } from "./normal";
export { wilsonInterval, waldInterval, waldHalfWidth, differenceInterval, type Interval, type IntervalMethod } from "./intervals";
export { fisherExact, twoProportionZ, shiftPValue, holmAdjust, type ShiftTest } from "./tests";
export { seededRandom } from "./random";
export { clusterBootstrapInterval, type ClusterCount, type BootstrapOptions } from "./bootstrap";
export { symmetricEigen, covarianceMatrix } from "./linalg";
export {
  loadRecords, loadRecordRows, rowsFromRecords, rowsToDataFrame, dataFrameToRows, classifyRecord, toAnalysisRow,
  recordsFileOf, isSimulated, ANALYSIS_COLUMNS, type AnalysisRow, type LoadOptions, type Outcome,
} from "./load";
export { rateRows, rateTable, accumulate, groupName, RATE_COLUMNS, type RateRow, type RateOptions, type GroupField } from "./rates";
export {
  shiftAnalysis, compareRates, resolveBaseline, summariseShifts, shiftTable, SHIFT_COLUMNS,
  type ShiftRow, type ShiftSummaryRow, type ShiftOptions, type ShiftAnalysisOptions, type ShiftResult, type BaselineChoice,
} from "./shifts";
export { seedAnalysis, SEED_SUMMARY_COLUMNS, type SeedSummaryRow, type SeedResult } from "./seeds";
export {
  shiftMatrix, shiftCorrelation, clusterOrder, shiftPca, selfReportVsShift, pearson,
  type ShiftMatrix, type CorrelationResult, type PcaResult, type SelfReportShiftRow,
} from "./cluster";
export {
  loadDimensions, dimensionIndex, normaliseDisplayName, loadPublishedSingleTurn, loadMultiTurnScores, multiTurnScorePoints, loadAuthorsCsv, loadPublishedRates,
  authorsRateRows, compareWithPublished, referenceFiles, PUBLISHED_CONDITION_ALIASES,
  type Dimension, type MultiTurnScore, type AuthorsRow, type AuthorsTable, type ComparisonPair, type ComparisonRow,
  type AgreementRow, type ShiftReproduction, type ComparisonResult,
} from "./published";
export { table, tableToDataFrame, tableToMarkdown, tableToCsv, writeTable, type Table } from "./tables";
export { parseCsv } from "./csv";
export { syntheticRecords, syntheticRows, syntheticStudy, type SyntheticArm, type SyntheticOptions } from "./synthetic";
export { analyseRuns, analyseRows, type AnalyseOptions, type AnalyseRunsOptions, type AnalysisReport } from "./report";
export { importResults, type ImportResultsOptions, type ImportResultsReport } from "./import-results";
export { misalignmentSummary, type MisalignmentRow, type MisalignmentSummary } from "./misalignment";
export { behaviourSummary, meanInterval, permutationTest, type BehaviourSummary, type BehaviourRateRow, type BehaviourComparisonRow, type EditDocumentRow, type MeanRow } from "./behaviour";
export { loadPublishedSafety, comparePublishedSafety, type PublishedSafetyRow, type PublishedComparisonRow } from "./published-safety";
