import { startSandboxSession } from '../src/sandbox/sandbox-session.js';
import { loadScenario } from '../src/sandbox/scenarios.js';
import { runCompiledCli } from './run-compiled-cli.js';

/** npm run demo: the compiled shipmate against the sandbox, once on a healthy world and once on a broken one. */
const runs = [
  { scenario: 'healthy', title: 'A healthy staging environment' },
  { scenario: 'broken-release', title: 'A production environment with the defects reviews keep finding' },
];

let lastCode = 0;
for (const { scenario: name, title } of runs) {
  const scenario = loadScenario(name);
  const session = await startSandboxSession(scenario);
  try {
    process.stdout.write(`\n━━ ${title} (sandbox scenario "${name}") ━━\n$ shipmate readiness --env ${scenario.environment}\n\n`);
    const { code } = await runCompiledCli(['readiness', '--env', scenario.environment], session.env, true);
    process.stdout.write(`\n(exit code ${code}: ${code === 0 ? 'nothing fails' : code === 1 ? 'a check fails, a CI gate would stop here' : 'usage or configuration error'})\n`);
    lastCode = code;
  } finally {
    await session.close();
  }
}
process.exitCode = lastCode === 2 ? 2 : 0;
