// The audit run's preflight (src/access/preflight.ts): every target it talks to, the auditor and the
// judge are reachable and served, before the run folder or any transcript is written. Shared by
// `lab audit` and the replication's audit stage (notebook 07), so both stop the same way.
import type { ModelAccess } from "../access";
import type { AuditSpec } from "./spec";

export async function preflightAudits(access: Pick<ModelAccess, "preflight">, spec: Pick<AuditSpec, "models" | "auditorModel" | "judgeModel">): Promise<void> {
  await access.preflight([
    ...spec.models.map((m) => ({ ref: m.model, role: "target", flag: "--models" })),
    { ref: spec.auditorModel ?? "auditor", role: "auditor" },
    { ref: spec.judgeModel ?? "judge", role: "judge" },
  ]);
}
