// Friendly names over the generated types. The generated file is the only place the shapes
// are defined; this file only names them.
import type { components, operations, paths } from "./generated/openapi.gen.js";

export type { components, operations, paths };

type Schemas = components["schemas"];

/** A stored user extra record, as every response returns it. */
export type UserExtra = Schemas["UserExtra"];
/** The body of POST /user_extra/ (`parent` required). */
export type UserExtraCreate = Schemas["UserExtraCreate"];
/** The body of PUT /user_extra/{id}/ (fields left out are reset). */
export type UserExtraUpdate = Schemas["UserExtraUpdate"];
/** The body of PATCH /user_extra/{id}/ (every field optional). */
export type UserExtraPatch = Schemas["UserExtraPatch"];
/** One page of GET /user_extra/. */
export type UserExtraPage = Schemas["PaginatedUserExtraList"];
/** The body of 401, 403, 404 and 409 responses. */
export type ErrorDetail = Schemas["ErrorDetail"];
/** The body of 400 responses: field name to messages. */
export type ValidationErrors = Schemas["ValidationErrors"];
/** `"m" | "f" | "o" | null`. */
export type Gender = Schemas["Gender"];
/** The free-form device information returned with `device_info=true`. */
export type DeviceInfo = Schemas["DeviceInfo"];
/** The query parameters of GET /user_extra/. */
export type ListUserExtrasQuery = NonNullable<operations["listUserExtras"]["parameters"]["query"]>;
