import { expect } from 'vitest';
import { PortError } from '../../src/ports/port-error.js';

/** What a port call that must fail threw, checked to be a PortError. */
export async function portFailureOf(promise: Promise<unknown>): Promise<PortError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PortError);
  return error as PortError;
}
