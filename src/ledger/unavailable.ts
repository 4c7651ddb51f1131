/**
 * A ledger whose store cannot be reached is a passing fault of the hub, never the fault of
 * whoever sent the request: every operation of an adapter whose store is away fails with
 * `LEDGER_UNAVAILABLE`, which the REST transport answers with 503 and `Retry-After`, the AMQP
 * consumer by keeping the delivery, and the pipeline never turns into a rejection. Each
 * adapter says once which of its driver's failures mean "away" (`declareUnavailability`), the
 * way the MongoDB driver declares the aspects of its operations, instead of a try/catch in
 * every method.
 */
import { KnooppuntError, LedgerError } from '@knooppunt/standard';

/** The detail every client sees: no host, port or driver message (those go to the log). */
export const UNAVAILABLE_DETAIL = 'the ledger cannot be reached just now; try again later';

/** `error` as LEDGER_UNAVAILABLE when `unreachable` says so; otherwise `error` itself. */
export function asUnavailable(error: unknown, unreachable: (error: unknown) => boolean): unknown {
  if (error instanceof KnooppuntError || !unreachable(error)) return error;
  return new LedgerError('LEDGER_UNAVAILABLE', UNAVAILABLE_DETAIL, { cause: error });
}

/**
 * Makes every public method of `adapter`'s prototype fail with LEDGER_UNAVAILABLE where its
 * driver's failure is one `unreachable` recognises: a rejected promise and an async iterable
 * that an `async *` method returns and that fails while it is read. Methods called by other methods translate once (a LedgerError
 * passes through); synchronous methods and getters are left as they are.
 */
export function declareUnavailability(
  adapter: abstract new (...args: never[]) => object,
  unreachable: (error: unknown) => boolean,
): void {
  const prototype = adapter.prototype as Record<string, unknown>;
  for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(prototype))) {
    const method: unknown = descriptor.value;
    if (name === 'constructor' || typeof method !== 'function') continue;
    Object.defineProperty(prototype, name, {
      ...descriptor,
      value: function (this: unknown, ...args: unknown[]): unknown {
        return guarded((method as (...a: unknown[]) => unknown).apply(this, args), unreachable);
      },
    });
  }
}

function guarded(result: unknown, unreachable: (error: unknown) => boolean): unknown {
  if (result instanceof Promise) {
    return result.catch((error: unknown) => {
      throw asUnavailable(error, unreachable);
    });
  }
  if (isAsyncGenerator(result)) return guardedIterable(result, unreachable);
  return result;
}

async function* guardedIterable(
  source: AsyncIterable<unknown>,
  unreachable: (error: unknown) => boolean,
): AsyncGenerator<unknown> {
  try {
    yield* source;
  } catch (error) {
    throw asUnavailable(error, unreachable);
  }
}

/** What an `async *` method returns (a driver's cursor, also async iterable, is left alone). */
function isAsyncGenerator(value: unknown): value is AsyncGenerator<unknown> {
  return Object.prototype.toString.call(value) === '[object AsyncGenerator]';
}
