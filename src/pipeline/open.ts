// Opening the access layer for a parameter set, and saying plainly which backend answers.
import { openAccess, type ModelAccess, type OpenAccessOptions } from "../access";
import type { RunParams } from "./params";

/** The access layer for these parameters: backend "auto" leaves the choice to the environment
 *  (simulator when no key is set); any other value forces that endpoint as LAB_BACKEND does. */
export async function openLab(params: Pick<RunParams, "backend" | "runId">, opts: OpenAccessOptions = {}): Promise<ModelAccess> {
  const env = { ...(opts.env ?? process.env) };
  if (params.backend !== "auto") env.LAB_BACKEND = params.backend;
  return openAccess({ runId: params.runId, ...opts, env });
}

/** Whether the replication with these parameters would call a real (paid) endpoint: any of its roles,
 *  or a base model named apart from the target role. One test, so the demo and the CLI cannot differ
 *  on when to ask before spending. */
export function spendsReal(access: Pick<ModelAccess, "resolve">, params: Pick<RunParams, "baseModel">): boolean {
  return [...(["target", "judge", "generator"] as const), params.baseModel].some((ref) => access.resolve(ref).backend === "real");
}

/** One line per role: which model and endpoint answers, and whether it is simulated. */
export function describeBackend(access: Pick<ModelAccess, "resolve">): string {
  const roles = (["target", "judge", "generator"] as const).map((role) => ({ role, r: access.resolve(role) }));
  const lines = roles.map(({ role, r }) => {
    const kind = r.backend === "simulator" ? "SIMULATED (built-in simulator on 127.0.0.1)" : `real endpoint ${r.baseURL}`;
    return `  ${role.padEnd(9)} ${r.model}  via ${r.endpoint}: ${kind}`;
  });
  const simulated = roles.filter(({ r }) => r.backend === "simulator").length;
  const head =
    simulated === roles.length
      ? "Backend: the built-in simulator. Every record and figure from it is labelled SIMULATED; set OPENAI_API_KEY (see environment.md) for real models."
      : simulated === 0
        ? "Backend: real models. Calls cost money; estimates come before every run."
        : "Backend: mixed. Some roles are real models (calls cost money; estimates come first), others SIMULATED; each record says which.";
  return [head, ...lines].join("\n");
}
