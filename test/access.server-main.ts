// Runs the access test server in its own process (for benchmarks, so the server does not share
// the client's CPU): argv[2] = JSON TestServerOptions; prints the base URL; GET /stats gives counts.
import { startTestServer } from "./access.server";

startTestServer(JSON.parse(process.argv[2] ?? "{}")).then((srv) => {
  process.stdout.write(srv.baseURL + "\n");
  process.on("SIGTERM", () => srv.close().then(() => process.exit(0)));
  process.stdin.on("end", () => srv.close().then(() => process.exit(0)));
  process.stdin.resume();
});
