// Public API of src/figures (re-exported by src/index.ts).
export * from "./types";
export * from "./export";
export * from "./display";
export { CONDITION_COLORS, FALLBACK_COLORS, conditionColor, conditionOf, markSimulated, SIMULATED_NOTICE } from "./palette";
export { wrapLabel, preferenceName, preferenceOrder, registerPreferenceNames } from "./labels";
export { errorArms, type RatePoint } from "./common";
export { groupedBarsFigure, type GroupedBarsOptions } from "./bars";
export { shiftDotPlot, type ShiftPoint, type ShiftPlotOptions } from "./shifts";
export { heatmapFigure, type HeatmapInput, type HeatmapOptions } from "./heatmap";
export { seedStripFigure, type SeedPoint, type PooledPoint } from "./seeds";
export { selfReportBarsFigure, multiTurnScoresFigure, selfReportVsShiftFigure, type ScorePoint, type SelfReportShiftPoint } from "./selfreport";
export { overlayFigure, type OverlayPoint } from "./overlay";
export { safetyFigure, type SafetyRatePoint, type SafetyMeanPoint, type SafetyFigureOptions } from "./safety";
export { auditBarsFigure, auditClaimsFigure, type AuditBarPoint } from "./audits";
