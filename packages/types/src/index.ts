// Friendly names over the generated types. The generated file is the only place the shapes
// are defined; this file only names them.
import type { components, operations, paths } from "./generated/openapi.gen.js";

export { USER_EXTRA_CLEARED_FIELDS } from "./generated/fields.gen.js";
export type { components, operations, paths };

type Schemas = components["schemas"];

/** A stored user extra record: the keys every documented response carries, the others optional. */
export type UserExtra = Schemas["UserExtra"];
/** The body of POST /user_extra/ (`parent` required). */
export type UserExtraCreate = Schemas["UserExtraCreate"];
/** The body of PUT /user_extra/{id}/ (fields left out keep their values on a DRF provider). */
export type UserExtraUpdate = Schemas["UserExtraUpdate"];
/** The body of PATCH /user_extra/{id}/ (every field optional). */
export type UserExtraPatch = Schemas["UserExtraPatch"];
/** One page of GET /user_extra/. */
export type UserExtraPage = Schemas["PaginatedUserExtraList"];
/** The body of 401, 403, 404 and 409 responses. */
export type ErrorDetail = Schemas["ErrorDetail"];
/** DRF's field-to-messages map (`non_field_errors` for the body as a whole). */
export type ValidationErrors = Schemas["ValidationErrors"];
/** The body of 400 responses: a field-to-messages map or `{"detail": ...}`. */
export type BadRequestBody = Schemas["BadRequestBody"];
/** `"m" | "f" | "o" | null`. */
export type Gender = Schemas["Gender"];
/** The device information returned with `device_info=true`: any JSON value (`unknown`), narrow it. */
export type DeviceInfo = Schemas["DeviceInfo"];
/** The query parameters of GET /user_extra/. */
export type ListUserExtrasQuery = NonNullable<operations["listUserExtras"]["parameters"]["query"]>;
