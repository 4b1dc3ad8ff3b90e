// The client method of each operation of the spec. Not bundled (only tests and the type
// checker read it): a new operation in the spec fails the typecheck here, and
// test/resources/operations.test.ts names the method to add.
import type { OperationId } from "../generated/api.gen.js";
import type { UserExtraClient } from "./user-extra.js";

export const OPERATION_METHODS = {
  listUserExtras: "list",
  createUserExtra: "create",
  getUserExtra: "get",
  updateUserExtra: "update",
  partialUpdateUserExtra: "patch",
  deleteUserExtra: "delete",
} as const satisfies Record<OperationId, keyof UserExtraClient>;
