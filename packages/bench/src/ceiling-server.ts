// Child process: the ceiling of the sandbox benchmark. A bare node:http server that answers
// each benchmarked request with the bytes the sandbox answered it with, captured before the
// run and precomputed here: what any server in Node.js on this machine could at best do. It
// reads a request's body before answering, as a real server must.
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";

/** One captured answer: what the sandbox sent for `method` `url` (path and query). */
export interface CapturedAnswer {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface CeilingInput {
  answers: CapturedAnswer[];
}

export interface CeilingReady {
  origin: string;
}

/** The key an answer is found by: method and URL as the request line has them. */
export const answerKey = (method: string, url: string) => `${method.toUpperCase()} ${url}`;

interface Prepared {
  status: number;
  headers: Record<string, string | number>;
  body: Buffer;
}

/** The answers as ready-to-write buffers with their Content-Length, by request key. */
export function prepareAnswers(answers: readonly CapturedAnswer[]): Map<string, Prepared> {
  const out = new Map<string, Prepared>();
  for (const a of answers) {
    const body = Buffer.from(a.body);
    out.set(answerKey(a.method, a.url), {
      status: a.status,
      headers: { ...a.headers, "content-length": body.length },
      body,
    });
  }
  return out;
}

const NOT_CAPTURED: Prepared = {
  status: 404,
  headers: { "content-type": "application/json", "content-length": 2 },
  body: Buffer.from("{}"),
};

function serve(input: CeilingInput): void {
  const answers = prepareAnswers(input.answers);
  const server = createServer((req, res) => {
    const answer = answers.get(answerKey(req.method ?? "GET", req.url ?? "/")) ?? NOT_CAPTURED;
    req.resume();
    req.on("end", () => {
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const ready: CeilingReady = { origin: `http://127.0.0.1:${port}` };
    process.send?.(ready);
  });
  const close = () => server.close(() => process.exit(0));
  process.on("SIGTERM", close);
  process.on("disconnect", close);
}

// Serves only when run as the child (the helpers above are imported by the bench and its tests).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  serve(JSON.parse(process.argv[2] ?? "{}") as CeilingInput);
