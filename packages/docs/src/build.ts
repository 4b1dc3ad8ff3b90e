// Builds the documentation site into site/ (the turbo task `docs`):
//   site/api/index.html        the HTTP API, rendered from the spec by Redocly (bundle inlined:
//                              the page loads nothing from the network)
//   site/reference/            the client's API reference, by TypeDoc from its published entry
//   site/guides/<guide>.html   the guides, with the client's type-checked examples included
//   site/index.html            the landing page
import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { Application } from "typedoc";
import { GUIDE_ORDER, readGuide } from "./guides.js";
import { escapeHtml, type NavItem, page } from "./layout.js";
import { CLIENT_DIR, PACKAGE_DIR, SITE_DIR, SPEC } from "./paths.js";

const run = promisify(execFile);

async function buildApi(): Promise<void> {
  const out = join(SITE_DIR, "api", "index.html");
  const redocly = join(PACKAGE_DIR, "node_modules", ".bin", "redocly");
  try {
    await run(redocly, [
      "build-docs",
      SPEC,
      "--inlineBundle",
      "--title",
      "User Extra API",
      "-o",
      out,
    ]);
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`redocly build-docs failed:\n${stdout}${stderr}`);
  }
}

async function buildReference(): Promise<void> {
  const app = await Application.bootstrapWithPlugins({
    entryPoints: [join(CLIENT_DIR, "src", "index.ts")],
    tsconfig: join(CLIENT_DIR, "tsconfig.json"),
    name: "@user-extra/client",
    readme: "none",
    disableSources: true,
    logLevel: "Warn",
    treatWarningsAsErrors: false,
  });
  const project = await app.convert();
  if (!project) throw new Error("TypeDoc could not convert @user-extra/client's entry point");
  await app.generateDocs(project, join(SITE_DIR, "reference"));
}

function buildGuides(): void {
  const guides = GUIDE_ORDER.map(readGuide);
  const nav: NavItem[] = guides.map((g) => ({ href: `guides/${g.slug}.html`, title: g.title }));
  mkdirSync(join(SITE_DIR, "guides"), { recursive: true });
  for (const guide of guides) {
    const html = page({
      title: guide.title,
      body: guide.html,
      nav,
      current: `guides/${guide.slug}.html`,
      prefix: "../",
    });
    writeFileSync(join(SITE_DIR, "guides", `${guide.slug}.html`), html);
  }
  const list = guides
    .map((g) => `<li><a href="guides/${g.slug}.html">${escapeHtml(g.title)}</a></li>`)
    .join("");
  const body = `<h1>User Extra SDK</h1>
<p>TypeScript types, client, sandbox and contract tests for the User Extra API.</p>
<ul><li><a href="api/index.html">HTTP API</a>: every operation, parameter and status, rendered from the OpenAPI document.</li>
<li><a href="reference/index.html">Client API reference</a>: every export of <code>@user-extra/client</code>.</li></ul>
<h2>Guides</h2><ul>${list}</ul>`;
  writeFileSync(
    join(SITE_DIR, "index.html"),
    page({ title: "Overview", body, nav, current: "", prefix: "" }),
  );
}

rmSync(SITE_DIR, { recursive: true, force: true });
mkdirSync(SITE_DIR, { recursive: true });
const started = performance.now();
buildGuides();
await Promise.all([buildApi(), buildReference()]);
console.log(`docs: site/ built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
