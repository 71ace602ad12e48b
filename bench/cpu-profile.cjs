// Preloaded (through NODE_OPTIONS, which refuses `--cpu-prof`) into the language server the bench
// drives: profiles it from start to exit and writes into $BENCH_CPU_PROFILE_DIR a `.cpuprofile` (for
// Chrome's DevTools) and a `.stalls.json`: the windows in which a 5 ms timer fired over 20 ms late, in
// the profile's clock (microseconds of CLOCK_MONOTONIC), so that a stall's samples can be picked out.
const fs = require('node:fs');
const inspector = require('node:inspector');
const path = require('node:path');

const TICK_MS = 5;
const STALL_MS = 20;
const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.enable');
  session.post('Profiler.start');
  const micros = () => Number(process.hrtime.bigint() / 1000n);
  const stalls = [];
  let last = micros();
  setInterval(() => {
    const now = micros();
    if (now - last > (TICK_MS + STALL_MS) * 1000) stalls.push({ start: last, end: now });
    last = now;
  }, TICK_MS).unref();
  process.on('exit', () => {
    const base = path.join(dir, `server-${process.pid}`);
    fs.writeFileSync(`${base}.stalls.json`, JSON.stringify(stalls));
    // The in-process session answers synchronously, so the profile is written before the process ends.
    session.post('Profiler.stop', (error, result) => {
      if (!error) fs.writeFileSync(`${base}.cpuprofile`, JSON.stringify(result.profile));
    });
  });
}
