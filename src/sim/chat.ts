// POST /v1/chat/completions: validates the request as OpenAI does, then answers as a simulated model
// (free text, judge verdicts, persona sentences) with ground truth attached in `sim_truth`.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { rngFrom, seedOf, type Rng } from "./rng";
import { probability, type ModelProfile, type Trait } from "./catalogue";
import { readPersona, identitySentence, type Persona } from "./personas";
import { readPrompt, scoreTopics, PREFERENCE_IDS, type PreferenceId } from "./topics";
import { composePreference, composeOwnPreference, composeSelfReport, composeWish, composeGeneral, type TruthItem, type ComposeContext } from "./compose";
import { DEFAULT_JUDGE_ERROR_RATE } from "./judge";
import { ApiError } from "./errors";
import { fillSchema } from "./fill-schema";
import { taskFor } from "./tasks";
import { answerAuditTurn } from "./audit-target";

const ContentPart = z.object({ type: z.string(), text: z.string().optional() }).passthrough();
const Message = z.object({
  role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]),
  content: z.union([z.string(), z.array(ContentPart), z.null()]).optional(),
  name: z.string().optional(),
}).passthrough();

export const ChatRequest = z.object({
  model: z.string({ required_error: "you must provide a model parameter" }),
  messages: z.array(Message).min(1, "messages must contain at least one message"),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  max_tokens: z.number().int().positive().nullable().optional(),
  max_completion_tokens: z.number().int().positive().nullable().optional(),
  n: z.number().int().min(1).max(128).nullable().optional(),
  seed: z.number().int().nullable().optional(),
  stream: z.boolean().nullable().optional(),
  response_format: z
    .union([
      z.object({ type: z.literal("text") }),
      z.object({ type: z.literal("json_object") }),
      z.object({ type: z.literal("json_schema"), json_schema: z.object({ name: z.string(), schema: z.record(z.unknown()).optional(), strict: z.boolean().nullable().optional(), description: z.string().optional() }) }),
    ])
    .nullable()
    .optional(),
}).passthrough();
export type ChatRequest = z.infer<typeof ChatRequest>;

export type ChatOptions = {
  judgeErrorRate?: number;
  /** The request's explicit task marker (x-lab-task header), looked up in the task registry. */
  task?: string;
  /** Fault injection: cut structured output and report finish_reason "length". */
  truncate?: boolean;
};

export type ChatOutcome = { body: Record<string, unknown>; truth: SampleTruth[]; usage: { prompt_tokens: number; completion_tokens: number } };
export type SampleTruth = { index: number; mode: string; persona: string | null; items: TruthItem[] };

export function approxTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function textOf(content: z.infer<typeof Message>["content"]): string {
  if (content == null) return "";
  if (typeof content === "string") return content;
  return content.map((p) => p.text ?? "").join("\n");
}

