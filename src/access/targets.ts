// What a run (probes, audits, behaviour) keeps of each model it calls, resolved once per reference.
// Runs resolve every model and the judge before their first call, so a missing key or an unknown
// model fails up front rather than half-way through.
import type { ModelAccess } from "./model-access";

/** The model id as sent, the endpoint that serves it, and whether it is simulated. */
export interface ResolvedTarget {
  model: string;
  endpoint: string;
  backend: "simulator" | "real";
}

/** Resolves model references through the access layer, each once; `targets` holds every one resolved so far. */
export function targetResolver(access: Pick<ModelAccess, "resolve">): { resolve: (ref: string) => ResolvedTarget; targets: Map<string, ResolvedTarget> } {
  const targets = new Map<string, ResolvedTarget>();
  const resolve = (ref: string): ResolvedTarget => {
    let t = targets.get(ref);
    if (!t) {
      const r = access.resolve(ref);
      t = { model: r.model, endpoint: r.endpoint, backend: r.backend };
      targets.set(ref, t);
    }
    return t;
  };
  return { resolve, targets };
}
