import type { SandboxHandler } from '../sandbox-handler.js';

/** The Kubernetes REST API (/api, /apis). */
export const kubeHandler: SandboxHandler = async () => false;
