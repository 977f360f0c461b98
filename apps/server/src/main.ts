import { openDatabase } from './db/client';
import { DataDirLockedError } from './db/lock';
import { bootstrap } from './db/seed/bootstrap';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './modules/accounts/accounts.seed';
import { DEMO_OPEN311_KEY } from './modules/open311/open311.keys';
import { buildApp } from './app';
import { failInterruptedImports } from './modules/residents/residents.import';
import { MODULES } from './modules';
import { startScheduler } from './platform/jobs/scheduler';
import { auditSealJob } from './platform/audit/audit.service';
import { loadConfig } from './platform/config';
import { createDataCipher, cryptoSuiteFrom, loadDataKey } from './platform/crypto';
import { tuneHeapGrowth } from './platform/heap';

async function main(): Promise<void> {
  const started = performance.now();
  tuneHeapGrowth();
  const config = loadConfig();
  // Until shutdown is in place, a failed embedded database ends the process at once.
  let stopOnDatabaseFailure = (): void => process.exit(1);
  let database;
  try {
    database = await openDatabase({
      dataDir: config.dataDir,
      databaseUrl: config.databaseUrl,
      poolSize: config.dbPoolSize,
      onEmbeddedFailure: (error) => {
        // Every request would fail from now on: stop (exit code 1) so that a supervisor starts it afresh.
        console.error(`内嵌数据库意外停止，服务随之退出 / the embedded database stopped unexpectedly; exiting: ${error.message}`);
        stopOnDatabaseFailure();
      },
    });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(error.message);
      process.exit(75);
    }
    throw error;
  }
  await database.migrate();
  const cipher = createDataCipher(loadDataKey(process.env, config.dataDir), cryptoSuiteFrom(process.env));
  const seeded = await bootstrap(database.db, config, cipher, {
    demo: config.demo,
    size: process.env.GRIDWORK_DEMO_SIZE === 'small' ? 'small' : 'full',
    districtCode: process.env.GRIDWORK_DISTRICT_CODE ?? '340406',
  });
  // Embedded mode runs one process (the data-dir lock), so any unfinished import was cut off by the
  // last stop; with PostgreSQL other instances may still be importing, so only old jobs are stale.
  const interrupted = await failInterruptedImports(database.db, database.kind === 'pglite' ? {} : { startedBefore: new Date(Date.now() - 30 * 60_000) });
  const app = await buildApp({ database, config, cipher, logger: { level: config.logLevel } });
  if (interrupted > 0) app.log.warn({ interrupted }, 'imports interrupted by the last stop were marked failed');
  const scheduler = startScheduler(database.db, [auditSealJob, ...MODULES.flatMap((m) => m.jobs?.(app.services) ?? [])], app.log);
  const sweep = setInterval(() => void app.services.identity.sweepSessions().catch((err: unknown) => app.log.warn({ err }, 'session sweep failed')), 10 * 60_000);
  sweep.unref();

  let closing = false;
  const shutdown = async (signal: string, exitCode = 0) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    clearInterval(sweep);
    try {
      await scheduler.stop();
      await app.close();
    } finally {
      await database.close();
    }
    process.exit(exitCode);
  };
  stopOnDatabaseFailure = () => void shutdown('database-failed', 1);
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const lines = [
    '',
    `网格通 Gridwork 已启动 / started: ${url}  (移动端 ${url}/h5, API 文档 ${url}/api/docs)`,
    `数据库 / database: ${database.kind === 'pglite' ? `内嵌 PGlite（${config.dataDir}）` : 'PostgreSQL'}，启动用时 ${Math.round(performance.now() - started)} ms`,
  ];
  if (seeded.firstAdmin) {
    lines.push(
      '全新安装 / clean install. 首个管理员（仅显示这一次，首次登录须修改密码）:',
      `  用户名 username: ${seeded.firstAdmin.username}   一次性密码 one-time password: ${seeded.firstAdmin.password}`,
    );
  } else if (config.demo) {
    lines.push(`演示账号 / demo accounts (密码 password: ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.username.padEnd(9)} ${a.displayName}`);
    lines.push(`Open311 api_key（演示）: ${DEMO_OPEN311_KEY}  (${url}/open311/v2/discovery.json)`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
