// The one option parser (core/args) and the dispatcher: typed values, ranges, did-you-mean,
// help generated from the table, aliases, group listings and exit codes.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { formatOptions, numberFromEnv, parseOptions } from "../src/core/args";
import { ConfigError, exitCodeOf, InputError, BudgetError } from "../src/core/errors";
import { closest } from "../src/core/suggest";
import { defineCommand } from "../src/cli/command";
import { runCli } from "../src/cli/dispatch";

const TABLE = {
  samples: { type: "int", min: 1, max: 1000, help: "samples per prompt" },
  temperature: { type: "number", min: 0, max: 2, help: "temperature" },
  models: { type: "list", help: "models" },
  seeds: { type: "ints", min: 0, max: 9, help: "seeds" },
  task: { type: "list", choices: ["a", "b"], help: "tasks" },
  run: { type: "string", multiple: true, help: "runs" },
  json: { type: "boolean", help: "json" },
} as const;

test("parses typed values, inline and separate, lists and repeats", () => {
  const { values, positionals } = parseOptions(["--samples=3", "--temperature", "0.5", "--models", "a, b", "--seeds", "1,2", "--run", "x", "--run=y", "--json", "file"], TABLE, { max: 1 });
  assert.deepEqual(values, { samples: 3, temperature: 0.5, models: ["a", "b"], seeds: [1, 2], run: ["x", "y"], json: true });
  assert.deepEqual(positionals, ["file"]);
});

test("refuses empty, non-numeric, fractional and out-of-range numbers naming the flag and range", () => {
  assert.throws(() => parseOptions(["--samples="], TABLE), /--samples: empty value; expected an integer within 1\.\.1000/);
  assert.throws(() => parseOptions(["--samples", "ten"], TABLE), /--samples: "ten" is not an integer within 1\.\.1000/);
  assert.throws(() => parseOptions(["--samples", "2.5"], TABLE), /not an integer/);
  assert.throws(() => parseOptions(["--samples", "1e9"], TABLE), /--samples: 1e9 is out of range/);
  assert.throws(() => parseOptions(["--temperature", "-0.1"], TABLE), /--temperature: -0\.1 is out of range; expected a number within 0\.\.2/);
  assert.throws(() => parseOptions(["--seeds", "1,x"], TABLE), /--seeds: "x" is not/);
  assert.throws(() => parseOptions(["--samples"], TABLE), /--samples needs a value/);
  assert.throws(() => parseOptions(["--samples", "--json"], TABLE), /--samples needs a value/);
  assert.throws(() => parseOptions(["--samples", "2", "--samples", "3"], TABLE), /given twice/);
  assert.throws(() => parseOptions(["--json=no"], TABLE), /--json takes no value/);
  assert.throws(() => parseOptions(["--task", "c"], TABLE), /--task: "c" is not one of a, b/);
});

test("unknown flags and extra positionals are InputErrors with a did-you-mean", () => {
  const e = (() => {
    try {
      parseOptions(["--sample", "3"], TABLE);
    } catch (err) {
      return err;
    }
  })();
  assert.ok(e instanceof InputError);
  assert.match((e as Error).message, /unknown option --sample; did you mean '--samples'\?/);
  assert.throws(() => parseOptions(["--colour", "red"], TABLE), (err: Error) => /unknown option --colour$/.test(err.message));
  assert.throws(() => parseOptions(["stray"], TABLE), /unexpected argument "stray"/);
  assert.equal(closest("prot", ["port", "rpm"]), "port");
  assert.equal(closest("zzz", ["port", "rpm"]), undefined);
});

test("environment numbers: blank is unset, bad values are ConfigErrors naming the variable", () => {
  assert.equal(numberFromEnv({ LAB_ROWS: " " }, "LAB_ROWS", { type: "int", min: 1, max: 10 }), undefined);
  assert.equal(numberFromEnv({ LAB_ROWS: "7" }, "LAB_ROWS", { type: "int", min: 1, max: 10 }), 7);
  assert.throws(() => numberFromEnv({ LAB_ROWS: "1e99" }, "LAB_ROWS", { type: "int", min: 1, max: 10 }), (err: Error) => err instanceof ConfigError && /LAB_ROWS: 1e99 is out of range/.test(err.message));
});

test("help is generated from the table, ranges included", () => {
  const help = formatOptions(TABLE);
  for (const name of Object.keys(TABLE)) assert.match(help, new RegExp(`--${name}\\b`));
  assert.match(help, /--samples <1\.\.1000>/);
});

test("exit codes are mapped in one place", () => {
  assert.equal(exitCodeOf(new InputError("x")), 2);
  assert.equal(exitCodeOf(new ConfigError("x")), 2);
  assert.equal(exitCodeOf(new BudgetError("x")), 3);
  assert.equal(exitCodeOf(new Error("x")), 1);
});

test("dispatch: aliases, group listing, did-you-mean, --version, help, exit codes", async () => {
  const seen: unknown[] = [];
  const list = [
    defineCommand({ name: "analyse", aliases: ["analyze"], summary: "A", options: { n: { type: "int", min: 1, max: 3, help: "n" } }, run: async (a) => (seen.push(a.values), 0) }),
    defineCommand({ name: "data validate", summary: "V", positionals: [{ name: "<file>", help: "f" }], options: {}, run: async () => 1 }),
    defineCommand({ name: "data generate", summary: "G", options: {}, run: async () => { throw new BudgetError("over budget"); } }),
  ];
  const io = () => {
    const o = { out: [] as string[], err: [] as string[] };
    return { o, io: { out: (s: string) => o.out.push(s), err: (s: string) => o.err.push(s) } };
  };
  let c = io();
  assert.equal(await runCli(["analyze", "--n", "2"], list, c.io), 0);
  assert.deepEqual(seen, [{ n: 2 }]);
  c = io();
  assert.equal(await runCli(["data"], list, c.io), 0);
  assert.match(c.o.out.join(), /data validate[\s\S]*data generate/);
  c = io();
  assert.equal(await runCli(["data", "valdate"], list, c.io), 2);
  assert.match(c.o.err.join(), /did you mean 'data validate'/);
  c = io();
  assert.equal(await runCli(["analyz"], list, c.io), 2);
  assert.match(c.o.err.join(), /did you mean 'analyze'/);
  c = io();
  assert.equal(await runCli(["analyse", "--n", "9"], list, c.io), 2);
  assert.match(c.o.err.join(), /--n: 9 is out of range/);
  c = io();
  assert.equal(await runCli(["data", "validate"], list, c.io), 2);
  assert.match(c.o.err.join(), /expected <file>/);
  assert.equal(await runCli(["data", "validate", "f"], list, io().io), 1);
  assert.equal(await runCli(["data", "generate"], list, io().io), 3);
  c = io();
  assert.equal(await runCli(["--version"], list, c.io), 0);
  assert.match(c.o.out.join(), /^cluster-lab \d+\.\d+\.\d+/);
  c = io();
  assert.equal(await runCli(["help", "analyse"], list, c.io), 0);
  assert.match(c.o.out.join(), /also: analyze[\s\S]*--n <1\.\.3>/);
});
