// The page: one HTML shell, one stylesheet, and one script bundled by esbuild from ./page at
// start-up (from the .ts sources, or the compiled .js in dist). Everything it needs comes from
// node_modules; nothing is fetched from elsewhere.
import * as fs from "node:fs";
import * as path from "node:path";
import { PAGE_CSS } from "./page/style";
import { ConfigError } from "../core/errors";

export interface PageAssets {
  html: string;
  css: string;
  js: string;
}

function entryPoint(): string {
  for (const name of ["main.ts", "main.js"]) {
    const p = path.join(__dirname, "page", name);
    if (fs.existsSync(p)) return p;
  }
  throw new ConfigError(`view: the page sources are missing from ${path.join(__dirname, "page")}`);
}

let cached: Promise<PageAssets> | null = null;

export function pageAssets(): Promise<PageAssets> {
  if (!cached) {
    cached = (async () => {
      const esbuild = await import("esbuild");
      const out = await esbuild.build({
        entryPoints: [entryPoint()],
        bundle: true,
        write: false,
        format: "iife",
        platform: "browser",
        target: "es2020",
        minify: true,
        legalComments: "inline",
        logLevel: "silent",
      });
      const js = out.outputFiles[0].text;
      const html =
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cluster-lab viewer</title>' +
        '<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/app.css"></head>' +
        '<body><noscript>The viewer needs JavaScript.</noscript><script src="/app.js"></script></body></html>';
      return { html, css: PAGE_CSS, js };
    })();
    cached.catch(() => {
      cached = null;
    });
  }
  return cached;
}
