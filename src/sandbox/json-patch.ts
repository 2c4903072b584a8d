/** The add / replace / remove operations of RFC 6902, enough to describe a broken world as a change to a healthy one. */
export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

export function applyPatch<T>(document: T, operations: readonly PatchOperation[]): T {
  const copy = structuredClone(document);
  for (const operation of operations) applyOne(copy, operation);
  return copy;
}

function applyOne(root: unknown, { op, path, value }: PatchOperation): void {
  const tokens = path
    .split('/')
    .slice(1)
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
  const last = tokens.pop();
  if (last === undefined) throw new Error(`patch path "${path}" names the whole document`);
  let parent: unknown = root;
  for (const token of tokens) {
    parent = (parent as Record<string, unknown>)?.[token];
    if (parent === undefined || parent === null) throw new Error(`patch path "${path}": nothing at "${token}"`);
  }
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) throw new Error(`patch path "${path}": bad index`);
    if (op === 'add') parent.splice(index, 0, value);
    else if (index >= parent.length) throw new Error(`patch path "${path}": no element ${index}`);
    else if (op === 'replace') parent[index] = value;
    else parent.splice(index, 1);
    return;
  }
  const object = parent as Record<string, unknown>;
  if (op !== 'add' && !(last in object)) throw new Error(`patch path "${path}": nothing to ${op}`);
  if (op === 'remove') delete object[last];
  else object[last] = value;
}
