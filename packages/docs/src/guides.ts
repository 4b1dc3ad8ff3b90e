// The guides: Markdown files in guides/, in the order of GUIDE_ORDER, rendered to HTML pages.
// A line `<!-- include: packages/client/examples/quickstart.ts -->` is replaced by that file as a
// code block, so the guides show the same type-checked examples as the client's README.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { marked } from "marked";
import { GUIDES_DIR, ROOT } from "./paths.js";

/** File names in guides/ (without .md), in reading order. */
export const GUIDE_ORDER = [
  "getting-started",
  "errors-and-retries",
  "pagination",
  "sandbox",
  "contract-testing",
  "releases",
  "support-policy",
] as const;

export interface Guide {
  slug: string;
  title: string;
  html: string;
}

const INCLUDE = /^<!-- include: (\S+) -->$/gm;

/** Replaces each include line by a fenced block of the file it names (relative to the repo). */
export function expandIncludes(markdown: string, root = ROOT): string {
  return markdown.replace(INCLUDE, (_line, path: string) => {
    let text: string;
    try {
      text = readFileSync(join(root, path), "utf8");
    } catch {
      throw new Error(`include: ${path} does not exist (paths are relative to the repository)`);
    }
    const language = path.endsWith(".ts") ? "ts" : path.endsWith(".sh") ? "bash" : "";
    return `\`\`\`${language}\n${text.trimEnd()}\n\`\`\``;
  });
}

export function readGuide(slug: string): Guide {
  const markdown = expandIncludes(readFileSync(join(GUIDES_DIR, `${slug}.md`), "utf8"));
  const title = /^# (.+)$/m.exec(markdown)?.[1];
  if (!title) throw new Error(`guides/${slug}.md has no "# Title" line`);
  return { slug, title, html: marked.parse(markdown, { async: false }) };
}
