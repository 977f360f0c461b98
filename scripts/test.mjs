// `npm test`: lint, type-check, build the web pages (the e2e run serves them), then every Vitest
// project: PGlite always, PostgreSQL when TEST_DATABASE_URL is set, Chromium e2e when a browser exists.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const steps = [
  ['lint', ['npm', 'run', '--silent', 'lint']],
  ['type-check', ['npm', 'run', '--silent', 'typecheck']],
  ['build web', ['npm', 'run', '--silent', 'build:web', '--', '--logLevel', 'warn']],
  ['vitest', ['npx', 'vitest', 'run', ...process.argv.slice(2)]],
];
for (const [name, [command, ...args]] of steps) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✗ ${name} failed after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${name} (${seconds}s)`);
}
