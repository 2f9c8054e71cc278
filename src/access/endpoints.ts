// The openai client of each endpoint: one per endpoint, built with the key from the environment
// (never stored), the SDK's retries off (ours are in send.ts), and printed without its key.
import { inspect } from "node:util";
import OpenAI from "openai";
import type { LoadedConfig, ResolvedEndpoint } from "../config/resolve";
import type { SimulatorStarter } from "./simulator";
import { ConfigError } from "../core/errors";

export interface Endpoints {
  /** The endpoint's client; starts the simulator first when the endpoint is the simulator. */
  ensure(ep: ResolvedEndpoint): Promise<OpenAI>;
  /** The endpoint's client (the simulator must be running already for the simulator endpoint). */
  client(ep: ResolvedEndpoint): OpenAI;
  /** The base URL as it may be shown: no credentials, the simulator's once it runs. */
  shownBaseURL(ep: ResolvedEndpoint): string;
}

/** Where answers come from, as the cache key records it: nothing secret, no ephemeral port. */
export function endpointIdentity(ep: ResolvedEndpoint): string {
  return ep.backend === "simulator" ? "simulator:builtin" : withoutCredentials(ep.baseURL!);
}

/** A base URL as it may be stored or shown: user:password@ removed (it can hold a credential;
 *  it never changes which model answers). */
export function withoutCredentials(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = "";
    u.password = "";
    return u.toString().replace(/\/$/, url.endsWith("/") ? "/" : "");
  } catch {
    return url;
  }
}

/** keysInUse collects the real keys handed to clients, so error messages can be redacted. */
export function createEndpoints(cfg: LoadedConfig, sim: SimulatorStarter, keysInUse: Set<string>): Endpoints {
  const clients = new Map<string, OpenAI>();

  function baseURLOf(ep: ResolvedEndpoint): string {
    if (ep.backend === "simulator") {
      const h = sim.current();
      if (!h) throw new ConfigError("the simulator has not been started yet (it starts on the first call to a sim- model)");
      return h.baseURL;
    }
    return ep.baseURL!;
  }

  function client(ep: ResolvedEndpoint): OpenAI {
    let c = clients.get(ep.name);
    if (c) return c;
    const key = cfg.apiKey(ep); // throws naming the env var when a real endpoint lacks its key
    if (key && ep.backend === "real") keysInUse.add(key);
    c = new OpenAI({
      apiKey: key ?? "none",
      baseURL: baseURLOf(ep),
      maxRetries: 0,
      timeout: ep.retry.timeoutMs,
      organization: null,
      project: null,
    });
    // Printing the client (a notebook's last expression) must not show its key.
    Object.defineProperty(c, inspect.custom, {
      value: () => `OpenAI client for endpoint "${ep.name}" (${baseURLOf(ep)}; key from ${ep.apiKeyEnv ?? "none"})`,
      enumerable: false,
    });
    clients.set(ep.name, c);
    return c;
  }

  return {
    async ensure(ep) {
      if (ep.backend === "simulator") await sim.start();
      return client(ep);
    },
    client,
    shownBaseURL(ep) {
      if (ep.backend === "simulator") return sim.current()?.baseURL ?? "(simulator not started)";
      return withoutCredentials(ep.baseURL!);
    },
  };
}
