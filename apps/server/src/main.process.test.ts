import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startServer, waitForOutput, type ServerProcess } from '../../../test-support/server-process';

const dirs: string[] = [];
const running: ServerProcess[] = [];
afterAll(() => {
  for (const s of running) if (s.child.exitCode === null) s.child.kill('SIGKILL');
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwork-main-'));
  dirs.push(dir);
  return dir;
}

async function start(env: Record<string, string>): Promise<ServerProcess> {
  const server = startServer(env, await freePort());
  running.push(server);
  await waitForOutput(server, '网格通 Gridwork 已启动');
  return server;
}

async function stop(server: ServerProcess): Promise<number | null> {
  server.child.kill('SIGTERM');
  return server.exited;
}

async function api(port: number, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`http://127.0.0.1:${port}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
}

async function login(port: number, username: string, password: string) {
  const response = await api(port, 'POST', '/api/v1/auth/login', { username, password });
  const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
  return { ...response, cookie, csrf: String(response.json.csrfToken) };
}

describe('npm start on the embedded database', { timeout: 180_000 }, () => {
  it('loads demo data on first start, keeps data across restarts, and refuses a second process on the same data directory', async () => {
    const dataDir = tempDir();
    const first = await start({ GRIDWORK_DATA_DIR: dataDir });
    expect(first.output()).toContain('演示账号');
    expect(first.output()).toContain('staffB');
    expect(first.output()).toContain('Gridwork@2026');

    const second = startServer({ GRIDWORK_DATA_DIR: dataDir }, await freePort());
    running.push(second);
    expect(await second.exited).toBe(75);
    expect(second.output()).toContain('正被另一个网格通进程');

    const staff = await login(first.port, 'staff', 'Gridwork@2026');
    expect(staff.status).toBe(200);
    const [community] = (await api(first.port, 'GET', '/api/v1/places/roots', undefined, { cookie: staff.cookie })).json as unknown as { id: string }[];
    const created = await api(first.port, 'POST', '/api/v1/places', { parentId: community!.id, type: 'grid', name: '重启后仍在的网格' }, { cookie: staff.cookie, 'x-csrf-token': staff.csrf });
    expect(created.status).toBe(201);
    expect(await stop(first)).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'gridwork.lock'))).toBe(false);

    const again = await start({ GRIDWORK_DATA_DIR: dataDir });
    const relogin = await login(again.port, 'staff', 'Gridwork@2026');
    const kept = await api(again.port, 'GET', `/api/v1/places/${String(created.json.id)}`, undefined, { cookie: relogin.cookie });
    expect(kept.status).toBe(200);
    expect(kept.json.name).toBe('重启后仍在的网格');
    expect(await stop(again)).toBe(0);
  });

  it('finishes an in-flight request on SIGTERM before exiting', async () => {
    const server = await start({ GRIDWORK_DATA_DIR: tempDir() });
    const body = JSON.stringify({ username: 'staff', password: 'Gridwork@2026' });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request(
        { host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/v1/auth/login', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      request.on('error', reject);
      // Half the body now, SIGTERM, then the rest: the request is in flight when shutdown starts.
      request.write(body.slice(0, 10));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => request.end(body.slice(10)), 300);
      }, 200);
    });
    const answered = await response;
    expect(answered.status).toBe(200);
    expect(answered.text).toContain('csrfToken');
    expect(await server.exited).toBe(0);
  });

  it('GRIDWORK_DEMO=0 starts a clean install whose first administrator must change the one-time password', async () => {
    const dataDir = tempDir();
    const server = await start({ GRIDWORK_DATA_DIR: dataDir, GRIDWORK_DEMO: '0' });
    const match = /一次性密码 one-time password: (\S+)/.exec(server.output());
    expect(match).not.toBeNull();
    expect(server.output()).not.toContain('演示账号');
    const admin = await login(server.port, 'admin', match![1]!);
    expect(admin.status).toBe(200);
    expect((admin.json.user as { restriction: string }).restriction).toBe('change_password');
    expect((await login(server.port, 'staff', 'Gridwork@2026')).status).toBe(401);
    const roots = await api(server.port, 'GET', '/api/v1/places/roots', undefined, { cookie: admin.cookie });
    expect(roots.status).toBe(403);
    expect(await stop(server)).toBe(0);

    const restarted = await start({ GRIDWORK_DATA_DIR: dataDir, GRIDWORK_DEMO: '0' });
    expect(restarted.output()).not.toContain('一次性密码');
    expect(await stop(restarted)).toBe(0);
  });
});
