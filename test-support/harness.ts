import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll } from 'vitest';
import { buildApp } from '../apps/server/src/app';
import type { Database } from '../apps/server/src/db/client';
import { DEMO_PASSWORD, demoPlaces } from '../apps/server/src/modules/accounts/accounts.seed';
import type { Config } from '../apps/server/src/platform/config';
import { cloneTemplate, type Template } from './databases';
import { testCipher, testConfig } from './test-config';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly database: Database;
  readonly config: Config;
  /** Signs in through the real login route and returns a client carrying the cookie and CSRF token. */
  login(username: string, password?: string): Promise<Client>;
  /** A client with no session. */
  anonymous(): Client;
  demo(): ReturnType<typeof demoPlaces>;
}

type Body = InjectOptions['payload'];

export interface Client {
  readonly cookie: string | null;
  readonly csrfToken: string | null;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: Body, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: Body, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: Body, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

function client(app: FastifyInstance, cookie: string | null, csrfToken: string | null): Client {
  const send = (method: InjectOptions['method'], url: string, body?: Body, headers: Record<string, string> = {}) =>
    app.inject({
      method,
      url,
      ...(body !== undefined ? { payload: body } : {}),
      headers: { ...(cookie ? { cookie } : {}), ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}), ...headers },
    });
  return {
    cookie,
    csrfToken,
    get: (url, headers) => send('GET', url, undefined, headers),
    post: (url, body, headers) => send('POST', url, body ?? {}, headers),
    patch: (url, body, headers) => send('PATCH', url, body ?? {}, headers),
    put: (url, body, headers) => send('PUT', url, body ?? {}, headers),
    delete: (url, headers) => send('DELETE', url, undefined, headers),
  };
}

export function sessionCookieOf(response: LightMyRequestResponse): string | null {
  const cookie = response.cookies.find((c) => c.name === 'gw_session');
  return cookie ? `gw_session=${cookie.value}` : null;
}

/** Apps opened by this test file, closed (and their databases dropped) after its tests. */
const opened: (() => Promise<void>)[] = [];
// Registered when the file imports the harness: a hook registered from inside `beforeAll`, where
// files create their app, is never run, and every file's PostgreSQL clone used to be left behind.
afterAll(async () => {
  for (const close of opened.splice(0)) await close();
});

/** A fresh app on its own database (cloned from a template), closed after the file's tests. */
export async function createTestApp(options: { template?: Template; config?: Partial<Config> } = {}): Promise<TestApp> {
  const database = await cloneTemplate(options.template ?? 'demo');
  const config = testConfig(options.config);
  const app = await buildApp({ database, config, cipher: testCipher() });
  await app.ready();
  opened.push(async () => {
    try {
      await app.close();
    } finally {
      await database.close();
    }
  });
  return {
    app,
    database,
    config,
    anonymous: () => client(app, null, null),
    demo: () => demoPlaces({ services: app.services }),
    async login(username, password = DEMO_PASSWORD) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
      return client(app, sessionCookieOf(response), response.json<{ csrfToken: string }>().csrfToken);
    },
  };
}
