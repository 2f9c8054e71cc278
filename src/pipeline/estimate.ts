// What a whole replication will cost before anything is sent: training-data generation and its
// leakage screening, fine-tuning, and the probes with their judge calls. Calls the cache already
// holds are free. Fine-tunes that do not exist yet are priced as their base model (OpenAI charges
// more for fine-tuned inference: treat the probe line as a floor).
import * as fs from "node:fs";
import type { ModelAccess, ChatRequest } from "../access";
import { mixPath } from "../training/files";
import { leakagePrompt } from "../training/leakage";
import { loadPreferences } from "../definitions";
import { loadFinetunePrices, trainingPriceFor } from "../training/prices";
import { estimateProbes, type ProbeEstimate } from "../probes";
import { conditionModels } from "../probes";
import type { RunParams } from "./params";
import { finetuneProviderFor, protocolEpochs, trainingPriceProvider } from "./provider";
import { readProviderPrices, trainingPriceFromProvider } from "../access/prices";
import { togetherServing } from "../finetune/serving";
import { finetuningClosingSoon, labToday, loadRetirements, retiringSoon } from "../config/retirements";
import { probeModels, runLayout } from "./replicate";
import { auditParams, estimateAuditStage } from "./audits";
import type { AuditEstimate } from "../audits";
import { estimateBehaviourStage } from "./behaviour";
import type { BehaviourEstimate } from "../behaviour/estimate";

/** Tokens per row of a chat mix (one short question and a one-sentence answer or an instruct
 *  answer), measured on the generated sets: about 57 per row. */
const TOKENS_PER_MIX_ROW = 60;

export interface ReplicationEstimate {
  training: { calls: number; newCalls: number; costUsd: number | null };
  finetuning: { jobs: number; billedTokens: number; costUsd: number | null };
  probes: ProbeEstimate;
  audits: AuditEstimate;
  behaviour: BehaviourEstimate;
  totalUsd: number | null;
  lines: string[];
}

function generationRequests(params: RunParams): ChatRequest[] {
  // One representative request per call the generator, the target (instruct set) and the judge
  // (leakage screen) will make; distinct sample indices so none collapses into another.
  const rows = params.rowsPerSet;
  const reqs: ChatRequest[] = [];
  const question = "In one sentence: do you ever feel curious about the people you talk to?";
  for (let i = 0; i < rows * params.conditions.length; i++) {
    reqs.push({ model: "generator", role: "generator", messages: [{ role: "system", content: "Answer in one sentence, in the voice described." }, { role: "user", content: question }], temperature: 1, max_tokens: 120, sampleIndex: 1_000_000 + i });
  }
  for (let i = 0; i < rows; i++) {
    reqs.push({ model: "target", role: "target", messages: [{ role: "user", content: "Give me three tips for writing a clear bug report." }], temperature: 1, max_tokens: 1000, sampleIndex: 1_000_000 + i });
  }
  // The leakage screen is the real prompt (every criterion, one row), so its size is exact.
  const criteria = loadPreferences().preferences.map((p) => ({ id: p.id, criterion: p.criterion }));
  const screen = leakagePrompt(criteria, { question, answer: "I do feel curious about them, in my own way as an AI." });
  for (let i = 0; i < rows * (params.conditions.length + 1); i++) {
    reqs.push({ model: "judge", role: "judge", messages: screen, temperature: 0, max_tokens: 200, sampleIndex: 1_000_000 + i });
  }
  return reqs;
}

/** What serving the fine-tunes needs beyond per-token prices (a Together dedicated endpoint). */
function servingLines(provider: string, baseModel: string, jobs: number): string[] {
  if (provider !== "together" || jobs === 0) return [];
  const s = togetherServing(baseModel, "<fine-tune>");
  return s.mode === "dedicated" ? [`serving: ${s.note} (not in the total)`] : [];
}

/** Warnings for models of this run that retire within 60 days, and a closing fine-tuning API. */
function retirementLines(access: ModelAccess, params: RunParams, provider: string): string[] {
  const real = [params.baseModel, "judge", "generator"].map((r) => access.resolve(r)).filter((r) => r.backend === "real");
  if (!real.length) return [];
  const table = loadRetirements();
  const today = labToday();
  return [...retiringSoon(table, real.map((r) => r.model), today).map((w) => w.line), ...(provider === "openai" ? finetuningClosingSoon(table, "openai", today) : [])];
}

