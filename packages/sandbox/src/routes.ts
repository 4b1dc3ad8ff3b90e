// The sandbox's routes, from the spec's own paths: each path (with its trailing slash) and the
// operations the spec declares on it, plus the same path without its slash, which Django's
// APPEND_SLASH answers with a redirect. Matching is one regular expression per path.
import { listOperations, type OpenApiDocument, type OperationInfo } from "./spec.js";

// DRF's view methods, in the order its Allow header lists them.
const DRF_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"];

export interface ApiRoute {
  /** The spec's path, e.g. `/user_extra/{id}/` (named in server errors). */
  path: string;
  /** Operations by upper-case method. */
  operations: Map<string, OperationInfo>;
  /** DRF's Allow header: the view's methods, HEAD with GET, and OPTIONS. */
  allow: string;
}

export type RouteMatch =
  | { kind: "api"; route: ApiRoute; params: Record<string, string> }
  | { kind: "redirect"; params: Record<string, string> };

interface CompiledRoute {
  route: ApiRoute;
  names: string[];
  slashed: RegExp;
  bare: RegExp;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A path template as a pattern: `{name}` matches one segment (as a router's `:name` does).
 * Returns the pattern's source and the parameter names in order.
 */
function templatePattern(template: string): { source: string; names: string[] } {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return escapeRegExp(part);
      names.push(name);
      return "([^/]+)";
    })
    .join("");
  return { source, names };
}

/** A segment as sent, percent-decoded as a router decodes parameters; undecodable text stays. */
function decodeSegment(text: string): string {
  if (!text.includes("%")) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export class Routes {
  private readonly compiled: CompiledRoute[];

  constructor(spec: OpenApiDocument, prefix: string) {
    const byPath = new Map<string, Map<string, OperationInfo>>();
    for (const op of listOperations(spec)) {
      const operations = byPath.get(op.path) ?? new Map<string, OperationInfo>();
      operations.set(op.method.toUpperCase(), op);
      byPath.set(op.path, operations);
    }
    this.compiled = [...byPath].map(([path, operations]) => {
      const { source, names } = templatePattern(`${prefix}${path}`);
      const bareSource = source.replace(/\/$/, "");
      const allow = DRF_METHODS.filter(
        (m) => operations.has(m) || m === "OPTIONS" || (m === "HEAD" && operations.has("GET")),
      ).join(", ");
      return {
        route: { path, operations, allow },
        names,
        slashed: new RegExp(`^${source}$`),
        bare: new RegExp(`^${bareSource}$`),
      };
    });
  }

  /** Every operation of every route. */
  operations(): OperationInfo[] {
    return this.compiled.flatMap((c) => [...c.route.operations.values()]);
  }

  /** The route a request path (without its query) names, or undefined (404). */
  match(path: string): RouteMatch | undefined {
    for (const c of this.compiled) {
      const slashed = c.slashed.exec(path);
      if (slashed) return { kind: "api", route: c.route, params: this.params(c, slashed) };
      const bare = c.bare.exec(path);
      if (bare) return { kind: "redirect", params: this.params(c, bare) };
    }
    return undefined;
  }

  private params(c: CompiledRoute, found: RegExpExecArray): Record<string, string> {
    const params: Record<string, string> = {};
    c.names.forEach((name, i) => {
      params[name] = decodeSegment(found[i + 1] ?? "");
    });
    return params;
  }
}
