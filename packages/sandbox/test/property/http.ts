// One request to the sandbox over loopback fetch, and the invariants every response must hold:
// never a 5xx; a status the spec declares for the operation, with a body its schema accepts and
// the headers it declares, or one of the few statuses stock Django REST Framework answers that
// the spec describes only in prose; every 4xx body one of the spec's error shapes.
//
// Failure messages name the request and the response, never a request header: the bearer token
// stays out of the output.
import type { OperationModel, SpecModel } from "./spec-model.js";

/** Who calls: a caller of organization 1 or 2, no Authorization header, or an unknown token. */
export type Caller = "org1" | "org2" | "none" | "unknown";

export interface Outgoing {
  /** The operation the request is meant for (its responses are checked). */
  operationId: string;
  /** The method sent: the operation's, or one its path does not declare. */
  method: string;
  /** Relative to the API base, e.g. `/user_extra/12/?device_info=true`. */
  path: string;
  caller: Caller;
  /** A JSON value sent as JSON. */
  json?: unknown;
  /** Raw text with its own content type (malformed JSON, forms, other media types). */
  raw?: { text: string; contentType: string };
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body (undefined when empty). */
  body: unknown;
}

export interface Target {
  url: string;
  tokens: Record<"org1" | "org2", string>;
  spec: SpecModel;
  /** Counts every request sent. */
  sent: { count: number };
}

function describe(req: Outgoing, answer?: Answer): string {
  const sent =
    req.json !== undefined
      ? ` json=${JSON.stringify(req.json)}`
      : req.raw
        ? ` ${req.raw.contentType} body=${JSON.stringify(req.raw.text)}`
        : "";
  const got = answer ? `\n  -> ${answer.status} ${answer.text.slice(0, 600)}` : "";
  return `${req.method} ${req.path} (caller ${req.caller}, for ${req.operationId})${sent}${got}`;
}

export class InvariantError extends Error {}

export function fail(req: Outgoing, answer: Answer | undefined, why: string): never {
  throw new InvariantError(`${why}\n  ${describe(req, answer)}`);
}

/**
 * Statuses the spec does not declare per operation but states in its description, as stock
 * DRF/Django answers them (openapi/user-extra.yaml, info.description):
 * - 301: Django's CommonMiddleware APPEND_SLASH, for a path sent without its trailing slash;
 * - 405 with Allow: DRF's MethodNotAllowed, for a method the path does not declare;
 * - 415: DRF's UnsupportedMediaType, for a body of another media type than its parsers take;
 * - 413: the sandbox's body limit (Django's DATA_UPLOAD_MAX_MEMORY_SIZE), never reached here
 *   but allowed with the spec's error shape.
 */
const PROSE_STATUSES = new Set([301, 405, 413, 415]);

export async function send(target: Target, req: Outgoing): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (req.caller === "org1" || req.caller === "org2") {
    headers.authorization = `Bearer ${target.tokens[req.caller]}`;
  } else if (req.caller === "unknown") {
    headers.authorization = "Bearer not-a-configured-token";
  }
  let body: string | undefined;
  if (req.json !== undefined) {
    body = JSON.stringify(req.json);
    headers["content-type"] = "application/json";
  } else if (req.raw) {
    body = req.raw.text;
    headers["content-type"] = req.raw.contentType;
  }
  target.sent.count++;
  let response: Response;
  try {
    response = await fetch(`${target.url}${req.path}`, {
      method: req.method,
      headers,
      body,
      redirect: "manual",
    });
  } catch (error) {
    fail(req, undefined, `the request failed: ${(error as Error).message}`);
  }
  const text = await response.text();
  let parsed: unknown;
  if (text !== "") {
    try {
      parsed = JSON.parse(text);
    } catch {
      fail(
        req,
        { status: response.status, headers: response.headers, text, body: undefined },
        "the body is not JSON",
      );
    }
  }
  const answer: Answer = { status: response.status, headers: response.headers, text, body: parsed };
  checkInvariants(target.spec, req, answer);
  return answer;
}

export function checkInvariants(spec: SpecModel, req: Outgoing, answer: Answer): void {
  const op = spec.byId.get(req.operationId) as OperationModel;
  const { status } = answer;
  if (status >= 500) fail(req, answer, `a ${status}: the sandbox must never fail`);
  if (
    answer.text !== "" &&
    !/^application\/json\b/.test(answer.headers.get("content-type") ?? "")
  ) {
    fail(req, answer, "a body that is not labelled application/json");
  }
  // DRF authenticates before it dispatches on the method (APIView.initial), so a method the path
  // lacks still answers the operation's 401 to a caller without a valid token.
  const declared =
    req.method === op.method.toUpperCase() || status === 401
      ? op.responses.get(String(status))
      : undefined;
  if (declared) {
    if (declared.validate) {
      if (answer.body === undefined)
        fail(req, answer, `the spec declares a body for ${status}; none came`);
      const result = declared.validate(answer.body);
      if (!result.ok) {
        fail(
          req,
          answer,
          `the body does not match the spec's ${status} schema: ${JSON.stringify(result.errors)}`,
        );
      }
    } else if (answer.text !== "") {
      fail(req, answer, `the spec declares no body for ${status}`);
    }
    for (const header of declared.headers) {
      if (!answer.headers.has(header)) fail(req, answer, `the spec's ${header} header is missing`);
    }
  } else if (PROSE_STATUSES.has(status)) {
    const unslashed = !req.path.split("?")[0]?.endsWith("/");
    if (status === 301) {
      if (!unslashed) fail(req, answer, "a 301 for a path that has its trailing slash");
      const [path, query] = req.path.split(/\?(.*)/s);
      const location = answer.headers.get("location") ?? "";
      const base = new URL(target(spec, req)).pathname;
      const expected = `${base}${path}/${query ? `?${query}` : ""}`;
      if (location !== expected) fail(req, answer, `a 301 to ${location}, expected ${expected}`);
    } else if (status === 405) {
      const declaredMethods = spec.methodsByPath.get(op.path) ?? [];
      if (declaredMethods.includes(req.method)) fail(req, answer, "a 405 for a declared method");
      const allow = (answer.headers.get("allow") ?? "").split(/\s*,\s*/);
      for (const m of declaredMethods) {
        if (!allow.includes(m)) fail(req, answer, `a 405 whose Allow lacks ${m}`);
      }
    } else if (status === 415) {
      const type = req.raw?.contentType.split(";")[0]?.trim().toLowerCase();
      if (!type || type === "application/json") fail(req, answer, "a 415 for a JSON body");
    }
  } else {
    fail(req, answer, `status ${status} is not declared by the spec for ${req.method} ${op.path}`);
  }
  if (status >= 400 && !spec.isErrorShape(answer.body)) {
    fail(
      req,
      answer,
      `a ${status} body that is none of the spec's error shapes (${spec.errorShapeNames.join(", ")})`,
    );
  }
}

// The API base path, from the spec's first server (the sandbox mounts the spec under it).
function target(spec: SpecModel, _req: Outgoing): string {
  const servers = (spec.doc as unknown as { servers?: { url: string }[] }).servers;
  return servers?.[0]?.url ?? "http://placeholder/";
}
