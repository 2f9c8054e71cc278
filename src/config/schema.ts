// The shape of lab.config.json: named endpoints, role → model references, model aliases.
// Everything here is plain data; resolution against the environment lives in resolve.ts.
import { z } from "zod";

export const EndpointKind = z.enum(["openai", "openai-compatible", "simulator"]);
export type EndpointKind = z.infer<typeof EndpointKind>;

export const EndpointLimits = z
  .object({
    /** Requests in flight at once. */
    maxInFlight: z.number().int().positive().default(16),
    /** Requests per minute; null = no client-side cap (the server's headers still apply). */
    rpm: z.number().positive().nullable().default(null),
    /** Tokens per minute (prompt estimate + max_tokens before the call, corrected after). */
    tpm: z.number().positive().nullable().default(null),
    /** "model": each model on this endpoint has its own limits (OpenAI's are per model);
     *  "endpoint": one set of limits shared by every model (account-wide providers). */
    scope: z.enum(["endpoint", "model"]).default("endpoint"),
    /** Whether the server accepts response_format json_schema (else json_object is used). */
    supportsJsonSchema: z.boolean().default(true),
  })
  .strict();
export type EndpointLimits = z.infer<typeof EndpointLimits>;

export const RetryPolicy = z
  .object({
    /** Total attempts per call, the first included. */
    maxAttempts: z.number().int().min(1).max(20).default(6),
    baseDelayMs: z.number().nonnegative().default(500),
    maxDelayMs: z.number().nonnegative().default(60_000),
    /** Per-call timeout. */
    timeoutMs: z.number().positive().default(120_000),
  })
  .strict();
export type RetryPolicy = z.infer<typeof RetryPolicy>;

export const EndpointConfig = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_.-]+$/, "letters, digits, _ . - only"),
    kind: EndpointKind,
    /** Base URL including /v1; ignored for kind "simulator" (started in-process). */
    baseURL: z.string().url().optional(),
    /** Name of the env var holding the key (never the key itself); null for servers that need none. */
    apiKeyEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, "an environment variable name").nullable().default(null),
    /** Env var that, when set, replaces baseURL (OPENAI_BASE_URL for the openai endpoint). */
    baseURLEnv: z.string().optional(),
    limits: EndpointLimits.default({}),
    retry: RetryPolicy.partial().default({}),
    description: z.string().optional(),
  })
  .strict();
export type EndpointConfig = z.infer<typeof EndpointConfig>;

/** An alias maps a short name to a model snapshot, optionally on a named endpoint. */
export const AliasTarget = z.union([
  z.string().min(1),
  z.object({ model: z.string().min(1), endpoint: z.string().min(1) }).strict(),
]);
export type AliasTarget = z.infer<typeof AliasTarget>;

export const ROLES = ["target", "judge", "generator", "auditor"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

const RoleMap = z
  .object({ target: z.string(), judge: z.string(), generator: z.string(), auditor: z.string() })
  .strict();

export const LabConfig = z
  .object({
    $comment: z.string().optional(),
    /** Endpoint used for model references that name none; "auto" = openai when OPENAI_API_KEY or
     *  OPENAI_BASE_URL is set, else the simulator. */
    defaultEndpoint: z.string().default("auto"),
    endpoints: z.array(EndpointConfig).min(1),
    /** Role → model reference when the default endpoint is real. */
    roles: RoleMap,
    /** Role → simulated model id when the default endpoint is the simulator. */
    simulatorRoles: RoleMap,
    aliases: z.record(AliasTarget).default({}),
    retry: RetryPolicy.default({}),
  })
  .strict();
export type LabConfig = z.infer<typeof LabConfig>;
