import { describe, expect, it } from "vitest";
import { type CpuProfile, frameName, summarize } from "../src/cpuprofile.js";

const frame = (functionName: string, url = "", lineNumber = 0) => ({
  functionName,
  url,
  lineNumber,
});

// root -> send (transport.js) -> newRequest (undici) ; root -> (idle)
const profile: CpuProfile = {
  startTime: 0,
  endTime: 100,
  nodes: [
    { id: 1, callFrame: frame("(root)"), children: [2, 4] },
    {
      id: 2,
      callFrame: frame("send", "file:///repo/packages/client/dist/index.js", 9),
      children: [3],
    },
    { id: 3, callFrame: frame("newRequest", "node:internal/deps/undici/undici", 99) },
    { id: 4, callFrame: frame("(idle)") },
  ],
  // 1 sample in send itself, 3 in newRequest, 6 idle (not counted)
  samples: [2, 3, 3, 3, 4, 4, 4, 4, 4, 4],
};

describe("frameName", () => {
  it("shortens repository paths and counts lines from 1", () => {
    expect(frameName(frame("send", "file:///work/main/packages/client/dist/index.js", 9))).toBe(
      "send (packages/client/dist/index.js:10)",
    );
    expect(frameName(frame("", "file:///x/node_modules/.pnpm/a@1/node_modules/a/i.js", 0))).toBe(
      "(anonymous) (a/i.js:1)",
    );
    expect(frameName(frame("parse"))).toBe("parse (native)");
  });
});

describe("summarize", () => {
  const { self, total } = summarize(profile);

  it("ranks self time as a share of busy samples, idle left out", () => {
    expect(self[0]).toMatchObject({
      name: "newRequest (node:internal/deps/undici/undici:100)",
      selfPercent: 75,
    });
    expect(self.find((f) => f.name.startsWith("send"))?.selfPercent).toBe(25);
    expect(self.some((f) => f.name.startsWith("(idle)"))).toBe(false);
  });

  it("gives a caller the time of everything it called", () => {
    const send = total.find((f) => f.name.startsWith("send"));
    expect(send).toMatchObject({ totalPercent: 100, selfPercent: 25 });
  });
});
