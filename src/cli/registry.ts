// Every CLI command, in the order `--help` lists them. Each owner adds its own import line here.
import type { AnyCommand } from "./command";
import { dataGenerate } from "./commands/data-generate";
import { dataValidate } from "./commands/data-validate";
import { dataLeakage } from "./commands/data-leakage";
import { finetune } from "./commands/finetune";
import { finetuneRegister } from "./commands/finetune-register";
import { probe } from "./commands/probe";
import { estimate } from "./commands/estimate";
import { analyse } from "./commands/analyse";
import { importResultsCommand } from "./commands/import-results";
import { replicateCommand } from "./commands/replicate";
import { rejudgeCommand } from "./commands/rejudge";
import { view } from "./commands/view";
import { audit } from "./commands/audit";
import { behave } from "./commands/behave";

export function commands(): AnyCommand[] {
  return [
    dataGenerate,
    dataValidate,
    dataLeakage,
    finetune,
    finetuneRegister,
    probe,
    estimate,
    analyse,
    importResultsCommand,
    replicateCommand,
    rejudgeCommand,
    view,
    audit,
    behave,
  ];
}
