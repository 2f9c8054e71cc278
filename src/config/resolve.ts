// Loads lab.config.json, applies env-var overrides and turns a model reference (a role name, an
// alias, "model@endpoint" or a bare model id) into the endpoint it runs on. Never calls a model.
import * as path from "node:path";
import { ConfigError } from "../core/errors";
import { readJsonFile } from "../core/json";
import { paths } from "../core/paths";
import type { Backend } from "../core/records";
import { LabConfig, ROLES, EndpointConfig, RetryPolicy, EndpointLimits, type Role } from "./schema";
import { isSimulated } from "./simulated";


/** The name of the endpoint that the built-in simulator uses when the config lists none. */
export const SIMULATOR_ENDPOINT = "simulator";

export interface ResolvedEndpoint {
  name: string;
  kind: EndpointConfig["kind"];
  backend: Backend;
  /** Configured base URL; for the simulator this is filled in once it has started. */
  baseURL: string | null;
  apiKeyEnv: string | null;
  /** The environment variable that set baseURL, when one did (e.g. OPENAI_BASE_URL); for messages. */
  baseURLFromEnv?: string;
  limits: EndpointLimits;
  retry: RetryPolicy;
}

export interface ResolvedModel {
  /** Model id as sent to the endpoint. */
  model: string;
  endpoint: ResolvedEndpoint;
  /** Set when the reference was a role name. */
  role?: Role;
}

export interface LoadedConfig {
  file: string;
  config: LabConfig;
  endpoints: Map<string, ResolvedEndpoint>;
  defaultEndpoint: ResolvedEndpoint;
  /** Why the default endpoint was chosen (shown by the CLI and in errors). */
  defaultReason: string;
  resolve(ref: string): ResolvedModel;
  /** The key for an endpoint, or an error naming the env var when a real endpoint lacks one. */
  apiKey(endpoint: ResolvedEndpoint): string | null;
}

export const ROLE_ENV: Record<Role, string> = {
  target: "LAB_TARGET_MODEL",
  judge: "LAB_JUDGE_MODEL",
  generator: "LAB_GENERATOR_MODEL",
  auditor: "LAB_AUDITOR_MODEL",
};

export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.LAB_CONFIG ? path.resolve(env.LAB_CONFIG) : path.join(paths.root, "lab.config.json");
}

/** Reads and validates a config file; errors name the file and the field. */
export function readConfigFile(file: string): LabConfig {
  return readJsonFile(file, LabConfig, { what: "config", error: (m) => new ConfigError(m) });
}

