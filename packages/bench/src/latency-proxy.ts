// A loopback proxy that adds a fixed delay each way: what a real network does to a walk of
// pages, which is a round trip per page. The request is held `delayMs` before it is forwarded
// and the whole response `delayMs` before it is sent back. The Host header is forwarded as
// is, so the provider's `next` links point at the proxy.
import { Agent, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

export interface LatencyProxy {
  url: string;
  close(): Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Starts the proxy on 127.0.0.1 in front of `target` (an origin such as http://127.0.0.1:4010). */
export async function startLatencyProxy(target: string, delayMs: number): Promise<LatencyProxy> {
  if (!Number.isFinite(delayMs) || delayMs < 0) {
    throw new Error(`latency proxy: delayMs must be a number >= 0, got ${delayMs}`);
  }
  const to = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const server = createServer(async (req, res) => {
    try {
      const body = await readAll(req);
      await wait(delayMs);
      const answer = await new Promise<{ status: number; headers: object; body: Buffer }>(
        (resolve, reject) => {
          const out = request(
            {
              host: to.hostname,
              port: to.port,
              path: req.url,
              method: req.method,
              headers: req.headers,
              agent,
            },
            (r) => {
              readAll(r).then(
                (b) => resolve({ status: r.statusCode ?? 502, headers: r.headers, body: b }),
                reject,
              );
            },
          );
          out.on("error", reject);
          out.end(body);
        },
      );
      await wait(delayMs);
      res.writeHead(answer.status, answer.headers as Record<string, string>);
      res.end(answer.body);
    } catch (e) {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end(`latency proxy: ${(e as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
