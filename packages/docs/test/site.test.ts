// The built site (turbo runs `docs` first) opened in headless Chromium, page by page: no console
// error, nothing loaded from the network, no broken internal link, and the facts a reader looks
// for (the spec's six operations, every error class) on their pages. A screenshot of each page
// is kept in artifacts/ (CI uploads it).
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as client from "@user-extra/client";
import { walkOperations } from "@user-extra/types/operations";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { GUIDE_ORDER } from "../src/guides.js";
import { ARTIFACTS_DIR, SITE_DIR, SPEC } from "../src/paths.js";
import { type SiteServer, serveSite } from "../src/serve.js";

// In the order scripts/ensure-chromium.sh (the `browser` task) looks: the headless shell is the
// same Chromium in its lighter headless mode.
const CHROMIUM =
  process.env.CHROMIUM_PATH ??
  ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((path) => existsSync(path)) ??
  "/usr/bin/chromium-headless-shell";
// As the machine notes say: without the background-networking flags Chromium tries to reach
// Google's hosts at start, which this closed network refuses.
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

interface Operation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
}
const operations: Operation[] = walkOperations(parse(readFileSync(SPEC, "utf8"))).map((op) => ({
  operationId: op.operationId ?? "",
  method: op.method.toUpperCase(),
  path: op.path,
  summary: typeof op.operation.summary === "string" ? op.operation.summary : "",
}));

/** Every class the client exports that is an error of the SDK (UserExtraError and subclasses). */
const errorClasses = Object.entries(client)
  .filter(
    ([, value]) =>
      typeof value === "function" &&
      (value === client.UserExtraError || value.prototype instanceof client.UserExtraError),
  )
  .map(([name]) => name)
  .sort();

let server: SiteServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(SITE_DIR, "index.html"))) {
    throw new Error("site/ is not built: run `turbo run docs` (the test task depends on it)");
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: run \`pnpm run browser\` (apt-get install chromium-headless-shell)`,
    );
  }
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  server = await serveSite(SITE_DIR);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Visit {
  page: Page;
  problems: string[];
  text: string;
  links: string[];
}

/** Opens `path`, records every console error, page error and network request off this host. */
async function visit(path: string): Promise<Visit> {
  const page = await browser.newPage();
  const problems: string[] = [];
  const origin = new URL(server.url).origin;
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) {
      return route.continue();
    }
    problems.push(`loads from the network: ${url}`);
    return route.abort();
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} for ${r.url()}`);
  });
  // Every resource of a page is local, so "load" has seen each request the page makes.
  const response = await page.goto(new URL(path, server.url).href, { waitUntil: "load" });
  expect(response?.status(), path).toBe(200);
  const text = await page.innerText("body");
  const links = await page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
  const name = path
    .replace(/\/$/, "/index")
    .replace(/\.html$/, "")
    .replace(/[/]/g, "_");
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name || "index"}.png`) });
  return { page, problems, text, links };
}

/** The internal links of a page whose target does not exist on the site. */
async function brokenLinks(links: string[]): Promise<string[]> {
  const origin = new URL(server.url).origin;
  const targets = [
    ...new Set(links.filter((l) => l.startsWith(origin)).map((l) => l.split("#")[0] ?? l)),
  ];
  const broken: string[] = [];
  for (const target of targets) {
    const status = (await fetch(target)).status;
    if (status !== 200) broken.push(`${target} (${status})`);
  }
  return broken;
}

// The site's own pages, and one page TypeDoc writes per class (the first error class): the
// others are built alike, and the reference index's links to them are all followed below.
const pages = [
  "index.html",
  "api/index.html",
  "reference/index.html",
  ...GUIDE_ORDER.map((g) => `guides/${g}.html`),
  `reference/classes/${errorClasses[0]}.html`,
];

describe("the documentation site in Chromium", () => {
  it("knows what to look for: the spec's operations and the client's error classes", () => {
    expect(operations).toHaveLength(6);
    expect(errorClasses).toContain("UserExtraError");
    expect(errorClasses).toContain("NotFoundError");
  });

  it.each(pages)(
    "%s opens with no console error, no network load and no broken link",
    async (path) => {
      const { page, problems, links } = await visit(path);
      await page.close();
      expect(problems).toEqual([]);
      expect(await brokenLinks(links)).toEqual([]);
    },
  );

  it("the API page shows each of the spec's operations, method, path and summary", async () => {
    const { page, problems } = await visit("api/index.html");
    // Redoc renders after the spec is fetched: wait for the last operation's section.
    const last = operations.at(-1)?.operationId ?? "";
    await page.locator(`[id="operation/${last}"]`).waitFor({ state: "attached" });
    const text = await page.innerText("body");
    const sections = await Promise.all(
      operations.map((op) => page.locator(`[id="operation/${op.operationId}"]`).count()),
    );
    await page.screenshot({ path: join(ARTIFACTS_DIR, "api_operations.png") });
    await page.close();
    expect(problems).toEqual([]);
    expect(sections, "one section per operation").toEqual(operations.map(() => 1));
    for (const op of operations) {
      expect(text, `${op.method} ${op.path}`).toContain(op.summary);
      expect(text).toMatch(new RegExp(`${op.method}\\s*${op.path.replace(/[{}]/g, "\\$&")}`, "i"));
    }
  });

  it("the client reference lists every error class, each on a page of its own", async () => {
    const { page, text, links } = await visit("reference/index.html");
    await page.close();
    for (const name of errorClasses) {
      expect(text).toContain(name);
      const classPage = links.find((l) => l.endsWith(`/classes/${name}.html`));
      expect(classPage, `a link to ${name}'s page`).toBeDefined();
      const html = await (await fetch(classPage ?? "")).text();
      expect(html).toContain(`<h1>Class ${name}`);
    }
  });

  it("the guides carry the client's type-checked examples", async () => {
    const example = readFileSync(
      new URL("../../client/examples/quickstart.ts", import.meta.url),
      "utf8",
    );
    const { page, text } = await visit("guides/getting-started.html");
    await page.close();
    const firstLine = example.split("\n").find((l) => l.includes("createUserExtraClient("));
    expect(firstLine).toBeDefined();
    expect(text).toContain(firstLine?.trim());
  });
});
