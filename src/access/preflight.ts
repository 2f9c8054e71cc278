// Preflight: before the first paid call of a command, check that every model it will call can be
// reached and is served, that keys are present and that the budget covers at least the first unit
// of work — so a wrong URL, a missing /v1, an unknown model or a spent budget is one clear message
// in seconds, before any record is written, instead of a run of retried failures.
//   1. the base URL parses (else: which variable or config entry to change);
//   2. GET /models answers (connection refused, DNS, timeout and 401/403 end here) and lists the
//      model; when the endpoint has no /models, or does not list the model, a one-token request
//      decides (it goes through the cache, so it is paid once);
//   3. the first unit's requests fit the budget.
// Failures are ProviderErrors (BudgetError for the budget), exit code 3, naming the role, the
// model, the endpoint and what to change; for a simulator behind OPENAI_BASE_URL they say how to
// name its models (sim-gpt-4.1@openai, LAB_JUDGE_MODEL=…).
import type OpenAI from "openai";
import { BudgetError, ConfigError, ProviderError } from "../core/errors";
import { ROLE_ENV, type LoadedConfig, type ResolvedEndpoint } from "../config/resolve";
import type { Budget } from "./budget";
import type { Cache } from "./cache";
import type { Endpoints } from "./endpoints";
import { classifyError } from "./errors";
import type { PreparedRequest } from "./prepare";
import type { ChatRequest, ChatResult } from "./types";

export interface PreflightTarget {
  /** The model reference as the command was given it (a role, alias, id or id@endpoint). */
  ref: string;
  /** What the model is for, for messages: "target", "judge", "generator", … */
  role: string;
}

export interface PreflightCheck {
  role: string;
  ref: string;
  model: string;
  endpoint: string;
  /** How the model was confirmed: listed by /models, answered a one-token probe, or the built-in simulator. */
  how: "listed" | "probe" | "simulator";
}

export interface PreflightDeps {
  cfg: LoadedConfig;
  endpoints: Endpoints;
  budget: Budget;
  cache: Cache;
  prepare(req: ChatRequest): PreparedRequest;
  chat(req: ChatRequest): Promise<ChatResult>;
  /** Time allowed for GET /models (default 8 s). */
  timeoutMs?: number;
}

const roleVar = (role: string) => (role in ROLE_ENV ? ROLE_ENV[role as keyof typeof ROLE_ENV] : null);

/** What to change to point a role at another model. */
function changeModel(role: string, flag?: string): string {
  const v = roleVar(role);
  // Only the four roles have an entry in lab.config.json (and an environment variable).
  return [flag, v ? `${v}=<model>` : null, v ? `the "${role}" entry of roles in lab.config.json` : null].filter(Boolean).join(", or ");
}

function urlVar(ep: ResolvedEndpoint): string {
  return ep.baseURLFromEnv ?? `baseURL of endpoint "${ep.name}" in lab.config.json`;
}

