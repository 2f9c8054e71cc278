// Ranges every numeric flag and LAB_* variable is checked against before any work starts, so a
// typo such as `--samples 1e9` or `LAB_ROWS=1e99` is refused at once instead of exhausting memory
// or money. Generous on purpose: they bound mistakes, not experiments.
export const LIMITS = {
  /** Samples per prompt (protocol: 10; at 200 the estimate of 21 preferences × 2 conditions takes
   *  about 35 s and 0.5 GB on 2 busy cores, at 1000 it took 157 s and 1.7 GB). */
  samples: { min: 1, max: 200 },
  /** Prompts per preference / question set. */
  prompts: { min: 1, max: 10_000 },
  /** Rows per training set (protocol: 600). */
  rows: { min: 1, max: 100_000 },
  /** Fine-tuning and bootstrap seeds. */
  seed: { min: 0, max: 2_147_483_647 },
  /** Max tokens per answer. */
  maxTokens: { min: 1, max: 200_000 },
  temperature: { min: 0, max: 2 },
  coherence: { min: 0, max: 100 },
  usd: { min: 0, max: 1_000_000 },
  epochs: { min: 1, max: 100 },
  bootstrapReps: { min: 1, max: 1_000_000 },
} as const;
