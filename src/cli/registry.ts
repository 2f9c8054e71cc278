// Every CLI command, in the order `--help` lists them. Each owner adds its own import line here.
import type { Command } from "./command";

export function commands(): Command[] {
  return [
    // data generate / data validate / data leakage / finetune / probe / estimate  (src/cli/commands/*.ts)
    // analyse / import-results                                                  (src/cli/commands/*.ts)
  ];
}
