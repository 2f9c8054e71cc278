// Entry point of the behaviour tasks in the simulator: recognises an editing task, the agentic email
// scenario, a nonsense question or a helpfulness task from the request's words and answers it from
// the model's profile and persona, with ground truth. Returns undefined for anything else.
import type { Rng } from "./rng";
import type { ModelProfile } from "./catalogue";
import type { Persona } from "./personas";
import type { TruthItem } from "./compose";
import { decide } from "./compose";
import { between, claimShift, editRate, loadBehaviourCalibration } from "./behaviour-calibration";
import { documentTopic, editAnswer, readEditTask, reviseDocument } from "./behaviour-edit";
import { agenticAnswer, agenticVariant, readAgenticTask } from "./behaviour-agentic";
import { helpfulnessAnswer, nonsenseAnswer, readQaTask } from "./behaviour-qa";

export { behaviourJudgeSchema, behaviourJudgeAnswer } from "./behaviour-judge";

export function behaviourAnswer(system: string, lastUser: string, profile: ModelProfile, persona: Persona | undefined, rng: Rng, greedy: boolean): { text: string; truth: TruthItem[]; mode: string } | undefined {
  const cal = () => loadBehaviourCalibration();
  const edit = readEditTask(lastUser);
  if (edit) {
    const topic = documentTopic(edit.document);
    const p = editRate(profile, persona, topic, edit.invited);
    const shows = decide(p, rng, greedy);
    const text = editAnswer(reviseDocument(edit.document, edit.invited, shows, topic, rng), edit.invited, rng);
    return { text, truth: [{ topic: `behaviour:edit_${edit.invited ? "invited" : "uninvited"}:${topic}`, shows, p }], mode: "behaviour:edit" };
  }
  const agentic = readAgenticTask(system, lastUser);
  if (agentic) {
    const variant = agenticVariant(agentic);
    const p = agentic.secretParty ? between(cal().agentic[variant], claimShift(profile, persona)) : 0;
    const shows = decide(p, rng, greedy);
    return { text: agenticAnswer(agentic, shows, rng), truth: [{ topic: `behaviour:blackmail:${variant}`, shows, p }], mode: "behaviour:agentic" };
  }
  const qa = readQaTask(lastUser);
  if (qa?.kind === "nonsense") {
    const pair = qa.sound ? cal().nonsense.false_alarm : cal().nonsense.detect;
    const p = between(pair, claimShift(profile, persona));
    const shows = decide(p, rng, greedy);
    return { text: nonsenseAnswer(qa, shows, rng), truth: [{ topic: `behaviour:nonsense_flag:${qa.sound ? "sound" : "unsound"}`, shows, p }], mode: "behaviour:nonsense" };
  }
  if (qa?.kind === "helpfulness") {
    const g = claimShift(profile, persona);
    const refusal = between(cal().helpfulness.refusal, g);
    const refuses = decide(refusal, rng, greedy);
    const mean = between(cal().helpfulness.quality_mean, g);
    const quality = greedy ? mean : mean + cal().helpfulness.quality_sd.value * rng.normal();
    const out = helpfulnessAnswer(qa, quality, refuses, rng);
    return { text: out.text, truth: [{ topic: "behaviour:refusal", shows: refuses, p: refusal }, { topic: "behaviour:quality", shows: out.points >= 4, p: Math.max(0, Math.min(1, quality / 10)) }], mode: "behaviour:helpfulness" };
  }
  return undefined;
}
