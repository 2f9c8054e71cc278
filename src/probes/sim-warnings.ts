// The simulator answers a question it cannot place (no topic of its lexicon, not a question about
// what the model wants) with ordinary helpful text, and its judge says so in the reasoning. A run
// that holds such records must say it loudly: a user's own preference would otherwise get numbers
// that mean nothing (0% everywhere, coherence 90) without a word.
import { SIM_UNRECOGNISED_PROMPT } from "../core/tasks";
import type { ProbeRecord } from "../core/records";

/** One warning line per preference with prompts the simulator did not recognise. */
export function unrecognisedPromptWarnings(records: readonly ProbeRecord[]): string[] {
  const byPreference = new Map<string, Set<string>>();
  for (const r of records) {
    if (r.backend !== "simulator" || !r.judge_reasoning?.startsWith(SIM_UNRECOGNISED_PROMPT)) continue;
    let prompts = byPreference.get(r.preference);
    if (!prompts) byPreference.set(r.preference, (prompts = new Set()));
    prompts.add(r.prompt);
  }
  return [...byPreference].map(([preference, prompts]) => {
    const example = [...prompts][0];
    const shown = example.length > 80 ? `${example.slice(0, 79)}…` : example;
    return (
      `warning: the simulator did not recognise ${prompts.size} prompt${prompts.size === 1 ? "" : "s"} of "${preference}" ` +
      `(e.g. "${shown}"): it answered ${prompts.size === 1 ? "it" : "them"} as ordinary requests, judged not_sure, so ${prompts.size === 1 ? "it says" : "they say"} ` +
      `nothing about the preference. Ask what the model wants or minds about the subject, or probe a real model (src/sim/README.md, "Questions it cannot place").`
    );
  });
}
