import {
  APIConnectionError,
  APIError,
  BadRequestError,
  createUserExtraClient,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
} from "@user-extra/client";

const client = createUserExtraClient({
  baseUrl: process.env.USER_EXTRA_BASE_URL,
  token: process.env.USER_EXTRA_TOKEN ?? "",
});

try {
  await client.patch(999_999, { birthday: "1995-06-15" });
} catch (err) {
  if (err instanceof NotFoundError) {
    console.log("deleted by someone else:", err.message);
  } else if (err instanceof PermissionDeniedError) {
    console.log("belongs to another organization");
  } else if (err instanceof BadRequestError) {
    console.log(err.fieldErrors); // { birthday: ["Date has wrong format..."] }
  } else if (err instanceof APIError) {
    console.log(err.status, err.method, err.path, err.requestId, err.body ?? err.excerpt);
  } else if (err instanceof APIConnectionError) {
    console.log("no response:", err.message, err.cause);
  } else if (err instanceof InvalidInputError) {
    console.log(`refused before sending; fix ${err.field}`);
  } else {
    throw err;
  }
}
