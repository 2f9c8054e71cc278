// The loopback HTTP server under the tests' fake provider APIs (Together's fine-tuning API, the
// Tinker / vLLM sampling servers): reads each request body whole, hands it to the fake's handler
// with a JSON reply function, binds 127.0.0.1 on an ephemeral port and does not keep the process
// alive. Each fake keeps its own routes and state.
import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** Sends one JSON reply. */
export type SendJson = (status: number, body: unknown) => void;

export interface JsonServer {
  /** http://127.0.0.1:<port>/v1 */
  baseURL: string;
  close(): Promise<void>;
}

export async function startJsonServer(handle: (req: http.IncomingMessage, raw: Buffer, send: SendJson) => void): Promise<JsonServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () =>
      handle(req, Buffer.concat(chunks), (status, body) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(body));
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  server.unref();
  const port = (server.address() as AddressInfo).port;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
