// Worker thread of the seeder: generates batches (bench/seed-gen.ts) and hands them to the main
// thread, which inserts. At most a few batches are in flight so memory stays flat.
import { parentPort, workerData } from 'node:worker_threads';
import { generate, type SeedParams } from './seed-gen.js';

const { params, flow } = workerData as { params: SeedParams; flow: SharedArrayBuffer };
const counters = new Int32Array(flow); // [0] batches sent, [1] batches inserted
const MAX_AHEAD = 3;

generate(params, (batch) => {
  while (Atomics.load(counters, 0) - Atomics.load(counters, 1) >= MAX_AHEAD) Atomics.wait(counters, 1, Atomics.load(counters, 1), 1000);
  parentPort!.postMessage(JSON.stringify(batch));
  Atomics.add(counters, 0, 1);
});
