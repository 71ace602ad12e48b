// Preloaded (`node --require bench/max-rss.cjs`, or through NODE_OPTIONS) into a process the bench
// measures: at exit, writes the process's peak resident memory in KB to $BENCH_MAX_RSS_FILE. Works
// wherever Node runs, unlike /usr/bin/time.
const fs = require('node:fs');

const file = process.env.BENCH_MAX_RSS_FILE;
if (file) process.on('exit', () => fs.writeFileSync(file, String(process.resourceUsage().maxRSS)));
