// Request bodies as Django REST Framework's default parsers read them
// (https://www.django-rest-framework.org/api-guide/parsers/): JSONParser, FormParser and
// MultiPartParser. Parsing is lazy, as in DRF: a handler parses the body only once it has
// checked the record exists, so PUT on an unknown id answers 404 whatever its body.
import { HttpError } from "./errors.js";
import type { FieldInfo } from "./spec.js";

const JSON_TYPE = "application/json";
const FORM_TYPE = "application/x-www-form-urlencoded";
const MULTIPART_TYPE = "multipart/form-data";

// DRF's BooleanField.TRUE_VALUES and FALSE_VALUES, as query and form values arrive (text).
const TRUE_TEXT = new Set([
  "t",
  "T",
  "y",
  "Y",
  "yes",
  "Yes",
  "YES",
  "true",
  "True",
  "TRUE",
  "on",
  "On",
  "ON",
  "1",
]);
const FALSE_TEXT = new Set([
  "f",
  "F",
  "n",
  "N",
  "no",
  "No",
  "NO",
  "false",
  "False",
  "FALSE",
  "off",
  "Off",
  "OFF",
  "0",
]);

/** A query flag as DRF's BooleanField reads it; anything it does not read as true is false. */
export function truthy(text: unknown): boolean {
  return typeof text === "string" && TRUE_TEXT.has(text);
}

export interface RawBody {
  contentType: string | undefined;
  bytes: Buffer | undefined;
}

export interface ParsedBody {
  value: unknown;
  /** True for form and multipart bodies, whose values arrive as text. */
  form: boolean;
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** Parses a body, or throws the HttpError DRF answers (400 parse error, 415 media type). */
export async function parseBody(raw: RawBody): Promise<ParsedBody> {
  const type = mediaType(raw.contentType);
  // DRF reads an empty body, or one without a media type, as no data at all.
  if (!raw.bytes || raw.bytes.length === 0 || type === "") return { value: {}, form: false };
  if (type === JSON_TYPE) {
    try {
      return { value: JSON.parse(raw.bytes.toString("utf8")), form: false };
    } catch (error) {
      const reason = (error as Error).message.replace(/\s+/g, " ").slice(0, 200);
      throw new HttpError(400, { detail: `JSON parse error - ${reason}` });
    }
  }
  if (type === FORM_TYPE) {
    return { value: lastValues(new URLSearchParams(raw.bytes.toString("utf8"))), form: true };
  }
  if (type === MULTIPART_TYPE) {
    try {
      const form = await new Response(new Uint8Array(raw.bytes), {
        headers: { "content-type": raw.contentType ?? "" },
      }).formData();
      const text = [...form.entries()].filter(([, v]) => typeof v === "string") as [
        string,
        string,
      ][];
      return { value: lastValues(text), form: true };
    } catch {
      throw new HttpError(400, {
        detail: "Multipart form parse error - Invalid boundary in multipart.",
      });
    }
  }
  throw new HttpError(415, { detail: `Unsupported media type "${type}" in request.` });
}

/** A QueryDict read key by key gives the last value of a repeated key. */
function lastValues(entries: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of entries) out[key] = value;
  return out;
}

/**
 * Form values arrive as text: turn them into the JSON types the spec declares, the way DRF's
 * fields read HTML input. An empty value of a nullable non-text field is null; text that is not
 * a valid integer or boolean stays text, so validation names it. A form that leaves a boolean
 * out sets it to false unless the update is partial (DRF's BooleanField.default_empty_html).
 */
export function fromForm(
  values: Record<string, string>,
  fields: FieldInfo[],
  partial: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  const integer = (text: string) =>
    /^\s*[+-]?\d+(\.0*)?\s*$/.test(text) ? Number.parseInt(text, 10) : text;
  if (typeof values.parent === "string") out.parent = integer(values.parent);
  for (const field of fields) {
    const text = values[field.name];
    if (text === undefined) {
      if (field.type === "boolean" && !partial) out[field.name] = false;
      continue;
    }
    // Text stays text (blank allowed); a formatted value such as a date reads blank as null.
    if (field.type === "string" && !field.format) continue;
    if (text === "" && field.nullable) out[field.name] = null;
    else if (field.type === "integer") out[field.name] = integer(text);
    else if (field.type === "boolean" && TRUE_TEXT.has(text)) out[field.name] = true;
    else if (field.type === "boolean" && FALSE_TEXT.has(text)) out[field.name] = false;
  }
  return out;
}
