// `npm run lab -- view [run-dir …] [--port n] [--idle-minutes n]`
import { defineCommand } from "../command";

export const view = defineCommand({
  name: "view",
  summary: "A local web page (127.0.0.1) to read, filter and compare answers, transcripts and judge scores",
  positionals: [
    {
      name: "<run-dir>…",
      optional: true,
      variadic: true,
      help: "run folders with records.jsonl and/or transcripts.jsonl + scores.jsonl (or one of those files);\na folder of run folders stands for all of them (default: data/runs)",
    },
  ],
  options: {
    port: { type: "int", min: 0, max: 65535, arg: "<n>", help: "port on 127.0.0.1 (default: a free port)" },
    "idle-minutes": { type: "number", min: 0.01, max: 10_080, arg: "<n>", help: "stop after n minutes without a request (default 30; LAB_VIEW_IDLE_MINUTES)" },
    host: { type: "string", arg: "<addr>", help: "only 127.0.0.1 is accepted: the viewer never listens on another interface" },
  },
  notes: [
    "Read-only: it serves the records it loaded and no file from disk. Prints its URL; Ctrl-C stops it.",
    "Exit code 0 when stopped (Ctrl-C or idle), 2 when a run folder or record line is refused.",
  ],
  async run({ values, positionals }) {
    const [{ startViewer, describeStore }, { paths }, path] = await Promise.all([import("../../view"), import("../../core/paths"), import("node:path")]);
    const dirs = positionals.length ? positionals : [paths.runs];
    const viewer = await startViewer(dirs, { port: values.port, idleMinutes: values["idle-minutes"], host: values.host });
    console.log(`viewer: ${viewer.url}`);
    for (const l of describeStore(viewer.store)) console.log(`  ${l}`);
    console.log(`  loaded in ${(viewer.loadMs / 1000).toFixed(2)} s from ${dirs.map((d) => path.relative(process.cwd(), d) || ".").join(", ")}; Ctrl-C stops it`);
    const onSignal = () => void viewer.close();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    const why = await viewer.stopped;
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    console.log(`viewer: stopped (${why})`);
    return 0;
  },
});
