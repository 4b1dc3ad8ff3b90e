// The README cannot drift from checked code: every ```ts block must be contained in a file
// of examples/, which tsc type-checks (tsconfig includes examples/).
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), "utf8");
const readme = read("README.md");
const examples = readdirSync(new URL("../examples", import.meta.url))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => ({ name: f, text: read(`examples/${f}`) }));
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");

describe("README", () => {
  it("has the sections in the agreed order", () => {
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    const expected = [
      "Installation",
      "Usage",
      "Handling errors",
      "Retries",
      "Timeouts",
      "Auto-pagination",
      "Advanced usage",
    ];
    expect(headings.filter((h) => expected.includes(h as string))).toEqual(expected);
  });

  it("starts with a TypeScript example before the first section", () => {
    expect(readme.indexOf("```ts")).toBeLessThan(readme.indexOf("## Installation"));
  });

  it("has an example for each use case of the reference", () => {
    for (const useCase of [
      /onboarding.*PATCH/i,
      /dashboard.*pagination/i,
      /event registration.*custom fields/i,
      /CRM.*PUT.*PATCH/i,
      /GDPR.*delete/i,
    ]) {
      expect(readme).toMatch(new RegExp(`### [^\\n]*${useCase.source}[^\\n]*\\n+\`\`\`ts`, "i"));
    }
  });

  it.each(blocks.map((b, i) => [i + 1, b] as const))(
    "TypeScript block %i is contained in a type-checked example",
    (_, block) => {
      expect(block.trim().length).toBeGreaterThan(0);
      const home = examples.find((e) => e.text.includes(block.trimEnd()));
      expect(home, `not found in examples/*.ts:\n${block}`).toBeDefined();
    },
  );

  it("shows every example file", () => {
    const shown = examples.filter((e) => blocks.some((b) => e.text.includes(b.trimEnd())));
    expect(shown.map((e) => e.name).sort()).toEqual(examples.map((e) => e.name).sort());
  });
});
