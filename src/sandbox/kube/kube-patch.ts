import { isDeepStrictEqual } from 'node:util';
import { sendJson } from '../sandbox-handler.js';
import { applyPatch, type PatchOperation } from '../json-patch.js';
import { readCollection } from './kube-collection.js';
import { validateDeployment } from './kube-deployment-validation.js';
import type { KubeObject } from './kube-objects.js';
import { applyMergePatch, applyStrategicMergePatch } from './kube-patch-documents.js';
import type { VerbHandler } from './kube-request.js';
import { objectBody } from './kube-representation.js';
import { resourceKeyOf } from './kube-resources.js';
import { badRequest, invalid, notFound, sendStatus, unprocessablePatch, unsupportedMediaType } from './kube-status.js';

const STRATEGIC = 'application/strategic-merge-patch+json';
const MERGE = 'application/merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';
const APPLY = 'application/apply-patch+yaml';
/** In the order the API server lists them in a 415. */
const PATCH_TYPES = [JSON_PATCH, MERGE, APPLY, STRATEGIC] as const;
/** A custom resource has no strategic merge patch (its schema carries no patch strategies). */
const CUSTOM_PATCH_TYPES = [JSON_PATCH, MERGE, APPLY] as const;

/**
 * PATCH of one object. Status and identity cannot be changed this way (the
 * status subresource owns status), a spec change bumps metadata.generation,
 * any change a new resourceVersion, and watchers hear of it as MODIFIED.
 * Server-side apply is listed as accepted by a real server but not served here.
 */
export const patchObject: VerbHandler = ({ world, store, resource, route, body, contentType, representation }, res) => {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const accepted = resource.custom ? CUSTOM_PATCH_TYPES : PATCH_TYPES;
  if (mediaType === APPLY || !(accepted as readonly string[]).includes(mediaType)) return sendStatus(res, unsupportedMediaType(accepted));
  const name = route.name ?? '';
  const current = readCollection(world, store, resource, route.namespace).find((o) => o.metadata?.name === name);
  if (!current) return sendStatus(res, notFound(resource, name));

  let patch: unknown;
  try {
    patch = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return sendStatus(res, badRequest(`error decoding patch: ${(error as Error).message}`));
  }
  let patched: KubeObject;
  try {
    patched = patchedObject(current, patch, mediaType);
  } catch (error) {
    return sendStatus(res, unprocessablePatch(`the server rejected our request due to an error in our request: ${(error as Error).message}`));
  }
  if (route.subresource === 'status') {
    // The status subresource changes status alone; everything else of the patch is ignored.
    const status = patched.status;
    patched = structuredClone(current);
    if (status === undefined) delete patched.status;
    else patched.status = status;
  } else {
    // Identity and status are the server's: a patch cannot move them.
    patched.metadata = { ...patched.metadata, ...identityOf(current) };
    if ('status' in current) patched.status = current.status;
    else delete patched.status;
  }

  const causes = resource.resource === 'deployments' ? validateDeployment(patched) : [];
  if (causes.length > 0) return sendStatus(res, invalid(resource, name, causes));

  if (!isDeepStrictEqual(withoutVolatileMetadata(patched), withoutVolatileMetadata(current))) {
    if (resource.tracksGeneration && !isDeepStrictEqual(patched.spec, current.spec)) {
      patched.metadata = { ...patched.metadata, generation: (current.metadata?.generation ?? 1) + 1 };
    }
    replaceContents(current, patched);
    store.publish(resourceKeyOf(resource), route.namespace ?? '', 'MODIFIED', current);
  }
  sendJson(res, 200, objectBody(current, resource, representation));
};

function patchedObject(current: KubeObject, patch: unknown, mediaType: string): KubeObject {
  const document = structuredClone(current);
  if (mediaType === JSON_PATCH) {
    if (!Array.isArray(patch)) throw new Error('a JSON patch must be an array of operations');
    return applyPatch(document, patch as PatchOperation[]);
  }
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new Error('a merge patch must be a JSON object');
  const apply = mediaType === STRATEGIC ? applyStrategicMergePatch : applyMergePatch;
  return apply(document, patch) as KubeObject;
}

function identityOf(object: KubeObject) {
  const { name, namespace, uid, resourceVersion, creationTimestamp, generation } = object.metadata ?? {};
  return Object.fromEntries(
    Object.entries({ name, namespace, uid, resourceVersion, creationTimestamp, generation }).filter(([, v]) => v !== undefined),
  );
}

function withoutVolatileMetadata(object: KubeObject): KubeObject {
  const { resourceVersion: _rv, generation: _generation, ...metadata } = object.metadata ?? {};
  return { ...object, metadata };
}

/** Makes `target` equal to `source` in place, so the world keeps holding the same object. */
function replaceContents(target: KubeObject, source: KubeObject): void {
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, source);
}
