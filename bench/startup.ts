// Start-up time of `npm start` (server part) on a fresh and on an existing embedded data directory.
// Prints figures; asserts nothing.  Run: npx tsx bench/startup.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startServer, waitForOutput } from '../test-support/server-process';

async function timedStart(dataDir: string): Promise<number> {
  const started = performance.now();
  const server = startServer({ GRIDWORK_DATA_DIR: dataDir, GRIDWORK_DEMO_SIZE: 'full', GRIDWORK_PASSWORD_COST: '15' }, await freePort());
  await waitForOutput(server, '网格通 Gridwork 已启动', 300_000);
  const ready = await fetch(`http://127.0.0.1:${server.port}/readyz`);
  const elapsed = performance.now() - started;
  if (!ready.ok) throw new Error(`readyz answered ${ready.status}`);
  server.child.kill('SIGTERM');
  await server.exited;
  return elapsed;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwork-bench-'));
try {
  const first = await timedStart(dataDir);
  console.log(`first start (initdb + migrations + full demo data): ${(first / 1000).toFixed(1)} s`);
  const again: number[] = [];
  for (let i = 0; i < 5; i++) again.push(await timedStart(dataDir));
  again.sort((a, b) => a - b);
  console.log(`start on an existing data directory, process spawn to /readyz (5 runs): median ${(again[2]! / 1000).toFixed(2)} s, min ${(again[0]! / 1000).toFixed(2)} s, max ${(again[4]! / 1000).toFixed(2)} s`);
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
