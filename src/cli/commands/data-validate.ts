import { LIMITS } from "../../core/limits";
import { defineCommand } from "../command";

export const dataValidate = defineCommand({
  name: "data validate",
  summary: "Check a chat fine-tuning JSONL file against OpenAI's rules; print every problem and a cost estimate",
  positionals: [{ name: "<file.jsonl>", help: "the training file (one {\"messages\": [...]} example per line)" }],
  options: {
    model: { type: "string", arg: "<id>", help: "base model: sets the per-example token limit and the training price\n(data/finetune_prices.json), e.g. gpt-4.1-2025-04-14" },
    epochs: { type: "int", ...LIMITS.epochs, help: "epochs for the cost estimate (default 3, the protocol's)" },
    "max-tokens": { type: "int", ...LIMITS.maxTokens, help: "override the per-example token limit" },
  },
  notes: ["Exit code 0 when the file is valid, 1 when it is not (all problems are listed with line numbers)."],
  async run({ values, positionals }) {
    const { validateTrainingFile, formatProblems, formatSummary } = await import("../../training/validate");
    const file = positionals[0];
    const report = validateTrainingFile(file, { model: values.model, epochs: values.epochs ?? 3, maxTokensPerExample: values["max-tokens"] });
    for (const w of report.warnings) console.error(`warning: line ${w.line}: ${w.message}`);
    if (!report.ok) {
      console.error(formatProblems(file, report.errors));
      return 1;
    }
    console.log(`valid. ${formatSummary(report.summary)}`);
    return 0;
  },
});
