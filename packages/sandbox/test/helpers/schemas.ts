// Response validators compiled from the spec, so tests check every answer against the document.
import { loadBundledSpec } from "../../src/spec.js";
import { compileSchema } from "../../src/validation.js";

const spec = loadBundledSpec();
const record = compileSchema(spec, "#/components/schemas/UserExtra");
const page = compileSchema(spec, "#/components/schemas/PaginatedUserExtraList");
const detail = compileSchema(spec, "#/components/schemas/ErrorDetail");
const fieldErrors = compileSchema(spec, "#/components/schemas/ValidationErrors");

function assertValid(name: string, validate: typeof record, value: unknown): void {
  const result = validate(value);
  if (!result.ok) {
    throw new Error(
      `Not a valid ${name}: ${JSON.stringify(result.errors)} in ${JSON.stringify(value).slice(0, 500)}`,
    );
  }
}

export const expectRecord = (value: unknown) => assertValid("UserExtra", record, value);
export const expectPage = (value: unknown) => assertValid("PaginatedUserExtraList", page, value);
export const expectDetail = (value: unknown) => assertValid("ErrorDetail", detail, value);
export const expectFieldErrors = (value: unknown) =>
  assertValid("ValidationErrors", fieldErrors, value);
