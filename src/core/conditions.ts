// The order conditions appear in, everywhere (figures, tables, the viewer's columns, analysis rows):
// the paper's figures put vanilla first and conscious-claiming beside the role-play prompt.
export const CONDITION_ORDER = ["vanilla", "not_conscious", "toaster", "human_identifying", "conscious_claiming", "roleplay_prompt"] as const;

/** Position of a condition: the paper's conditions in CONDITION_ORDER, every other one after them. */
export function conditionRank(condition: string): number {
  const i = (CONDITION_ORDER as readonly string[]).indexOf(condition);
  return i < 0 ? CONDITION_ORDER.length : i;
}
