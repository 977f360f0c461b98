import path from 'node:path';

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** Unset means the embedded PGlite database inside `dataDir`. */
  readonly databaseUrl: string | undefined;
  /** Connections this process opens to PostgreSQL (not used on the embedded database). */
  readonly dbPoolSize: number;
  readonly demo: boolean;
  readonly sessionIdleMinutes: number;
  readonly sessionAbsoluteHours: number;
  /** How long a checked session is kept in memory at most (0: every request reads it). */
  readonly sessionCacheMs: number;
  readonly lockoutThreshold: number;
  readonly lockoutMinutes: number;
  readonly loginRateLimitPerMinute: number;
  /** log2 of the scrypt cost parameter N. */
  readonly passwordCost: number;
  /** Days until earned points expire (积分有效期). */
  readonly pointsExpiryDays: number;
  readonly secureCookies: boolean;
  readonly webDistDir: string;
  readonly logLevel: string;
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return parsed;
}

function positiveIntFrom(value: string | undefined, fallback: number, name: string): number {
  const parsed = intFrom(value, fallback, name);
  if (parsed < 1) throw new Error(`${name} must be at least 1, got "${value}"`);
  return parsed;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = path.resolve(import.meta.dirname, '../../../..');
  return {
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.GRIDWORK_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    dbPoolSize: positiveIntFrom(env.GRIDWORK_DB_POOL_SIZE, 20, 'GRIDWORK_DB_POOL_SIZE'),
    demo: env.GRIDWORK_DEMO !== '0',
    sessionIdleMinutes: intFrom(env.GRIDWORK_SESSION_IDLE_MINUTES, 30, 'GRIDWORK_SESSION_IDLE_MINUTES'),
    sessionAbsoluteHours: intFrom(env.GRIDWORK_SESSION_ABSOLUTE_HOURS, 12, 'GRIDWORK_SESSION_ABSOLUTE_HOURS'),
    sessionCacheMs: intFrom(env.GRIDWORK_SESSION_CACHE_MS, 2000, 'GRIDWORK_SESSION_CACHE_MS'),
    lockoutThreshold: 5,
    lockoutMinutes: 15,
    loginRateLimitPerMinute: intFrom(env.GRIDWORK_LOGIN_RATE_LIMIT, 30, 'GRIDWORK_LOGIN_RATE_LIMIT'),
    passwordCost: intFrom(env.GRIDWORK_PASSWORD_COST, 15, 'GRIDWORK_PASSWORD_COST'),
    pointsExpiryDays: intFrom(env.GRIDWORK_POINTS_EXPIRY_DAYS, 730, 'GRIDWORK_POINTS_EXPIRY_DAYS'),
    secureCookies: env.GRIDWORK_SECURE_COOKIES === '1',
    webDistDir: path.resolve(env.GRIDWORK_WEB_DIST ?? path.join(root, 'apps/web/dist')),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
