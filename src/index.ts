// The public surface that notebooks import (through the compiled dist/index). Each stage folder
// exports its own API from its index.ts; this file only gathers them.
export * from "./core";
