import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { exportContenders, rotate } from "../src/export.js";
import { startLatencyProxy } from "../src/latency-proxy.js";

describe("export contenders", () => {
  it("has the loop and concurrency 1 straight to the sandbox, the loop and every concurrency over latency", () => {
    const cs = exportContenders([1, 2, 4, 8], 25);
    expect(cs.filter((c) => !c.latency).map((c) => c.concurrency)).toEqual([0, 1]);
    expect(cs.filter((c) => c.latency).map((c) => c.concurrency)).toEqual([0, 1, 2, 4, 8]);
    expect(cs.filter((c) => c.latency).every((c) => c.label.includes("+25 ms each way"))).toBe(
      true,
    );
    expect(new Set(cs.map((c) => c.label)).size).toBe(cs.length);
  });

  it("rotates the order by one per round, keeping every contender", () => {
    expect(rotate(["a", "b", "c"], 0)).toEqual(["a", "b", "c"]);
    expect(rotate(["a", "b", "c"], 1)).toEqual(["b", "c", "a"]);
    expect(rotate(["a", "b", "c"], 4)).toEqual(["b", "c", "a"]);
    expect(rotate([], 3)).toEqual([]);
  });
});

describe("latency proxy", () => {
  it("forwards method, path, headers (Host included) and body, and the answer back", async () => {
    const seen: { method?: string; url?: string; host?: string; auth?: string; body: string }[] =
      [];
    const target = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        seen.push({
          method: req.method,
          url: req.url,
          host: req.headers.host,
          auth: req.headers.authorization,
          body,
        });
        res.writeHead(201, { "content-type": "application/json", "x-request-id": "r1" });
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
    const { port } = target.address() as AddressInfo;
    const proxy = await startLatencyProxy(`http://127.0.0.1:${port}`, 1);
    try {
      const res = await fetch(`${proxy.url}/api/v1/user_extra/?limit=2`, {
        method: "POST",
        headers: { authorization: "Bearer t", "content-type": "application/json" },
        body: '{"parent":1}',
      });
      expect(res.status).toBe(201);
      expect(res.headers.get("x-request-id")).toBe("r1");
      expect(await res.json()).toEqual({ ok: true });
      expect(seen).toEqual([
        {
          method: "POST",
          url: "/api/v1/user_extra/?limit=2",
          host: new URL(proxy.url).host, // so that next links point at the proxy
          auth: "Bearer t",
          body: '{"parent":1}',
        },
      ]);
    } finally {
      await proxy.close();
      await new Promise<void>((resolve) => target.close(() => resolve()));
    }
  });

  it("answers 502 naming the problem when the target is down", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const proxy = await startLatencyProxy(`http://127.0.0.1:${port}`, 0);
    try {
      const res = await fetch(`${proxy.url}/x`);
      expect(res.status).toBe(502);
      expect(await res.text()).toMatch(/^latency proxy: .*ECONNREFUSED/);
    } finally {
      await proxy.close();
    }
  });

  it.each([-1, Number.NaN])("refuses a delay of %s", async (delay) => {
    await expect(startLatencyProxy("http://127.0.0.1:1", delay)).rejects.toThrow(
      /delayMs must be a number >= 0/,
    );
  });
});
