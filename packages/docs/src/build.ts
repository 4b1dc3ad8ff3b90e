// Builds the documentation site into site/ (the turbo task `docs`):
//   site/api/index.html        the HTTP API, rendered from the spec by Redoc (its bundle copied
//                              beside it: the page loads nothing from the network)
//   site/reference/            the client's API reference, by TypeDoc from its published entry
//   site/guides/<guide>.html   the guides, with the client's type-checked examples included
//   site/index.html            the landing page
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Application } from "typedoc";
import { parse } from "yaml";
import { GUIDE_ORDER, readGuide } from "./guides.js";
import { escapeHtml, type NavItem, page } from "./layout.js";
import { CLIENT_DIR, PACKAGE_DIR, SITE_DIR, SPEC } from "./paths.js";

/** Redoc's attribution logo as a local drawing (the site loads nothing from the network). */
const LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="16"><text x="0" y="12" font-family="sans-serif" font-size="12" fill="#555">Redocly</text></svg>',
)}`;

/**
 * The spec rendered by Redoc 2's standalone bundle, copied beside the page with the spec as
 * JSON: one page that lists every operation (anchors `#operation/<operationId>`) and loads
 * nothing from the network. (Redocly's `build-docs` renders with Redoc 3, which routes by path
 * and needs a server that rewrites every route to the page.)
 */
async function buildApi(): Promise<void> {
  const dir = join(SITE_DIR, "api");
  mkdirSync(dir, { recursive: true });
  const spec = parse(readFileSync(SPEC, "utf8")) as { info?: { title?: string } };
  writeFileSync(join(dir, "openapi.json"), JSON.stringify(spec));
  // redoc's `exports` do not list its bundles: read it from this package's node_modules. Its
  // "API docs by Redocly" attribution loads a logo from cdn.redoc.ly: draw it locally instead.
  const bundle = join(PACKAGE_DIR, "node_modules", "redoc", "bundles", "redoc.standalone.js");
  writeFileSync(
    join(dir, "redoc.standalone.js"),
    readFileSync(bundle, "utf8").replace(/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini\.svg/g, LOGO),
  );
  const title = escapeHtml(spec.info?.title ?? "API");
  writeFileSync(
    join(dir, "index.html"),
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · User Extra SDK</title>
<style>body{margin:0}</style></head>
<body><p style="margin:.5rem 1rem;font:14px system-ui,sans-serif"><a href="../index.html">User Extra SDK docs</a></p>
<div id="redoc"></div>
<script src="redoc.standalone.js"></script>
<script>
fetch("openapi.json").then((r) => r.json()).then((spec) =>
  Redoc.init(spec, { hideDownloadButton: false, expandResponses: "200,201" }, document.getElementById("redoc")));
</script></body></html>
`,
  );
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