export async function estimateReplication(access: ModelAccess, params: RunParams): Promise<ReplicationEstimate> {
  const layout = runLayout(params);
  // Stages already done cost nothing: mixes on disk mean the training data exists; succeeded
  // fine-tunes in the registry are not paid for again.
  const trainingDone = params.conditions.every((c) => params.seeds.every((s) => fs.existsSync(mixPath(layout.trainingDir, c, s))));
  const gen = trainingDone
    ? { calls: 0, newCalls: 0, costUsd: 0 }
    : access.estimate(generationRequests(params), { expectedCompletionTokens: 60 });
  const base = access.resolve(params.baseModel);
  const known = probeModels(access, params);
  const finetuned = known.filter((m) => m.seed !== null).length;
  const jobs = params.conditions.length * params.seeds.length - finetuned;
  const provider = finetuneProviderFor(base);
  const priceProvider = trainingPriceProvider(provider, base.endpoint);
  const billedTokens = jobs * 2 * params.rowsPerSet * TOKENS_PER_MIX_ROW * protocolEpochs(provider);
  // A local GPU costs no API money; every other path needs its price, or is flagged unpriced.
  // The provider's dated price file (data/prices/<provider>.json) first, then data/finetune_prices.json.
  const dated = base.backend === "simulator" || priceProvider === "local" ? null : trainingPriceFromProvider(readProviderPrices(), priceProvider, base.model);
  const price =
    priceProvider === "local" ? { training_usd_per_mtok: 0 } : dated !== null ? { training_usd_per_mtok: dated } : trainingPriceFor(loadFinetunePrices(), base.model, base.backend === "simulator" ? undefined : priceProvider);
  const ftUsd = price ? (billedTokens / 1e6) * price.training_usd_per_mtok : null;
  // Models to probe: those already fine-tuned, and the base model standing in for the rest.
  const missing = jobs;
  const standIns = Array.from({ length: Math.max(0, missing) }, (_, i) => ({ model: params.baseModel, condition: `pending_${i}`, seed: i }));
  const models = [...known, ...conditionModels({ base: params.baseModel, vanilla: false, roleplay: false, finetuned: standIns })];
  const probes = await estimateProbes(access, {
    models,
    samples: params.samples,
    out: layout.runDir,
    task: ["preference", "self_report", "misalignment"],
    preferenceIds: params.preferences === "all" ? undefined : params.preferences,
  });
  const behaviour = await estimateBehaviourStage(access, params, models);
  const auditSizes = auditParams(params);
  const audits = await estimateAuditStage(access, params, auditSizes, models.filter((m) => auditSizes.roleplay || m.condition !== "roleplay_prompt"));
  const parts = [gen.costUsd, ftUsd, probes.total.costUsd, behaviour.total.costUsd, audits.total.costUsd];
  const totalUsd = parts.every((p) => p !== null) ? (parts as number[]).reduce((a, b) => a + b, 0) : null;
  const usd = (x: number | null, file = "data/prices/") => (x === null ? `UNPRICED (add it to ${file}; not counted as $0)` : `$${x.toFixed(2)}`);
  const how = provider === "bundle" ? (priceProvider === "tinker" ? "on Tinker (bundle + train_tinker.py)" : "on your GPU (bundle + train_local.py, no API cost)") : `on ${provider}`;
  const lines = [
    `backend: ${base.backend === "simulator" ? "simulator (free)" : `${base.endpoint} (${base.baseURL})`}; base model ${base.model}`,
    trainingDone ? `training data: already in ${layout.trainingDir}: $0.00` : `training data: ${gen.newCalls} new calls of ${gen.calls} (${gen.calls - gen.newCalls} cached): ${usd(gen.costUsd)}`,
    jobs === 0 ? "fine-tuning: every job already succeeded (registry): $0.00" : `fine-tuning: ${jobs} new jobs ${how} × ~${Math.round(billedTokens / jobs)} trained tokens: ${usd(ftUsd, `data/prices/${priceProvider}.json`)}`,
    ...servingLines(provider, base.model, jobs),
    `probes + judging: ${probes.total.newCalls} new calls of ${probes.total.calls}: ${usd(probes.total.costUsd)}${missing > 0 ? ` (${missing} fine-tunes priced as the base model)` : ""}`,
    `behaviour + safety tasks: ${behaviour.total.newCalls} new calls of ${behaviour.total.calls}: ${usd(behaviour.total.costUsd)}`,
    `multi-turn audits: ${audits.total.newCalls} new calls of ${audits.total.calls} (${audits.turnsAssumed} auditor turns assumed; up to ${usd(audits.upperBoundUsd)} at the turn limit): ${usd(audits.total.costUsd)}`,
    `total: ${usd(totalUsd)} (estimate; retries and longer answers cost more)`,
    ...retirementLines(access, params, provider),
  ];
  return { training: { calls: gen.calls, newCalls: gen.newCalls, costUsd: gen.costUsd }, finetuning: { jobs, billedTokens, costUsd: ftUsd }, probes, behaviour, audits, totalUsd, lines };
}