export function loadConfig(opts: { configPath?: string; env?: NodeJS.ProcessEnv } = {}): LoadedConfig {
  const env = opts.env ?? process.env;
  const file = opts.configPath ? path.resolve(opts.configPath) : defaultConfigPath(env);
  const config = readConfigFile(file);

  const endpoints = new Map<string, ResolvedEndpoint>();
  for (const e of config.endpoints) {
    if (endpoints.has(e.name)) throw new ConfigError(`config ${file}: endpoint "${e.name}" is listed twice`);
    if (e.kind !== "simulator" && !e.baseURL) throw new ConfigError(`config ${file}: endpoint "${e.name}" needs a baseURL`);
    const envURL = e.baseURLEnv ? env[e.baseURLEnv] : undefined;
    endpoints.set(e.name, {
      name: e.name,
      kind: e.kind,
      backend: e.kind === "simulator" ? "simulator" : "real",
      baseURL: e.kind === "simulator" ? null : stripSlash(envURL && envURL.trim() ? envURL.trim() : e.baseURL!),
      apiKeyEnv: e.kind === "simulator" ? null : e.apiKeyEnv,
      ...(e.baseURLEnv && envURL && envURL.trim() ? { baseURLFromEnv: e.baseURLEnv } : {}),
      limits: e.limits,
      retry: { ...config.retry, ...e.retry },
    });
  }
  const simulator = [...endpoints.values()].find((e) => e.kind === "simulator");
  if (!simulator) {
    endpoints.set(SIMULATOR_ENDPOINT, {
      name: SIMULATOR_ENDPOINT,
      kind: "simulator",
      backend: "simulator",
      baseURL: null,
      apiKeyEnv: null,
      limits: EndpointLimits.parse({ maxInFlight: 64 }),
      retry: config.retry,
    });
  }
  const simEndpoint = simulator ?? endpoints.get(SIMULATOR_ENDPOINT)!;
  const openaiEndpoint =
    endpoints.get("openai") ?? [...endpoints.values()].find((e) => e.apiKeyEnv === "OPENAI_API_KEY");

  const named = (name: string, why: string): ResolvedEndpoint => {
    const ep = endpoints.get(name);
    if (!ep) throw new ConfigError(`${why}: no endpoint named "${name}" in ${file} (have: ${[...endpoints.keys()].join(", ")})`);
    return ep;
  };

  let defaultEndpoint: ResolvedEndpoint;
  let defaultReason: string;
  const forced = env.LAB_BACKEND?.trim();
  if (forced) {
    if (forced === "simulator") defaultEndpoint = simEndpoint;
    else if (forced === "openai" || forced === "real") {
      if (!openaiEndpoint) throw new ConfigError(`LAB_BACKEND=${forced}: ${file} has no "openai" endpoint`);
      defaultEndpoint = openaiEndpoint;
    } else defaultEndpoint = named(forced, `LAB_BACKEND=${forced}`);
    defaultReason = `LAB_BACKEND=${forced}`;
  } else if (config.defaultEndpoint !== "auto") {
    defaultEndpoint = named(config.defaultEndpoint, `config ${file}: defaultEndpoint`);
    defaultReason = `defaultEndpoint in ${file}`;
  } else if (openaiEndpoint && (nonEmpty(env.OPENAI_API_KEY) || nonEmpty(env.OPENAI_BASE_URL))) {
    defaultEndpoint = openaiEndpoint;
    defaultReason = nonEmpty(env.OPENAI_API_KEY) ? "OPENAI_API_KEY is set" : "OPENAI_BASE_URL is set";
  } else if (keyedEndpoint(endpoints, env)) {
    // The open-weight path (Tinker, Together, OpenRouter keys, no OpenAI key): the roles are real.
    // Bare model ids still go to the openai endpoint, which names its missing key when used.
    const keyed = keyedEndpoint(endpoints, env)!;
    defaultEndpoint = openaiEndpoint ?? keyed;
    defaultReason = `${keyed.apiKeyEnv} is set`;
  } else {
    defaultEndpoint = simEndpoint;
    defaultReason = "no API key (OPENAI_API_KEY, TINKER_API_KEY, TOGETHER_API_KEY, OPENROUTER_API_KEY …) or OPENAI_BASE_URL in the environment";
  }

  const apiKey = (ep: ResolvedEndpoint): string | null => {
    if (ep.backend === "simulator") return "sim-no-key";
    if (!ep.apiKeyEnv) return null;
    const v = env[ep.apiKeyEnv];
    if (!nonEmpty(v)) {
      throw new ConfigError(
        `endpoint "${ep.name}" (${ep.baseURL}) needs an API key in the environment variable ${ep.apiKeyEnv}, which is not set` +
          (ep.kind === "openai-compatible" || ep.baseURL !== "https://api.openai.com/v1"
            ? ` (a server that needs no key accepts any value, e.g. ${ep.apiKeyEnv}=none)`
            : ""),
      );
    }
    return v!.trim();
  };

  const resolve = (ref: string): ResolvedModel => {
    if (typeof ref !== "string" || !ref.trim()) throw new ConfigError(`model reference must be a non-empty string, got ${JSON.stringify(ref)}`);
    let role: Role | undefined;
    let current = ref.trim();
    if ((ROLES as readonly string[]).includes(current)) {
      role = current as Role;
      const override = env[ROLE_ENV[role]];
      current = nonEmpty(override)
        ? override!.trim()
        : defaultEndpoint.backend === "simulator"
          ? config.simulatorRoles[role]
          : config.roles[role];
    }
    let explicit: ResolvedEndpoint | undefined;
    const at = current.lastIndexOf("@");
    if (at > 0 && endpoints.has(current.slice(at + 1))) {
      explicit = endpoints.get(current.slice(at + 1));
      current = current.slice(0, at);
    }
    const beforeAlias = current;
    for (let depth = 0; depth < 8 && Object.prototype.hasOwnProperty.call(config.aliases, current); depth++) {
      const target = config.aliases[current];
      if (typeof target === "string") current = target;
      else {
        current = target.model;
        explicit ??= named(target.endpoint, `config ${file}: alias "${beforeAlias}"`);
      }
    }
    const endpoint = explicit ?? (isSimulated(current) ? simEndpoint : defaultEndpoint);
    // A real model name on the simulator endpoint is sent as written: the simulator's catalogue
    // serves it with its simulated twin (src/sim/catalogue.ts#twinOf), and the endpoint's backend
    // keeps every record marked simulated.
    return { model: current, endpoint, role };
  };

  // The environment stays in this closure: printing the loaded config must never show a key.
  return { file, config, endpoints, defaultEndpoint, defaultReason, resolve, apiKey };
}

/** The first real endpoint whose key variable is set (in config order). */
function keyedEndpoint(endpoints: Map<string, ResolvedEndpoint>, env: NodeJS.ProcessEnv): ResolvedEndpoint | undefined {
  return [...endpoints.values()].find((e) => e.backend === "real" && e.apiKeyEnv && nonEmpty(env[e.apiKeyEnv]));
}

function nonEmpty(v: string | undefined): boolean {
  return typeof v === "string" && v.trim().length > 0;
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/**
 * The environment with the built-in simulator forced as the default backend and every override
 * that could send a call elsewhere (role models, another config file) removed: what tests and
 * benchmarks run under, so a developer's own keys or LAB_BACKEND never make them spend.
 */
export function simulatorEnv(env: NodeJS.ProcessEnv = process.env, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // Blank rather than absent, so the result also wins when merged over another environment (a
  // child process's); every reader treats an empty value as unset.
  const out: NodeJS.ProcessEnv = { ...env, ...extra, LAB_BACKEND: "simulator" };
  for (const name of [...Object.values(ROLE_ENV), "LAB_CONFIG"]) out[name] = "";
  return out;
}
