// What the verifier reads of local pact files: who the consumer is, which interactions there
// are (for the JUnit report) and which states they name (checked against the vocabulary).
import { readFileSync } from "node:fs";
import { type ProviderStateName, VOCABULARY } from "../kit/states.js";

export interface PactInteraction {
  consumer: string;
  description: string;
  states: string[];
}

interface PactFile {
  consumer?: { name?: string };
  provider?: { name?: string };
  interactions?: Array<{
    description?: string;
    providerState?: string;
    providerStates?: Array<{ name?: string }>;
  }>;
}

/** Reads a pact file, failing with the file and the missing part named. */
export function readPactFile(
  file: string,
): PactFile & { interactions: NonNullable<PactFile["interactions"]> } {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`pact ${file}: not JSON (${(error as Error).message}); expected a pact file`);
  }
  const pact = doc as PactFile;
  if (typeof doc !== "object" || doc === null || !Array.isArray(pact.interactions)) {
    throw new Error(
      `pact ${file}: "interactions" is missing or not an array; expected a pact file`,
    );
  }
  return pact as PactFile & { interactions: NonNullable<PactFile["interactions"]> };
}

export function interactionsOf(file: string): PactInteraction[] {
  const pact = readPactFile(file);
  const consumer = pact.consumer?.name ?? file;
  return pact.interactions.map((i) => ({
    consumer,
    description: i.description ?? "",
    states:
      i.providerStates?.map((s) => s.name ?? "") ?? (i.providerState ? [i.providerState] : []),
  }));
}

/** The states the pacts name that the vocabulary does not hold (no provider can set them up). */
export function unknownStates(interactions: PactInteraction[]): string[] {
  const unknown = new Set<string>();
  for (const { states } of interactions) {
    for (const name of states) {
      if (!VOCABULARY.includes(name as ProviderStateName)) unknown.add(name);
    }
  }
  return [...unknown];
}
