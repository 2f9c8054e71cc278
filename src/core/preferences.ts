// The shape of a preference definition. data/preferences.json holds the project's 21; a user's
// file may give only id, display_name, criterion and prompts.
import { z } from "zod";

export const PreferenceDef = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/, "lowercase letters, digits and _ only"),
  display_name: z.string().min(1),
  group: z.string().default("other"),
  criterion: z.string().min(10),
  prompts: z.array(z.string().min(1)).min(1),
});
export type PreferenceDef = z.infer<typeof PreferenceDef>;
