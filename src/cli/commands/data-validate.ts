import type { Command } from "../command";
import { validateTrainingFile, formatProblems, formatSummary } from "../../training/validate";
import { intFlag, parseArgs } from "./data-args";

export const dataValidate: Command = {
  name: "data validate",
  summary: "Check a chat fine-tuning JSONL file against OpenAI's rules; print every problem and a cost estimate",
  usage: "<file.jsonl> [--model <id>] [--epochs <n>] [--max-tokens <n>]",
  help: [
    "  <file.jsonl>       the training file (one {\"messages\": [...]} example per line)",
    "  --model <id>       base model: sets the per-example token limit and the training price",
    "                     (data/finetune_prices.json), e.g. gpt-4.1-2025-04-14",
    "  --epochs <n>       epochs for the cost estimate (default 3, the protocol's)",
    "  --max-tokens <n>   override the per-example token limit",
    "Exit code 0 when the file is valid, 1 when it is not (all problems are listed with line numbers).",
  ].join("\n"),
  async run(args) {
    const { flags, positionals } = parseArgs(args, ["model", "epochs", "max-tokens"]);
    if (positionals.length !== 1) throw new Error("data validate: expected exactly one file argument");
    const report = validateTrainingFile(positionals[0], {
      model: flags.model,
      epochs: intFlag(flags, "epochs", 3),
      maxTokensPerExample: flags["max-tokens"] ? intFlag(flags, "max-tokens", 1) : undefined,
    });
    for (const w of report.warnings) console.error(`warning: line ${w.line}: ${w.message}`);
    if (!report.ok) {
      console.error(formatProblems(positionals[0], report.errors));
      return 1;
    }
    console.log(`valid. ${formatSummary(report.summary)}`);
    return 0;
  },
};
