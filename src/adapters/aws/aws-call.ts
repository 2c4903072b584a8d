import { toPortError, type AwsCallDescription } from './aws-error.js';

/** Runs one SDK call; whatever it throws comes out as a PortError. */
export async function callAws<T>(call: AwsCallDescription, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw toPortError(error, call);
  }
}

/** Like callAws, but the exceptions by which AWS says "no such thing" come out as undefined. */
export async function callAwsUnlessMissing<T>(
  call: AwsCallDescription,
  missing: readonly string[],
  send: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof Error && missing.includes(error.name)) return undefined;
    throw toPortError(error, call);
  }
}
