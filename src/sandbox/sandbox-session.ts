import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { readConfigDocument } from '../config/load-config.js';
import { packageRoot } from '../package-root.js';
import { applyPatch } from './json-patch.js';
import { SANDBOX_AWS_CREDENTIALS } from './sandbox-credentials.js';
import { writeSandboxKubeconfig } from './kubeconfig.js';
import { startSandbox, type Sandbox } from './sandbox-server.js';
import type { Scenario } from './scenarios.js';
import { writeTranscript } from './transcript.js';

/**
 * A running sandbox with everything a shipmate process needs to talk to it:
 * a config file, a kubeconfig, and the environment variables a real
 * deployment would set (AWS endpoint and credentials, KUBECONFIG).
 */
export interface SandboxSession {
  sandbox: Sandbox;
  dir: string;
  configPath: string;
  kubeconfigPath: string;
  /** Variables for a shipmate process (merge over process.env). No real credential is among them. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startSandboxSession(scenario: Scenario, options: { port?: number; httpsPort?: number } = {}): Promise<SandboxSession> {
  const sandbox = await startSandbox({ world: scenario.world, ...options });
  const dir = mkdtempSync(join(tmpdir(), 'shipmate-sandbox-'));
  const kubeconfigPath = writeSandboxKubeconfig(dir, sandbox.url, {
    'sandbox-staging': 'shop-staging',
    'sandbox-production': 'shop-production',
  });
  const base = readConfigDocument(join(packageRoot(), 'examples', 'sandbox.shipmate.yml'));
  const config = applyPatch(base, [
    // A store of the session's own, unless the scenario names one.
    { op: 'add', path: '/store', value: { url: `sqlite:${join(dir, 'shipmate.db')}` } },
    ...scenario.configPatch,
    { op: 'add', path: '/http', value: { caFile: sandbox.caCertificatePath } },
  ]);
  const configPath = join(dir, 'shipmate.yml');
  writeFileSync(configPath, `# Written for the sandbox scenario "${scenario.name}".\n${stringify(config)}`);
  const env = {
    SHIPMATE_CONFIG: configPath,
    SHIPMATE_SANDBOX_HTTP: sandbox.url,
    SHIPMATE_SANDBOX_HTTPS: sandbox.httpsUrl,
    AWS_ENDPOINT_URL: sandbox.url,
    AWS_ACCESS_KEY_ID: SANDBOX_AWS_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: SANDBOX_AWS_CREDENTIALS.secretAccessKey,
    AWS_REGION: scenario.world.region,
    AWS_EC2_METADATA_DISABLED: 'true',
    KUBECONFIG: kubeconfigPath,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  return {
    sandbox,
    dir,
    configPath,
    kubeconfigPath,
    env,
    close: async () => {
      const { messages, ephemerals, responses } = sandbox.state.slack;
      writeTranscript('slack', JSON.stringify({ messages, ephemerals, responses }));
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
