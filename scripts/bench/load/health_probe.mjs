// Part of scripts/bench-load: GET /health on a fresh connection every INTERVAL_MS (in its own
// process, so the load generator's event loop does not delay it) until SIGTERM, then prints
// {"latencies":[ms...],"failures":n} on stdout. A probe not answered within 5 s is a failure.
// Environment: PORT, INTERVAL_MS.
import http from 'node:http';

const latencies = [];
let failures = 0;
let stopping = false;
const probe = () => new Promise((resolve) => {
  const t0 = process.hrtime.bigint();
  const req = http.get({ host: '127.0.0.1', port: Number(process.env.PORT), path: '/health', agent: false, timeout: 5000 },
    (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode === 200) latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        else failures++;
        resolve();
      });
    });
  req.on('timeout', () => req.destroy(new Error('timeout')));
  req.on('error', () => { failures++; resolve(); });
});
process.on('SIGTERM', () => { stopping = true; });
while (!stopping) {
  await probe();
  await new Promise((r) => setTimeout(r, Number(process.env.INTERVAL_MS || 100)));
}
process.stdout.write(JSON.stringify({ latencies, failures }));
