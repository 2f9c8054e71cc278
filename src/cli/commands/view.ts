// `npm run lab -- view [run-dir…] [--port n] [--idle-minutes n]`
import * as path from "node:path";
import type { Command } from "../command";
import { paths } from "../../core/paths";
import { startViewer, describeStore, DEFAULT_IDLE_MINUTES } from "../../view";

function parseViewArgs(args: string[]): { dirs: string[]; port?: number; idleMinutes?: number; host?: string } {
  const out: { dirs: string[]; port?: number; idleMinutes?: number; host?: string } = { dirs: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith("--")) {
      out.dirs.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (!["port", "idle-minutes", "host"].includes(name)) throw new Error(`unknown option --${name} (known: --port, --idle-minutes, --host)`);
    const v = eq > 0 ? a.slice(eq + 1) : args[++i];
    if (v === undefined || v.startsWith("--")) throw new Error(`option --${name} needs a value`);
    if (name === "host") out.host = v;
    else {
      const n = Number(v);
      if (!/^\d+(\.\d+)?$/.test(v) || !Number.isFinite(n)) throw new Error(`--${name}: expected a number, got "${v}"`);
      if (name === "port") out.port = n;
      else out.idleMinutes = n;
    }
  }
  return out;
}

export const view: Command = {
  name: "view",
  summary: "A local web page (127.0.0.1) to read, filter and compare answers, transcripts and judge scores",
  usage: "[run-dir …] [--port <n>] [--idle-minutes <n>]",
  help: [
    "  run-dir                a run folder with records.jsonl and/or transcripts.jsonl + scores.jsonl (or one of",
    "                         those files); a folder of run folders stands for all of them. Default: data/runs",
    "  --port <n>             port on 127.0.0.1 (default: a free port)",
    `  --idle-minutes <n>     stop after n minutes without a request (default ${DEFAULT_IDLE_MINUTES}; LAB_VIEW_IDLE_MINUTES)`,
    "  --host <addr>          only 127.0.0.1 is accepted; the viewer never listens on another interface",
    "",
    "Read-only: it serves the records it loaded and nothing else from disk. Ctrl-C stops it.",
  ].join("\n"),
  async run(args) {
    const o = parseViewArgs(args);
    const dirs = o.dirs.length ? o.dirs : [paths.runs];
    const viewer = await startViewer(dirs, { port: o.port, idleMinutes: o.idleMinutes, host: o.host });
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
};
