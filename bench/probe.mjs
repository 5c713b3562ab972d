// A fixed piece of CPU work, timed in a fresh process: `npm run bench` runs it at the start and at
// the end of a run, so that a report says how fast the (shared) host was while it was measured,
// and two reports can be told apart by their host as well as by their code.
//   node bench/probe.mjs        prints the milliseconds the work took
import { now } from './stats.mjs';

// 300 million additions and remainders: ~0.25 s on this project's 2-core benchmark machine when
// it is quiet, up to twice that when the machine it shares is busy.
const t = now();
let sum = 0;
for (let i = 0; i < 3e8; i++) sum += i % 7;
console.log(JSON.stringify({ ms: now() - t, sum }));
