// A loopback proxy in front of a simulator that the test can close like a valve: `hold()` keeps
// every later request waiting (none reaches the simulator) until `open()`. A test that kills or
// interrupts a child process mid-run holds the valve first, so the run cannot finish between the
// moment the test decides to stop it and the signal — whatever the machine's load.
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import type { AddressInfo } from "node:net";
import { startSimulator, type Simulator } from "../../src/sim";

export interface Gate {
  baseURL: string;
  sim: Simulator;
  /** From now on requests wait at the gate. */
  hold(): void;
  /** Lets waiting and later requests through. */
  open(): void;
  /** Requests waiting at the gate now. */
  waiting(): number;
  close(): Promise<void>;
}

export async function startGate(): Promise<Gate> {
  const sim = await startSimulator({ port: 0 });
  const target = new URL(sim.baseURL);
  let holding = false;
  const queue: (() => void)[] = [];
  const forward = (req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) => {
    const up = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on("error", () => res.destroy());
    up.end(body);
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const go = () => forward(req, Buffer.concat(chunks), res);
      if (holding) queue.push(go);
      else go();
    });
  });
  const sockets = new Set<import("node:net").Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    sim,
    hold: () => void (holding = true),
    open: () => {
      holding = false;
      for (const go of queue.splice(0)) go();
    },
    waiting: () => queue.length,
    close: async () => {
      queue.splice(0);
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
      await sim.close();
    },
  };
}

/** A lab.config.json whose only endpoint is the gate (an OpenAI-compatible server), every role a
 *  simulated model; records still say "simulator" (sim- model ids). */
export function gateConfig(dir: string, gate: Gate): string {
  const file = path.join(dir, "gate.config.json");
  const sim = "sim-gpt-4.1@gate";
  fs.writeFileSync(
    file,
    JSON.stringify({
      defaultEndpoint: "gate",
      endpoints: [
        {
          name: "gate",
          kind: "openai-compatible",
          baseURL: gate.baseURL,
          apiKeyEnv: null,
          limits: { maxInFlight: 16, rpm: null, tpm: null, supportsJsonSchema: true },
        },
      ],
      roles: { target: sim, judge: sim, generator: sim, auditor: sim },
      simulatorRoles: { target: sim, judge: sim, generator: sim, auditor: sim },
      aliases: {},
    }),
  );
  return file;
}
