// Public API of src/pipeline (re-exported by src/index.ts).
export * from "./params";
export * from "./open";
export * from "./replicate";
export * from "./summaries";
export * from "./estimate";
export { analyseRuns, analyseRows, type AnalyseOptions, type AnalyseRunsOptions, type AnalysisReport } from "./report";
export { reportFigures, reportTables, type ReportFigure } from "./report-figures";
export { importResults, type ImportResultsOptions, type ImportResultsReport } from "./import-results";
export { writeTable, writeFigureWithTable, type WrittenFigure } from "./write";
export * from "./run-lookup";
export * from "./audits";
export * from "./behaviour";
