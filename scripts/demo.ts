import { runDemo } from '../src/demo/run-demo.js';

/** npm run demo: what `shipmate demo` shows, from the working tree's build. */
process.exitCode = await runDemo({
  stdout: (text) => process.stdout.write(text),
  env: process.env,
  noColor: process.argv.includes('--no-color'),
  isTty: process.stdout.isTTY === true,
  ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
});
