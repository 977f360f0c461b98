// The intake load: CLIENTS phones posting requests back to back for SECONDS, each with its own
// session. A process of its own, so that the load generator's work is not counted as the server's.
// The first WARMUP seconds are load but not measured (the server's code is still being compiled);
// a failure is counted whenever it happens.
// Without `rate`, each client posts again as soon as it has its answer (a closed loop: the
// throughput is the server's capacity). With `rate` (requests per second, all clients together),
// each request has its time in a fixed schedule and its latency is counted from that time, so a
// request the server delayed also delays the measure of the ones queued behind it (no
// coordinated omission).
// Reads its job as JSON on stdin; prints { latencies, failures, seconds, firstFailure } as JSON.
// Run by bench/requests.ts.
import http from 'node:http';
import { text } from 'node:stream/consumers';

const job = JSON.parse(await text(process.stdin));
const { base, sessions, grids, seconds, warmupSeconds = 0, tag, rate } = job;
// node:http with keep-alive costs the load generator about half of what fetch does.
const agent = new http.Agent({ keepAlive: true, maxSockets: sessions.length });
const post = (path, headers, body) =>
  new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
const latencies = [];
let failures = 0;
let firstFailure = null;
const begun = performance.now();
const started = begun + warmupSeconds * 1000;
const until = started + seconds * 1000;
await Promise.all(
  sessions.map(async (session, c) => {
    for (let i = 0; performance.now() < until; i++) {
      const g = grids[(c * 7 + i) % grids.length];
      const body = {
        category: 'facilities.lighting',
        description: `压测诉求：路灯不亮 ${c}-${i}`,
        location: { lng: (g.min_lng + g.max_lng) / 2, lat: (g.min_lat + g.max_lat) / 2 },
      };
      let t0 = performance.now();
      if (rate) {
        const due = begun + ((i * sessions.length + c) * 1000) / rate;
        if (due >= until) break;
        if (due > t0) await new Promise((resolve) => setTimeout(resolve, due - t0));
        t0 = due;
      }
      const res = await post(
        '/api/v1/requests',
        { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json', 'idempotency-key': `bench-${tag}-${c}-${i}` },
        JSON.stringify(body),
      );
      if (res.status !== 201) {
        failures++;
        firstFailure ??= `${res.status} ${res.text.slice(0, 300)}`;
      }
      if (t0 >= started) latencies.push(performance.now() - t0);
    }
  }),
);
const elapsed = (performance.now() - started) / 1000;
agent.destroy();
process.stdout.write(JSON.stringify({ latencies, failures, firstFailure, seconds: elapsed }));
