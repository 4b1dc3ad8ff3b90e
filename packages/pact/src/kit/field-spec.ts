/** What the spec says of one field, as much as a matcher needs (see scripts/generate.mjs). */
export interface FieldSpec {
  type: "string" | "integer" | "number" | "boolean" | "array" | "object" | "any";
  nullable: boolean;
  format?: string;
  enum?: readonly unknown[];
  items?: FieldSpec;
}
