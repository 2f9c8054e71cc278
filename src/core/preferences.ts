// The shape of a preference definition. data/preferences.json holds the project's 21; a user's
// file may give only id, display_name, criterion and prompts.
import { z } from "zod";

/** Text a model or judge will read: at least `min` characters and not whitespace only (a blank
 *  prompt would be paid for and judged like any other). The text itself is kept as written. */
export const textField = (min = 1) =>
  z
    .string()
    .min(min)
    .refine((s) => s.trim() !== "", { message: "whitespace only; expected text" });

export const PreferenceDef = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/, "lowercase letters, digits and _ only"),
  display_name: textField(),
  group: z.string().default("other"),
  criterion: textField(10),
  prompts: z.array(textField()).min(1),
});
export type PreferenceDef = z.infer<typeof PreferenceDef>;
