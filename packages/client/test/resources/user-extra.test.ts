// What each operation sends and returns.
import { describe, expect, it } from "vitest";
import { BASE, client, fakeFetch, json, record, settle, specPutFields } from "../helpers.js";

const emptyPage = { count: 0, next: null, previous: null, results: [] };

describe("operations", () => {
  it("list maps the filters to the spec's query names", async () => {
    const { fetch, calls } = fakeFetch(json(200, emptyPage));
    const page = await client(fetch).list({
      parent: 45,
      organizationId: 123,
      limit: 25,
      offset: 50,
      deviceInfo: true,
    });
    expect(page).toEqual(emptyPage);
    const q = calls[0]?.url.searchParams;
    expect(calls[0]?.method).toBe("GET");
    expect(calls[0]?.url.pathname).toBe("/api/v1/user_extra/");
    expect(Object.fromEntries(q ?? [])).toEqual({
      parent: "45",
      parent__organization_id: "123",
      limit: "25",
      offset: "50",
      device_info: "true",
    });
  });

  it("list without filters sends no query", async () => {
    const { fetch, calls } = fakeFetch(json(200, emptyPage));
    await client(fetch).list();
    expect(calls[0]?.url.href).toBe(`${BASE}/user_extra/`);
  });

  it("get, with and without deviceInfo", async () => {
    const { fetch, calls } = fakeFetch(json(200, record(1, { device_info: { os: "ios" } })));
    const r = await client(fetch).get(1, { deviceInfo: true });
    expect(r.device_info).toEqual({ os: "ios" });
    expect(calls[0]?.url.href).toBe(`${BASE}/user_extra/1/?device_info=true`);
    await client(fetch).get(1);
    expect(calls[1]?.url.href).toBe(`${BASE}/user_extra/1/`);
  });

  it("create POSTs the JSON body and returns the record", async () => {
    const { fetch, calls } = fakeFetch(json(201, record(1, { parent: 45, city: "New York" })));
    const body = { parent: 45, city: "New York", custom_field_1: "Dietary: vegan" };
    const r = await client(fetch).create(body);
    expect(r.id).toBe(1);
    expect(calls[0]?.method).toBe("POST");
    expect(calls[0]?.url.href).toBe(`${BASE}/user_extra/`);
    expect(JSON.parse(calls[0]?.body ?? "")).toEqual(body);
  });

  it("update PUTs every writable field of the spec, cleared where not given; patch only the given", async () => {
    const { fetch, calls } = fakeFetch(json(200, record(5)));
    await client(fetch).update(5, { city: "Paris", accept_terms: true });
    await client(fetch).patch(5, { telephone: "+33 1 23" });
    const fields = specPutFields();
    expect(Object.keys(fields).length).toBeGreaterThan(20);
    expect(calls.map((c) => [c.method, c.url.pathname, JSON.parse(c.body)])).toEqual([
      ["PUT", "/api/v1/user_extra/5/", { ...fields, city: "Paris", accept_terms: true }],
      ["PATCH", "/api/v1/user_extra/5/", { telephone: "+33 1 23" }],
    ]);
  });

  it("update reads an undefined field as not given, keeps given nulls and passes unknown keys on", async () => {
    const { fetch, calls } = fakeFetch(json(200, record(5)));
    const body = { city: undefined, gender: null, extra_key: "x" } as Record<string, unknown>;
    await client(fetch).update(5, body);
    expect(JSON.parse(calls[0]?.body ?? "")).toEqual({ ...specPutFields(), extra_key: "x" });
  });

  it("delete sends DELETE and resolves to undefined on 204", async () => {
    const { fetch, calls } = fakeFetch(new Response(null, { status: 204 }));
    expect(await client(fetch).delete(5)).toBeUndefined();
    expect(calls[0]?.method).toBe("DELETE");
    expect(calls[0]?.url.pathname).toBe("/api/v1/user_extra/5/");
  });
});

describe("withResponse()", () => {
  type C = ReturnType<typeof client>;
  const page = { count: 1, next: null, previous: null, results: [record(7)] };
  it.each([
    ["list", (c: C) => c.list().withResponse(), 200, page],
    ["get", (c: C) => c.get(7).withResponse(), 200, record(7)],
    ["create", (c: C) => c.create({ parent: 1 }).withResponse(), 201, record(7)],
    ["update", (c: C) => c.update(7, {}).withResponse(), 200, record(7)],
    ["patch", (c: C) => c.patch(7, {}).withResponse(), 200, record(7)],
  ] as const)("%s: the data, the Response and the request id", async (_, go, status, body) => {
    const { fetch } = fakeFetch(json(status, body, { "x-request-id": `rid-${status}` }));
    const { data, response, requestId } = await go(client(fetch));
    expect(data).toEqual(body);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(requestId).toBe(`rid-${status}`);
  });

  it("delete: no data, the 204 Response and its request id", async () => {
    const { fetch } = fakeFetch(
      new Response(null, { status: 204, headers: { "request-id": "r-204" } }),
    );
    const { data, response, requestId } = await client(fetch).delete(7).withResponse();
    expect(data).toBeUndefined();
    expect(response.status).toBe(204);
    expect(requestId).toBe("r-204");
  });

  it("awaiting and withResponse() share one request", async () => {
    const { fetch, calls } = fakeFetch(json(200, record(7)));
    const p = client(fetch).get(7);
    const [a, b] = await Promise.all([p, p.withResponse()]);
    expect(a).toBe(b.data);
    expect(calls).toHaveLength(1);
  });

  it("an error rejects both ways, with no unhandled rejection when only one is used", async () => {
    const { fetch } = fakeFetch(json(404, { detail: "Not found." }));
    const err = await settle(client(fetch, { maxRetries: 0 }).get(7).withResponse());
    expect(err).toHaveProperty("status", 404);
  });
});
