/**
 * The three patch formats of PATCH requests, applied to plain JSON:
 * RFC 7386 merge patch, RFC 6902 JSON patch (json-patch.ts) and Kubernetes'
 * strategic merge patch, where lists of the pod spec are merged by their
 * patchMergeKey (containers by name, ports by containerPort, ...) instead of
 * being replaced, `null` deletes a field, and `$patch: delete` removes a list
 * element.
 */

type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (value: Json): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** RFC 7386: objects merge, everything else (arrays included) replaces, null deletes. */
export function applyMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/** patchMergeKey of the lists of apps/v1 and core/v1 that a Deployment holds, by field name. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  tolerations: 'key',
  topologySpreadConstraints: 'topologyKey',
  conditions: 'type',
};

/** Strategic merge patch of a Deployment (or any object whose lists follow the pod spec's merge keys). */
export function applyStrategicMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    // Directives kubectl sends alongside the data: ordering hints and retainKeys, which change no value here.
    if (key.startsWith('$setElementOrder/') || key === '$retainKeys' || key === '$patch') continue;
    if (value === null) {
      delete result[key];
      continue;
    }
    const mergeKey = MERGE_KEYS[key];
    if (Array.isArray(value) && mergeKey && Array.isArray(result[key])) {
      result[key] = mergeList(result[key] as Json[], value, mergeKey);
    } else if (Array.isArray(value)) {
      result[key] = value.filter((item) => !(isObject(item) && item.$patch === 'delete')).map((item) => stripDirectives(item));
    } else {
      result[key] = applyStrategicMergePatch(result[key], value);
    }
  }
  return result;
}

function mergeList(current: Json[], patch: Json[], mergeKey: string): Json[] {
  const merged = [...current];
  for (const item of patch) {
    if (!isObject(item) || item[mergeKey] === undefined) {
      merged.push(structuredClone(item));
      continue;
    }
    const index = merged.findIndex((existing) => isObject(existing) && existing[mergeKey] === item[mergeKey]);
    if (item.$patch === 'delete') {
      if (index >= 0) merged.splice(index, 1);
    } else if (index >= 0) merged[index] = applyStrategicMergePatch(merged[index], item);
    else merged.push(stripDirectives(item));
  }
  return merged;
}

function stripDirectives(value: Json): Json {
  if (!isObject(value)) return structuredClone(value);
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('$')).map(([key, v]) => [key, stripDirectives(v)]));
}