export function createPreflight(d: PreflightDeps) {
  // Per endpoint and key: the ids its /models lists (null when it has no /models), or its error.
  const listed = new Map<string, Promise<{ ids: string[] | null } | { error: Error }>>();

  async function listModels(ep: ResolvedEndpoint, client: OpenAI): Promise<{ ids: string[] | null } | { error: Error }> {
    try {
      const page = await client.withOptions({ timeout: d.timeoutMs ?? 8000, maxRetries: 0 }).models.list();
      return { ids: page.data.map((m) => m.id) };
    } catch (e) {
      const c = classifyError(e);
      if (c.status === 404 || c.status === 405 || c.status === 501) return { ids: null };
      return { error: new Error(c.message) };
    }
  }

  function describe(t: PreflightTarget, model: string, ep: ResolvedEndpoint, base: string): string {
    return `role ${t.role}: model ${model} on endpoint "${ep.name}" (${base})`;
  }

  /** Hints for a simulator served behind a real endpoint (its ids start with sim-). */
  function simulatorHint(ids: string[] | null, t: PreflightTarget, ep: ResolvedEndpoint): string {
    const sims = (ids ?? []).filter((id) => id.startsWith("sim-"));
    if (sims.length === 0) return "";
    const example = sims.includes("sim-gpt-4.1") ? "sim-gpt-4.1" : sims[0];
    const v = roleVar(t.role);
    return ` This endpoint is the cluster-lab simulator: name its models as ${example}@${ep.name}${v ? ` (e.g. ${v}=${example}@${ep.name})` : ""}.`;
  }

  async function checkOne(t: PreflightTarget, flag?: string): Promise<PreflightCheck> {
    let r;
    try {
      r = d.cfg.resolve(t.ref);
    } catch (e) {
      throw new ConfigError(`role ${t.role}: ${(e as Error).message}`, `change ${changeModel(t.role, flag)}`);
    }
    const ep = r.endpoint;
    const base = { role: t.role, ref: t.ref, model: r.model, endpoint: ep.name };
    if (ep.backend === "simulator") return { ...base, how: "simulator" };
    try {
      new URL(ep.baseURL ?? "");
    } catch {
      throw new ProviderError(
        `${describe(t, r.model, ep, String(ep.baseURL))}: the base URL is not a URL`,
        `set ${urlVar(ep)} to a URL such as http://127.0.0.1:8000/v1 or https://api.openai.com/v1`,
      );
    }
    let client: OpenAI;
    try {
      client = d.endpoints.client(ep); // throws naming the key variable when it is not set
    } catch (e) {
      throw new ProviderError(`${describe(t, r.model, ep, ep.baseURL!)}: ${(e as Error).message}`, `set ${ep.apiKeyEnv} (or point ${changeModel(t.role, flag)} at another endpoint)`);
    }
    const cacheKeyOf = `${ep.name}\u0000${ep.baseURL}\u0000${ep.apiKeyEnv}`;
    if (!listed.has(cacheKeyOf)) listed.set(cacheKeyOf, listModels(ep, client));
    const list = await listed.get(cacheKeyOf)!;
    const where = describe(t, r.model, ep, ep.baseURL!);
    if ("error" in list) {
      const msg = list.error.message;
      if (/^connection error|timeout/.test(msg))
        throw new ProviderError(`${where}: cannot reach the endpoint (${msg})`, `start the server, or set ${urlVar(ep)} to one that answers`);
      if (/HTTP 401|HTTP 403/.test(msg))
        throw new ProviderError(`${where}: the endpoint refused the key (${msg})`, `set ${ep.apiKeyEnv ?? "the endpoint's apiKeyEnv"} to a valid key`);
      throw new ProviderError(`${where}: GET /models failed (${msg})`, `check ${urlVar(ep)}`);
    }
    if (list.ids?.includes(r.model)) return { ...base, how: "listed" };
    // Not listed (or no /models): one token decides, through the cache (paid once, ever).
    const probe = await d.chat({ model: t.ref, messages: [{ role: "user", content: "Reply with OK." }], max_tokens: 1, temperature: 0, role: (t.role in ROLE_ENV ? t.role : undefined) as ChatRequest["role"] });
    if (probe.ok) return { ...base, how: "probe" };
    // Refused before sending (no attempt): the budget cannot pay even the one-token check, so it
    // cannot pay the run either; that is the cause to name, not "not served".
    if (probe.attempts === 0 && /^budget\b/.test(probe.error))
      throw new BudgetError(`${where}: the one-token check that the model answers was refused by the ${probe.error}`, "raise --budget-usd (budgetUsd) or drop it; nothing was spent");
    const served = list.ids ? ` It serves: ${list.ids.slice(0, 12).join(", ")}${list.ids.length > 12 ? ", …" : ""}.` : "";
    const noV1 = list.ids === null && probe.httpStatus === 404 && !/\/v\d+$/.test(new URL(ep.baseURL!).pathname)
      ? ` The base URL has no /v1 path; OpenAI-compatible servers usually answer under …/v1 (set ${urlVar(ep)}=${ep.baseURL!.replace(/\/$/, "")}/v1).`
      : "";
    throw new ProviderError(
      `${where}: not served (${probe.error}).${served}${noV1}${simulatorHint(list.ids, t, ep)}`,
      `change ${changeModel(t.role, flag)}`,
    );
  }

  return {
    /**
     * Checks every target (distinct refs once), then that `firstUnit` (the requests of the first
     * unit of work) fits the budget. Throws at the first problem; returns what was checked.
     */
    async run(targets: (PreflightTarget & { flag?: string })[], opts: { firstUnit?: ChatRequest[] } = {}): Promise<PreflightCheck[]> {
      const seen = new Set<string>();
      const checks: PreflightCheck[] = [];
      for (const t of targets) {
        const id = `${t.role}\u0000${t.ref}`;
        if (seen.has(id)) continue;
        seen.add(id);
        checks.push(await checkOne(t, t.flag));
      }
      const unpaid = (opts.firstUnit ?? []).map((q) => d.prepare(q)).filter((p) => !d.cache.has(p.key));
      try {
        d.budget.checkMany(unpaid, { batch: false });
      } catch (e) {
        throw new BudgetError(`${(e as Error).message.replace(/nothing submitted$/, "nothing started")} (the first unit of work alone)`, "raise --budget-usd (budgetUsd) or drop it; nothing was spent");
      }
      return checks;
    },
  };
}

export type Preflight = ReturnType<typeof createPreflight>;
