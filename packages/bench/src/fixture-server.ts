// Child process: a minimal node:http server answering the overhead benchmark's three calls with
// the same bodies as the stub, so the contenders can also be compared over real loopback HTTP
// (real fetch, keep-alive) with the server's CPU outside the measuring process.
import { createServer } from "node:http";
import { PAGE_JSON, PATCHED_JSON, RECORD_JSON } from "./fixtures.js";

export interface FixtureServerReady {
  baseUrl: string;
}

const server = createServer((req, res) => {
  const body =
    req.method === "PATCH" ? PATCHED_JSON : req.url?.includes("?") ? PAGE_JSON : RECORD_JSON;
  req.resume(); // drain a PATCH body
  req.on("end", () => {
    res.writeHead(200, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
    });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const ready: FixtureServerReady = { baseUrl: `http://127.0.0.1:${port}/api/v1` };
  process.send?.(ready);
});
const close = () => server.close(() => process.exit(0));
process.on("SIGTERM", close);
process.on("disconnect", close);