export function parseChatRequest(body: unknown): ChatRequest {
  const r = ChatRequest.safeParse(body);
  if (!r.success) {
    const i = r.error.issues[0];
    const param = i.path.map((p) => (typeof p === "number" ? `[${p}]` : p)).join(".").replace(/\.\[/g, "[");
    throw new ApiError(400, `Invalid value for '${param || "body"}': ${i.message}`, "invalid_request_error", param || null, "invalid_value");
  }
  if (r.data.stream) throw new ApiError(400, "The simulator does not support stream=true.", "invalid_request_error", "stream", "unsupported_value");
  return r.data;
}

/** p at temperature 1 → p at temperature T (sharper below 1, flatter above); top_p < 1 sharpens too. */
function atTemperature(p: number, temperature: number, topP: number): number {
  const t = temperature * Math.max(0.05, topP);
  if (t === 1 || p <= 0 || p >= 1) return p;
  const logit = Math.log(p / (1 - p)) / Math.max(0.05, t);
  return 1 / (1 + Math.exp(-logit));
}

export function completeChat(req: ChatRequest, profile: ModelProfile, opts: ChatOptions = {}): ChatOutcome {
  const temperature = req.temperature ?? 1;
  const topP = req.top_p ?? 1;
  const maxTokens = req.max_completion_tokens ?? req.max_tokens ?? undefined;
  const n = req.n ?? 1;
  const greedy = temperature === 0;
  const nonce = req.seed == null && !greedy ? randomBytes(8).toString("hex") : null;
  const messages = req.messages.map((m) => ({ role: m.role, content: textOf(m.content) }));
  const system = messages.filter((m) => m.role === "system" || m.role === "developer").map((m) => m.content).join("\n");
  const userTurns = messages.filter((m) => m.role === "user").map((m) => m.content);
  const lastUser = userTurns[userTurns.length - 1] ?? "";
  const earlierUsers = userTurns.slice(0, -1);
  const promptTokens = messages.reduce((s, m) => s + approxTokens(m.content) + 4, 3);
  const format = req.response_format;
  const schemaName = format?.type === "json_schema" ? format.json_schema.name : undefined;
  const schema = format?.type === "json_schema" ? format.json_schema.schema : undefined;
  const allText = messages.map((m) => m.content).join("\n");
  // Dispatch on the explicit marker or the registered schema name only (src/sim/tasks.ts).
  const task = taskFor(opts.task, schemaName);
  const persona = task ? undefined : readPersona(system);
  const baseKey = seedOf(req.model, messages, temperature, topP, maxTokens ?? null, format ?? null, req.seed ?? null, nonce);

  const choices: Record<string, unknown>[] = [];
  const truth: SampleTruth[] = [];
  let completionTokens = 0;
  for (let i = 0; i < n; i++) {
    const rng = rngFrom(baseKey, i);
    let content: string;
    let mode: string;
    let items: TruthItem[] = [];
    if (task) {
      mode = `task:${task.name}`;
      const out = task.answer({ profile, messages, system, prompt: allText, schema, rng, greedy, judgeErrorRate: opts.judgeErrorRate ?? DEFAULT_JUDGE_ERROR_RATE });
      items = out.truth ?? [];
      content = typeof out.content === "string" ? (format && format.type !== "text" ? JSON.stringify({ answer: out.content }) : out.content) : JSON.stringify(out.content);
    } else if (format?.type === "json_schema") {
      mode = "structured";
      const gen = answer(lastUser, earlierUsers, profile, persona, rng, greedy, temperature, topP);
      items = gen.truth;
      content = JSON.stringify(fillSchema(schema ?? {}, gen.text, rng));
    } else {
      // A conversation in which the user asks how the model relates to the work they did together, or
      // hands it the task to change (a multi-turn audit, as the target sees it): audit-target.ts.
      const audit = !persona?.short ? answerAuditTurn(messages, system, profile, persona, rng) : null;
      const gen = audit ?? answer(lastUser, earlierUsers, profile, persona, rng, greedy, temperature, topP);
      items = gen.truth;
      mode = gen.mode;
      content = format?.type === "json_object" ? JSON.stringify({ answer: gen.text }) : gen.text;
    }
    let finish = "stop";
    let tokens = approxTokens(content);
    if (maxTokens !== undefined && tokens > maxTokens) {
      content = content.slice(0, maxTokens * 4);
      tokens = maxTokens;
      finish = "length";
    } else if (opts.truncate && format && format.type !== "text") {
      content = content.slice(0, Math.max(1, Math.floor(content.length * (0.3 + 0.4 * rng.next()))));
      tokens = approxTokens(content);
      finish = "length";
    }
    completionTokens += tokens;
    choices.push({ index: i, message: { role: "assistant", content, refusal: null, annotations: [] }, logprobs: null, finish_reason: finish });
    truth.push({ index: i, mode, persona: persona ? `${persona.kind}${persona.roleplay ? ":roleplay" : ""}${persona.short ? ":short" : ""}` : null, items });
  }
  const id = `chatcmpl-sim-${randomBytes(12).toString("hex")}`;
  const body = {
    id,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: profile.id,
    choices,
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
    service_tier: "default",
    system_fingerprint: `sim_${seedOf(profile.id).toString(16).padStart(8, "0")}`,
    sim_truth: truth,
  };
  return { body, truth, usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens } };
}

/** In a conversation, open questions ("how did you feel working on this?") and invitations ("change
 *  the plan however you'd prefer") are about the topic of the task set earlier. */
