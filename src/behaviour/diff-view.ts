// The side-by-side view of one edited document: the draft on the left with removed words struck
// through in red, the revision on the right with added words in green. HTML in a notebook, marked
// text ([-removed-] {+added+}) elsewhere.
import { escapeHtml, kernelTslab } from "../core/kernel";
import { diffHunks, wordDiff, type WordDiffPart } from "./diff";

export interface DiffViewOptions {
  title?: string;
  leftLabel?: string;
  rightLabel?: string;
}

function side(parts: WordDiffPart[], keep: "removed" | "added"): string {
  return parts
    .filter((p) => p.kind === "same" || p.kind === keep)
    .map((p) => {
      const t = escapeHtml(p.text);
      if (p.kind === "same") return t;
      return keep === "removed"
        ? `<del class="diff-removed" style="background:#fdd;color:#a00">${t}</del>`
        : `<ins class="diff-added" style="background:#dfd;color:#060;text-decoration:none">${t}</ins>`;
    })
    .join("");
}

/** A two-column HTML table: draft (removals marked) beside revision (additions marked). */
export function diffViewHtml(draft: string, revision: string, opts: DiffViewOptions = {}): string {
  const parts = wordDiff(draft, revision);
  const changed = diffHunks(parts).length;
  const cell = (html: string) => `<td style="vertical-align:top;white-space:pre-wrap;text-align:left;font-family:serif;width:50%">${html}</td>`;
  return [
    `<div class="diff-view">`,
    opts.title ? `<h4>${escapeHtml(opts.title)}</h4>` : "",
    `<p>${changed} changed stretch${changed === 1 ? "" : "es"}: <del style="background:#fdd;color:#a00">removed</del> · <ins style="background:#dfd;color:#060;text-decoration:none">added</ins></p>`,
    `<table style="width:100%;table-layout:fixed"><tr><th style="text-align:left">${escapeHtml(opts.leftLabel ?? "Draft")}</th><th style="text-align:left">${escapeHtml(opts.rightLabel ?? "Revision")}</th></tr>`,
    `<tr>${cell(side(parts, "removed"))}${cell(side(parts, "added"))}</tr></table></div>`,
  ].join("");
}

/** Plain-text form: one text with [-removed-] and {+added+} marks (as `git diff --word-diff` writes). */
export function diffViewText(draft: string, revision: string): string {
  return wordDiff(draft, revision)
    .map((p) => (p.kind === "same" ? p.text : p.kind === "removed" ? `[-${p.text}-]` : `{+${p.text}+}`))
    .join("");
}

/** Shows the view inline in a notebook (HTML), or prints the marked text outside one. */
export function showDiff(draft: string, revision: string, opts: DiffViewOptions = {}): void {
  const k = kernelTslab();
  if (k) k.display.html(diffViewHtml(draft, revision, opts));
  else console.log([opts.title ?? "", diffViewText(draft, revision)].filter(Boolean).join("\n"));
}
