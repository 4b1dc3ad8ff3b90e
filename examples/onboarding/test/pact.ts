import { fileURLToPath } from "node:url";
import { definePact } from "@user-extra/pact";

/** The team's name as a consumer: its pact file and its broker entry are named for it. */
export const CONSUMER = "onboarding";
export const PACT_DIR = fileURLToPath(new URL("../pacts", import.meta.url));
export const newPact = () => definePact({ consumer: CONSUMER, dir: PACT_DIR });
