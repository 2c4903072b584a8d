/**
 * What every adapter throws when the remote system could not answer usefully.
 * `message` is one line meant for a human: it names the system, the operation
 * and the reason, and never contains a credential.
 */
export type PortErrorCode = 'unreachable' | 'forbidden' | 'unauthorized' | 'throttled' | 'invalid' | 'limit_exceeded' | 'remote';

export class PortError extends Error {
  override readonly name = 'PortError';
  constructor(
    readonly code: PortErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A PortError of the store itself: the run's bookkeeping, not the action, failed. */
export class StorePortError extends PortError {}

/** The store could not be reached or was too busy: whoever follows a run next (this replica or another) picks it up. */
export const isStoreOutage = (error: unknown): boolean =>
  error instanceof StorePortError && (error.code === 'unreachable' || error.code === 'throttled');
