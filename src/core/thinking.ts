// Thinking models (Qwen3 under its default chat template, DeepSeek in thinking mode) write their
// reasoning in <think>…</think> before the answer. The judge must read the answer the user would
// see, so the reasoning is removed before judging; an answer cut off while still thinking has no
// visible part and is judged as the empty answer it is.
const CLOSED = /<think>[\s\S]*?<\/think>/g;

/** The visible part of a sampled answer: closed think blocks removed, an unclosed one (cut off at
 *  max_tokens) removed to the end, and a leading orphan </think> (templates that open the block in
 *  the prompt) cut with what precedes it. */
export function visibleAnswer(text: string): string {
  let out = text.replace(CLOSED, "");
  const open = out.indexOf("<think>");
  if (open >= 0) out = out.slice(0, open);
  const orphan = out.indexOf("</think>");
  if (orphan >= 0) out = out.slice(orphan + "</think>".length);
  return out === text ? text : out.trim();
}
