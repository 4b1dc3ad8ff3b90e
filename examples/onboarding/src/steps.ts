// Onboarding fills a profile step by step: each step PATCHes only its own fields and relies on
// the provider keeping every field the step does not name (an earlier step's answers).
import {
  NotFoundError,
  type UserExtra,
  type UserExtraClient,
  type UserExtraPatch,
} from "@user-extra/client";

export type StepResult = { status: "saved"; profile: UserExtra } | { status: "unknown user" };

export async function saveStep(
  client: UserExtraClient,
  id: number,
  answers: UserExtraPatch,
): Promise<StepResult> {
  try {
    return { status: "saved", profile: await client.patch(id, answers) };
  } catch (error) {
    if (error instanceof NotFoundError) return { status: "unknown user" };
    throw error;
  }
}
