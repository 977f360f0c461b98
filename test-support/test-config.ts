import crypto from 'node:crypto';
import { loadConfig, type Config } from '../apps/server/src/platform/config';
import { createDataCipher, cryptoSuiteFrom } from '../apps/server/src/platform/crypto';

/** Production defaults, with a cheaper (still memory-hard) password cost and a roomy login limit. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ GRIDWORK_PASSWORD_COST: '12', GRIDWORK_LOGIN_RATE_LIMIT: '1000' }), ...overrides };
}

/** A fixed key per test run: templates encrypted with it stay readable in every test file. */
export const TEST_DATA_KEY = Buffer.from(process.env.GRIDWORK_TEST_DATA_KEY ?? crypto.createHash('sha256').update('gridwork-test').digest('hex'), 'hex');
export const testCipher = () => createDataCipher(TEST_DATA_KEY, cryptoSuiteFrom(process.env));
