import { describe, expect, it } from "vitest";
import {
  collectProperties,
  listOperations,
  loadBundledSpec,
  recordKeys,
  resolvePointer,
  writableFields,
} from "../src/spec.js";

const spec = loadBundledSpec();

describe("reading the bundled spec", () => {
  it("finds the six operations with their parameters", () => {
    const ops = listOperations(spec);
    expect(ops.map((o) => `${o.method.toUpperCase()} ${o.path} ${o.operationId}`).sort()).toEqual([
      "DELETE /user_extra/{id}/ deleteUserExtra",
      "GET /user_extra/ listUserExtras",
      "GET /user_extra/{id}/ getUserExtra",
      "PATCH /user_extra/{id}/ partialUpdateUserExtra",
      "POST /user_extra/ createUserExtra",
      "PUT /user_extra/{id}/ updateUserExtra",
    ]);
    const list = ops.find((o) => o.operationId === "listUserExtras");
    expect(list?.parameters.map((p) => p.name)).toEqual([
      "parent",
      "parent__organization_id",
      "limit",
      "offset",
      "device_info",
    ]);
    const get = ops.find((o) => o.operationId === "getUserExtra");
    expect(get?.parameters.find((p) => p.in === "path")).toMatchObject({
      name: "id",
      required: true,
    });
    for (const op of ops) {
      for (const p of op.parameters)
        expect(resolvePointer(spec, p.schemaPointer)).toHaveProperty("type");
    }
  });

  it("derives the writable fields from the PUT body: every record property but id, parent and device_info", () => {
    const names = writableFields(spec).map((f) => f.name);
    const record = collectProperties(spec, { $ref: "#/components/schemas/UserExtra" });
    const readOnly = ["id", "parent", "device_info"];
    expect([...names].sort()).toEqual(
      [...record.keys()].filter((k) => !readOnly.includes(k)).sort(),
    );
    expect(names).toHaveLength(28);
  });

  it("requires in a record only the keys the spec's required list names, all of them writable or id", () => {
    const names = new Set(writableFields(spec).map((f) => f.name));
    const keys = recordKeys(spec);
    expect(keys).toContain("id");
    for (const key of keys.filter((k) => k !== "id")) expect(names.has(key), key).toBe(true);
    expect(keys.length).toBeLessThan(names.size);
  });

  it("resets nullable fields to null and accept_terms to false, as the spec's PUT says", () => {
    const fields = writableFields(spec);
    expect(fields.find((f) => f.name === "accept_terms")).toMatchObject({
      type: "boolean",
      nullable: false,
      resetValue: false,
    });
    for (const f of fields.filter((f) => f.name !== "accept_terms")) {
      expect(f, f.name).toMatchObject({ nullable: true, resetValue: null });
    }
  });

  it("merges allOf and follows $ref when collecting properties", () => {
    const props = collectProperties(spec, { $ref: "#/components/schemas/UserExtraCreate" });
    expect(props.get("parent")).toMatchObject({ type: "integer", minimum: 1 });
    expect(props.get("gender")).toMatchObject({ enum: ["m", "f", "o"], nullable: true });
  });

  it("refuses a pointer to nowhere with a clear error", () => {
    expect(() => resolvePointer(spec, "#/components/schemas/Nope")).toThrow(
      'The spec has no node at "#/components/schemas/Nope"',
    );
  });
});
