import { m } from '$lib/paraglide/messages.js';
import { classifyStorageError } from '$lib/storage/deviceStorage.ts';

/** A storage failure in words a facilitator can act on. */
export function storageErrorText(error: unknown): string {
  const problem = classifyStorageError(error);
  if (problem === 'full') return m.error_storage_full();
  if (problem === 'unavailable') return m.error_storage_unavailable();
  return m.error_storage_other();
}
