// Command-line flags of the bench runner, with errors that say what was expected.
import { parseArgs } from "node:util";

export const SECTIONS = [
  "overhead",
  "pagination",
  "export",
  "bundle",
  "throughput",
  "deep-pages",
  "contract",
] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchArgs {
  /** Short durations and fewer rounds: a smoke run, not numbers to publish. */
  quick: boolean;
  /** The sections to run, in the order of SECTIONS. */
  sections: Section[];
  /** Where the JSON results go (default results/latest.json in this package). */
  out: string | undefined;
  help: boolean;
}

export class UsageError extends Error {}

export const HELP = `Usage: npx pnpm@12.4.2 bench -- [options]          (repo root: builds first)
       npx pnpm@12.4.2 --filter @user-extra/bench bench [options]   (after a build)

  --quick        short durations and one round: a smoke run, not numbers to publish
  --only LIST    comma-separated sections to run (default: all): ${SECTIONS.join(", ")}
  --skip LIST    comma-separated sections to leave out
  --out FILE     where the JSON results go (default: results/latest.json in packages/bench);
                 the tables go beside it with the extension .md
  --help         this text
`;

function sectionList(flag: string, value: string): Section[] {
  const names = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) {
    throw new UsageError(
      `Invalid ${flag}: empty; expected a comma-separated list of ${SECTIONS.join(", ")}`,
    );
  }
  for (const name of names) {
    if (!(SECTIONS as readonly string[]).includes(name)) {
      throw new UsageError(
        `Invalid ${flag}: "${name}" is not a section; expected some of ${SECTIONS.join(", ")}`,
      );
    }
  }
  return names as Section[];
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values } = parsed;
  const only = values.only === undefined ? [...SECTIONS] : sectionList("--only", values.only);
  const skip = values.skip === undefined ? [] : sectionList("--skip", values.skip);
  const sections = SECTIONS.filter((s) => only.includes(s) && !skip.includes(s));
  if (sections.length === 0) {
    throw new UsageError("Invalid --only/--skip: together they leave no section to run");
  }
  if (values.out !== undefined && !values.out.trim()) {
    throw new UsageError("Invalid --out: empty; expected a file path for the JSON results");
  }
  return { quick: values.quick === true, sections, out: values.out, help: values.help === true };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv.filter((a) => a !== "--"),
    options: {
      quick: { type: "boolean" },
      only: { type: "string" },
      skip: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
}
