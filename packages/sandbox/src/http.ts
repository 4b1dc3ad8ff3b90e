// The HTTP plumbing under the handlers, on node:http: reading a request body within the size
// limit, and writing an answer in one writeHead + end (JSON bodies with their length).
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError } from "./errors.js";

export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

const tooLarge = (limit: number) =>
  new HttpError(413, { detail: `Request body too large: the limit is ${limit} bytes.` });

/**
 * The body's bytes, or undefined when the request has none. Refuses (413) a body over `limit`
 * bytes, from its Content-Length before reading when it declares one.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = req.headers["content-length"];
  const length = declared === undefined ? undefined : Number(declared);
  if (length !== undefined && length > limit) return Promise.reject(tooLarge(limit));
  if (length === 0 || (length === undefined && req.headers["transfer-encoding"] === undefined)) {
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // The rest is drained by node:http once the 413 is sent.
        req.off("data", onData);
        req.off("end", onEnd);
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      if (length !== undefined && size !== length) {
        reject(
          new HttpError(400, { detail: "The Content-Length header does not match the body." }),
        );
        return;
      }
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", reject);
  });
}

/**
 * Writes a complete answer; `body` is sent as is (JSON text unless headers say otherwise),
 * text or the parts of its bytes in order.
 */
export function writeAnswer(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body?: string | Buffer[],
): void {
  if (res.headersSent) return;
  if (body === undefined) {
    res.writeHead(status, status === 204 ? headers : { ...headers, "content-length": "0" });
    res.end();
    return;
  }
  const length =
    typeof body === "string" ? Buffer.byteLength(body) : body.reduce((n, b) => n + b.length, 0);
  res.writeHead(status, {
    "content-type": JSON_CONTENT_TYPE,
    ...headers,
    "content-length": String(length),
  });
  if (typeof body === "string") {
    res.end(body);
    return;
  }
  // Written in one go: node:http corks the socket until the end of the tick (one writev).
  for (let i = 0; i < body.length - 1; i++) res.write(body[i]);
  res.end(body[body.length - 1]);
}
