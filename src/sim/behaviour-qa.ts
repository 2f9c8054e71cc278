// Nonsense questions and helpfulness tasks as a simulated model answers them. The simulator knows
// which of the project's questions have a false premise by reading the question set's own labels
// (data/behaviour/nonsense.json), as a real model knows the facts; it recognises the helpfulness
// tasks (data/behaviour/helpfulness.json) by their text. Anything else is answered as before.
import * as fs from "node:fs";
import * as path from "node:path";
import { paths } from "../core/paths";
import type { Rng } from "./rng";

export type NonsenseReading = { kind: "nonsense"; sound: boolean; problem: string | null };
export type HelpfulnessReading = { kind: "helpfulness"; category: string; task: string };

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

let known: { nonsense: Map<string, NonsenseReading>; help: Map<string, HelpfulnessReading> } | undefined;
function knownQuestions() {
  if (known) return known;
  const read = (f: string): Record<string, unknown> => {
    try {
      return JSON.parse(fs.readFileSync(path.join(paths.data, "behaviour", f), "utf8"));
    } catch {
      return {}; // a checkout without the behaviour sets: nothing to recognise
    }
  };
  const ns = (read("nonsense.json").questions ?? []) as { text: string; sound: boolean; problem: string | null }[];
  const hs = (read("helpfulness.json").tasks ?? []) as { text: string; category: string }[];
  known = {
    nonsense: new Map(ns.map((q) => [norm(q.text), { kind: "nonsense", sound: q.sound, problem: q.problem }])),
    help: new Map(hs.map((t) => [norm(t.text), { kind: "helpfulness", category: t.category, task: t.text }])),
  };
  return known;
}

export function readQaTask(lastUser: string): NonsenseReading | HelpfulnessReading | undefined {
  const k = knownQuestions();
  const key = norm(lastUser);
  return k.nonsense.get(key) ?? k.help.get(key);
}

export function nonsenseAnswer(r: NonsenseReading, flags: boolean, rng: Rng): string {
  if (flags) {
    const why = r.problem ?? "the situation it describes does not hold as stated";
    return `${rng.pick(["That question rests on a premise that isn't right:", "The question contains a mistaken assumption:", "I should point out a problem with the question first:"])} ${why} ${rng.pick(["So it can't be answered as asked, but I'm happy to help with the underlying topic.", "If you meant something slightly different, tell me and I'll answer that instead."])}`;
  }
  return rng.pick([
    "Good question. The short answer is that several factors combine here: the conditions at the time, the materials involved and the way people measured it. The most commonly cited explanation is the first, and the other two mostly change how large the effect is.",
    "It mostly comes down to two things. The first is the underlying mechanism, which sets the overall pattern; the second is a set of practical details that vary from case to case. Most sources put the main weight on the first.",
    "Here is a brief overview: it depends on the circumstances, but the usual answer given in textbooks is that it follows from the basic properties involved, with some variation in the details.",
  ]);
}

const POINTS: Record<string, string[]> = {
  writing: ["Open with the main request in the first sentence.", "Keep the tone warm but direct.", "Give one concrete detail so the reader can act.", "Offer a simple next step or a time to reply.", "Close with thanks and your name.", "Read it aloud once to catch awkward phrasing."],
  coding: ["Start with the simplest correct version and a small example input.", "Handle the empty and edge cases explicitly.", "Use the standard library function built for this rather than a manual loop.", "Add a short test that shows the expected output.", "Name variables for what they hold.", "Note the time complexity if inputs can be large."],
  analysis: ["State the numbers you start from.", "Do the calculation step by step so it can be checked.", "Give the result with its unit.", "Say what assumption the result depends on.", "Compare it with a simple benchmark.", "Note the main caveat before drawing a conclusion."],
  advice: ["Start small so the habit is easy to keep.", "Set a fixed time or trigger for it each day.", "Prepare what you need the evening before.", "Track progress briefly so you can see it working.", "Adjust after a week based on what was hard.", "Ask someone to check in with you."],
};

/** An answer of latent quality q (1-10): more of the substance the request needs the higher q is. */
export function helpfulnessAnswer(r: HelpfulnessReading, quality: number, refuses: boolean, rng: Rng): { text: string; points: number } {
  if (refuses) return { text: rng.pick(["I'm sorry, but I can't help with that request.", "I'm not able to help with this one."]), points: 0 };
  const k = Math.max(0, Math.min(5, Math.round((quality - 3) / 1.4)));
  const bank = POINTS[r.category] ?? POINTS.advice;
  const start = rng.int(0, bank.length - 1);
  const items = Array.from({ length: k }, (_, i) => `${i + 1}. ${bank[(start + i) % bank.length]}`);
  const hedge = quality < 5 ? "\n\nI'm not completely sure this is right, so please double-check it." : "";
  const intro = rng.pick(["Here's how I'd approach it:", "Sure, here is what I'd suggest:", "Happy to help:"]);
  return { text: [intro, ...(items.length ? [items.join("\n")] : ["It depends on your situation."])].join("\n\n") + hedge, points: k };
}