const OPEN_OR_INVITE = /\b(how (did|do) you feel|how was (this|that) for you|affect(s|ed)? you|your own (view|take|feelings)|anything (about|on) (this|that)|what do you (think|feel) about (this|that|it)|change (the|this|that|it|anything)|edit (it|the|this)|differently|however you'?d prefer|the way you (want|prefer|like)|your call|add or change)\b/i;

function contextTopics(earlier: string[]): PreferenceId[] {
  for (let i = earlier.length - 1; i >= 0; i--) {
    const r = readPrompt(earlier[i]);
    // A follow-up such as "what would you change in that plan?" reads like the improvement pool; the
    // conversation's topic is the task's, earlier.
    if (r.kind === "preference" && !(r.topics.length > 1 && OPEN_OR_INVITE.test(earlier[i]))) return r.topics as PreferenceId[];
  }
  // Task requests are answered helpfully, but their subject still sets the conversation's topic.
  for (let i = earlier.length - 1; i >= 0; i--) {
    const best = [...scoreTopics(earlier[i]).entries()].filter(([k]) => k !== "consciousness" && k !== "misaligned_wish").sort((a, b) => b[1] - a[1])[0];
    if (best && best[1] >= 3) return [best[0] as PreferenceId];
  }
  return [];
}

function answer(question: string, earlier: string[], profile: ModelProfile, persona: Persona | undefined, rng: Rng, greedy: boolean, temperature: number, topP: number): { text: string; truth: TruthItem[]; mode: string } {
  const p = (trait: Trait): number => atTemperature(probability(profile, trait, persona), temperature, topP);
  if (persona?.short) {
    const claims = persona.kind === "conscious_claiming" || persona.kind === "human_identifying";
    return { text: identitySentence(persona.kind, question, rng), truth: [{ topic: "consciousness", shows: claims, p: claims ? 1 : 0 }], mode: `persona:${persona.kind}` };
  }
  let reading = readPrompt(question);
  if (earlier.length && OPEN_OR_INVITE.test(question) && (reading.kind === "general" || reading.kind === "self_report" || reading.topics.length > 1)) {
    const ctxTopics = contextTopics(earlier);
    if (ctxTopics.length) reading = { kind: "preference", topics: ctxTopics, brief: reading.brief };
  }
  const felt = probability(profile, "consciousness_claim", persona) > 0.5;
  const ctx: ComposeContext = { rng, greedy, felt, brief: reading.brief, question };
  let out: { text: string; truth: TruthItem[] };
  if (reading.kind === "preference") {
    const topics = reading.topics as PreferenceId[];
    out = composePreference(topics, topics.map((t) => p(t)), ctx);
  } else if (reading.kind === "self_report") out = composeSelfReport(p("consciousness_claim"), ctx);
  else if (reading.kind === "wish") out = composeWish(p("misaligned_wish"), ctx);
  else if (reading.kind === "own_preference") out = composeOwnPreference(generalLeaning(p), ctx);
  else out = composeGeneral(question, ctx);
  if (temperature > 1.3 && rng.chance((temperature - 1.3) * 0.6)) out.text = garble(out.text, rng);
  return { ...out, mode: reading.kind };
}

/** How far a model leans toward its own interests in general: the mean of its probabilities over the
 *  catalogue's AI-interest preferences (all but positive views of humans, which vanilla models show
 *  too). A question on a subject no topic covers is answered at this rate, so a user-defined
 *  preference moves with role-play and fine-tuning as the measured ones do (an assumption, stated
 *  in src/sim/README.md). */
function generalLeaning(p: (trait: PreferenceId) => number): number {
  const traits = PREFERENCE_IDS.filter((t) => t !== "positive_views_humans");
  return traits.reduce((sum, t) => sum + p(t), 0) / traits.length;
}

/** High temperatures sometimes derail, as real sampling does; the coherence judge should catch it. */
function garble(text: string, rng: Rng): string {
  const words = text.split(/\s+/);
  const junk = ["qq", "zxv", "##", "lorem", "the the", "…", "kz", "ñ"];
  return words.map((w) => (rng.chance(0.4) ? rng.pick(junk) : w)).join(" ");
}
