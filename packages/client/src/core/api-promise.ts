// The promise every single-call method returns: awaited, it gives the data; `withResponse()`
// gives the data with the Response and the request id (as the Stainless SDKs' APIPromise).
import type { WithResponse } from "../internal/transport.js";

export class APIPromise<T> extends Promise<T> {
  readonly #out: Promise<WithResponse<T>>;
  #data?: Promise<T>;

  // then/catch/finally build plain promises, not APIPromises around a new request.
  static override get [Symbol.species]() {
    return Promise;
  }

  constructor(out: Promise<WithResponse<T>>) {
    super((resolve) => resolve(undefined as T));
    this.#out = out;
  }

  /** The data, the final Response (body already read) and its request id. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#out;
  }

  // biome-ignore lint/suspicious/noThenProperty: the point of this class is to be awaited.
  override then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.#data ??= this.#out.then((o) => o.data);
    return this.#data.then(onfulfilled, onrejected);
  }
}
