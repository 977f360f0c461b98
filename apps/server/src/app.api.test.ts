import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface Operation {
  operationId?: string;
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Partial<Record<(typeof HTTP_METHODS)[number], Operation>>>;
}

const getDoc = async () => {
  const response = await t.anonymous().get('/api/docs/json');
  expect(response.statusCode).toBe(200);
  return response.json<OpenApiDocument>();
};

const hasChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3 document covering the /api/v1 routes', async () => {
    const doc = await getDoc();
    expect(doc.openapi).toMatch(/^3\./);
    const result = await new Validator().validate(doc as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/places', '/api/v1/places/{id}', '/api/v1/party-orgs/{id}', '/api/v1/users/{id}/roles/{assignmentId}', '/api/v1/audit']));
  });

  it('gives every operation a unique operationId', async () => {
    const doc = await getDoc();
    const ids: string[] = [];
    const missing: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of HTTP_METHODS) {
        const operation = item[method];
        if (!operation) continue;
        if (operation.operationId) ids.push(operation.operationId);
        else missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(missing).toEqual([]);
    expect(ids.length).toBeGreaterThan(20);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('serves the documentation UI at /api/docs', async () => {
    const response = await t.anonymous().get('/api/docs');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<html');
    expect(response.body.toLowerCase()).toContain('swagger');
  });
});

describe('operations endpoints', () => {
  it('/healthz answers 200', async () => {
    const response = await t.anonymous().get('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 and names the database', async () => {
    const response = await t.anonymous().get('/readyz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready', database: t.database.kind });
  });

  it('/metrics is Prometheus text with the request-duration histogram of served routes', async () => {
    await t.anonymous().get('/healthz');
    const response = await t.anonymous().get('/metrics');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain('# TYPE gridwork_http_request_duration_seconds histogram');
    expect(response.body).toMatch(/^gridwork_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} [1-9]\d*$/m);
    expect(response.body).toMatch(/^gridwork_process_cpu_seconds_total /m);
  });
});

describe('problem responses', () => {
  it('an unknown API route is 404 problem+json route_not_found', async () => {
    const staff = await t.login('staff');
    for (const response of [await staff.get('/api/v1/nope'), await t.anonymous().get('/api/v1/nope'), await staff.post('/api/v1/nope', {})]) {
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const body = response.json<{ code: string; status: number; detail: string; instance: string }>();
      expect(body).toMatchObject({ code: 'route_not_found', status: 404, instance: '/api/v1/nope' });
      expect(hasChinese(body.detail)).toBe(true);
    }
  });

  it('an unauthenticated API call is 401 problem+json unauthenticated', async () => {
    const response = await t.anonymous().get('/api/v1/places/roots');
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'unauthenticated', status: 401, title: 'Unauthorized', detail: '请先登录', type: 'https://gridwork.dev/problems/unauthenticated' });
  });

  it('answers in English for Accept-Language: en-US, and in Chinese by default', async () => {
    const english = await t.anonymous().get('/api/v1/places/roots', { 'accept-language': 'en-US,en;q=0.9' });
    expect(english.statusCode).toBe(401);
    expect(english.json<{ detail: string }>().detail).toBe('Please sign in');
    const staff = await t.login('staff');
    const invalid = await staff.post('/api/v1/places', { parentId: 'not-a-uuid', type: 'grid', name: 'x' }, { 'accept-language': 'en-US' });
    expect(invalid.statusCode).toBe(400);
    const detail = invalid.json<{ detail: string }>().detail;
    expect(detail).toContain('The submitted data is invalid');
    expect(hasChinese(detail)).toBe(false);
    const chinese = await staff.post('/api/v1/places', { parentId: 'not-a-uuid', type: 'grid', name: 'x' });
    expect(chinese.json<{ detail: string }>().detail).toContain('提交的数据不符合要求');
  });
});
