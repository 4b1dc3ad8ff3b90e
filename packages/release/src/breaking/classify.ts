import { runOpenApiDiff } from "./openapi-diff-adapter.js";
import { diffOperations } from "./operation-diff.js";
import type { SpecDocument } from "./spec-document.js";
import type { Difference } from "./types.js";

export interface Classification {
  differences: Difference[];
  /**
   * openapi-diff body verdicts replaced by field-level findings on the same body. Its JSON-schema
   * diff treats every object as open, so adding an optional property to a request body reads as
   * "accepts fewer values" (breaking); the field rules name the property and judge it.
   */
  superseded: Difference[];
}

const BODY_SCOPE = /^(request|response)\.body\.scope\./;

export async function classify(base: SpecDocument, head: SpecDocument): Promise<Classification> {
  const [fromLibrary, fromRules] = await Promise.all([
    runOpenApiDiff(base, head),
    Promise.resolve(diffOperations(base.doc, head.doc)),
  ]);
  const explained = new Set(fromRules.map((d) => d.scope));
  const differences: Difference[] = [];
  const superseded: Difference[] = [];
  for (const d of fromLibrary) {
    // A body verdict nothing explains is kept as is: openapi-diff saw something the rules did not.
    if (BODY_SCOPE.test(d.code) && explained.has(d.scope)) superseded.push(d);
    else differences.push(d);
  }
  differences.push(...fromRules);
  return { differences, superseded };
}
