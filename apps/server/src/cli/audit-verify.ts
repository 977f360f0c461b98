// `npm run audit:verify`: recomputes the audit log's hash chain and reports the first broken row.
import { openDatabase } from '../db/client';
import { loadConfig } from '../platform/config';
import { verifyAuditChain } from '../platform/audit/audit.service';

const config = loadConfig();
const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, poolSize: config.dbPoolSize });
try {
  const result = await verifyAuditChain(database.db);
  if (result.ok) console.log(`审计日志完整 / audit log intact: ${result.checked} rows checked`);
  else console.error(`审计日志被篡改 / audit log broken at seq ${result.firstBrokenSeq} (${result.checked} rows checked)`);
  process.exitCode = result.ok ? 0 : 1;
} finally {
  await database.close();
}
