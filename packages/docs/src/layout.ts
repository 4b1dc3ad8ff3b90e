// The page shell of the guides: one stylesheet, the same navigation on every page.
export interface NavItem {
  href: string;
  title: string;
}

export const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const STYLE = `
body{margin:0;font:16px/1.55 system-ui,sans-serif;color:#1d2430;display:flex}
nav{width:15rem;min-height:100vh;background:#f3f5f8;padding:1.2rem;box-sizing:border-box;flex:none}
nav a{display:block;color:#234;text-decoration:none;padding:.2rem 0}nav a.here{font-weight:700}
nav h2{font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;color:#667;margin:1rem 0 .3rem}
main{max-width:52rem;padding:1.5rem 2.5rem}pre{background:#f6f8fa;padding:.8rem;overflow:auto}
code{font-family:ui-monospace,monospace;font-size:.9em}table{border-collapse:collapse}
td,th{border:1px solid #ccd;padding:.3rem .6rem;text-align:left}`;

/** A whole HTML page; `prefix` leads from the page back to the site's root ("" or "../"). */
export function page(options: {
  title: string;
  body: string;
  nav: NavItem[];
  current: string;
  prefix: string;
}): string {
  const links = options.nav
    .map(
      (item) =>
        `<a href="${options.prefix}${item.href}"${item.href === options.current ? ' class="here"' : ""}>${escapeHtml(item.title)}</a>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · User Extra SDK</title>
<style>${STYLE}</style></head>
<body><nav><strong>User Extra SDK</strong>
<h2>Reference</h2>
<a href="${options.prefix}api/index.html">HTTP API (from the spec)</a>
<a href="${options.prefix}reference/index.html">Client API reference</a>
<h2>Guides</h2>
${links}
</nav><main>${options.body}</main></body></html>
`;
}
