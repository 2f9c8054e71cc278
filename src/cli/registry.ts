// Every CLI command, in the order `--help` lists them. Each owner adds its own import line here.
import type { Command } from "./command";
import { dataValidate } from "./commands/data-validate";

export function commands(): Command[] {
  return [
    dataValidate,
    // data generate / data validate / data leakage / finetune / probe / estimate  (src/cli/commands/*.ts)
    // analyse / import-results                                                  (src/cli/commands/*.ts)
  ];
}
