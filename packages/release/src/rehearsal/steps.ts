import { CommandError } from "./exec.js";

/** The rehearsal failed in `step`; `output` is what that step printed (secrets masked). */
export class StepError extends Error {
  constructor(
    readonly step: string,
    readonly reason: string,
    readonly output: string,
  ) {
    super(`step "${step}" failed: ${reason}`);
    this.name = "StepError";
  }
}

export interface StepTiming {
  name: string;
  seconds: number;
}

/** Runs named steps in order, timing them and turning any failure into a StepError. */
export class StepRunner {
  readonly timings: StepTiming[] = [];
  private readonly secrets: string[] = [];

  constructor(private readonly log: (line: string) => void) {}

  /** A value that must never be printed (registry token, bearer token). */
  addSecret(secret: string): void {
    if (secret) this.secrets.push(secret);
  }

  mask(text: string): string {
    return this.secrets.reduce((acc, secret) => acc.split(secret).join("***"), text);
  }

  async step<T>(name: string, body: () => Promise<T>): Promise<T> {
    const started = performance.now();
    this.log(`- ${name} ...`);
    try {
      const result = await body();
      const seconds = (performance.now() - started) / 1000;
      this.timings.push({ name, seconds });
      this.log(`  ok (${seconds.toFixed(1)} s)`);
      return result;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const attached = (error as { output?: unknown } | undefined)?.output;
      const output =
        error instanceof CommandError || typeof attached === "string"
          ? String(attached)
          : error instanceof Error
            ? (error.stack ?? "")
            : "";
      throw new StepError(name, this.mask(reason), this.mask(output));
    }
  }
}
