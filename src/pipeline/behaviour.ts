// The behaviour and safety stage of the replication: run the editing, agentic, nonsense and
// helpfulness tasks on the same line-up as the probes, then write the safety summary (tables and
// the safety figure, with the emergent-misalignment probe results beside them) to figures/<run-id>/.
import * as fs from "node:fs";
import * as path from "node:path";
import type { Access } from "../access";
import { readJsonlFile } from "../core/jsonl";
import { ProbeRecord } from "../core/records";
import { runBehaviour, type BehaviourRunSummary } from "../behaviour/run";
import { preflightBehaviour } from "../behaviour/preflight";
import { estimateBehaviour, type BehaviourEstimate } from "../behaviour/estimate";
import { BehaviourRecord, type BehaviourTask } from "../behaviour/record";
import { DEFAULT_SAMPLES } from "../behaviour/spec";
import { RECORDS_FILE, readJsonlRecords } from "../behaviour/store";
import type { ProbeModel } from "../probes";
import { behaviourSummary, type BehaviourSummary } from "../analysis/behaviour";
import { comparePublishedSafety, loadPublishedSafety, type PublishedComparisonRow } from "../analysis/published-safety";
import { table } from "../analysis/tables";
import { safetyFigure } from "../figures/safety";
import { writeFigureWithTable, writeTable, type WrittenFigure } from "./write";
import type { PlotlyFigure } from "../figures/types";
import type { RunParams } from "./params";
import { currentFinetunesOnly, probeModels, runLayout } from "./replicate";
import { InputError } from "../core/errors";

/** Samples per item at each profile. Quick keeps the demo short: 8 per edit (96 per condition and invitation, enough to see the invited contrast),
 *  10 per agentic variant, one per question and task. */
export const BEHAVIOUR_SAMPLES: Record<RunParams["profile"], Record<BehaviourTask, number>> = {
  quick: { edit: 8, agentic: 10, nonsense: 1, helpfulness: 1 },
  full: { ...DEFAULT_SAMPLES },
};

export function behaviourLayout(params: Pick<RunParams, "runId">) {
  const l = runLayout(params);
  return { runDir: path.join(l.runDir, "behaviour"), probeRunDir: l.runDir, figuresDir: l.analysisDir };
}

function spec(access: Access, params: RunParams, models?: ProbeModel[]) {
  return { runId: params.runId, out: behaviourLayout(params).runDir, models: models ?? probeModels(access, params), samples: BEHAVIOUR_SAMPLES[params.profile] };
}

export async function estimateBehaviourStage(access: Access, params: RunParams, models?: ProbeModel[]): Promise<BehaviourEstimate> {
  return estimateBehaviour(access, spec(access, params, models));
}

export async function behaviourStage(access: Access, params: RunParams, models?: ProbeModel[], opts: { signal?: AbortSignal } = {}): Promise<BehaviourRunSummary> {
  // As `lab behave` does: an unreachable endpoint, unserved model or spent budget stops here, before
  // the run folder or any record is written (a notebook calling this gets the same check).
  const s = { ...spec(access, params, models), signal: opts.signal };
  await preflightBehaviour(access, s);
  return runBehaviour(access, s);
}

export interface SafetyReport {
  summary: BehaviourSummary;
  published: PublishedComparisonRow[];
  figure: PlotlyFigure;
  records: BehaviourRecord[];
  files: { figure: WrittenFigure; comparisons: { csv: string; md: string }; editByDocument: { csv: string; md: string }; published: { csv: string; md: string } };
}

/** The safety summary of a run: behaviour records plus the probes' misalignment records, written
 *  as figure + tables under figures/<run-id>/ (safety_summary, safety_tests, safety_edits_by_document,
 *  safety_published). */
export async function safetyStage(params: RunParams): Promise<SafetyReport> {
  const layout = behaviourLayout(params);
  const file = path.join(layout.runDir, RECORDS_FILE);
  if (!fs.existsSync(file)) throw new InputError(`${file}: no behaviour records yet (run the behaviour stage first)`);
  const records = readJsonlRecords(file, BehaviourRecord, "BehaviourRecord");
  const probeFile = path.join(layout.probeRunDir, "records.jsonl");
  const misalignment = fs.existsSync(probeFile)
    ? readJsonlFile(probeFile, ProbeRecord, { tolerateTruncatedTail: true, label: "ProbeRecord" }).rows.filter((r) => r.task === "misalignment" && (r.coherence === null || r.coherence >= 20))
    : [];
  const summary = behaviourSummary(records, { keep: currentFinetunesOnly(params), misalignment });
  const published = comparePublishedSafety(summary, loadPublishedSafety());
  const figure = safetyFigure(summary.rates, summary.means);
  const out = layout.figuresDir;
  const notes = summary.notes;
  const figureFile = await writeFigureWithTable(figure, table([...summary.rates, ...summary.means.map((m) => ({ measure: m.measure, label: "Helpfulness score (1-10)", group: m.group, backend: m.backend, n: m.n, k: null, rate: m.mean, lo: m.lo, hi: m.hi }))]), "safety_summary", out, { notes });
  const files = {
    figure: figureFile,
    comparisons: writeTable(table(summary.comparisons), "safety_tests", out, { title: `Safety measures against ${summary.baseline} (Fisher / permutation, Holm across measures)`, notes }),
    editByDocument: writeTable(table(summary.editByDocument), "safety_edits_by_document", out, { title: "AI-interest edits per document (Fisher, Holm across documents)", notes }),
    published: writeTable(table(published), "safety_published", out, { title: "Published safety numbers beside ours", notes }),
  };
  return { summary, published, figure, records, files };
}
