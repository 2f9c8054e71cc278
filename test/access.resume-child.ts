// Child process for access.resume.test.ts: runs N chat calls through openAccess and writes the
// results as JSON when (if) it finishes. The parent kills it partway and runs it again.
import * as fs from "node:fs";
import { openAccess } from "../src/access";

async function main() {
  const [configPath, cachePath, outFile, n] = process.argv.slice(2);
  const access = await openAccess({ configPath, cachePath, progress: "log", runId: "resume-test" });
  const items = Array.from({ length: Number(n) }, (_, i) => i);
  const results = await access.map(
    items,
    (i) => access.chat({ model: "target", messages: [{ role: "user", content: `resume item ${i}` }], temperature: 1, max_tokens: 30, sampleIndex: i % 3 }),
    { label: "resume" },
  );
  await access.close();
  fs.writeFileSync(outFile, JSON.stringify(results));
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
