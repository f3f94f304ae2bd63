// Performance marks for the benchmark (bench/ui.bench.ts): "<what>:<n>:start" when the user acts,
// "<what>:<n>:painted" once the browser has painted the result, and a measure "<what>:<n>" between.
// requestAnimationFrame runs just before the paint; a message posted from it arrives just after.
// In between, "<what>:<n>:response" (the backend answered, set by the store) and
// "<what>:<n>:committed" (React wrote the DOM) split the time into transport, render and frame.
let channel: MessageChannel | null = null;
const afterPaint: (() => void)[] = [];

export function markStart(what: string, n: number): void {
  performance.mark(`${what}:${n}:start`);
}

export function markPainted(what: string, n: number): void {
  if (typeof requestAnimationFrame === 'undefined') return;
  const name = `${what}:${n}`;
  if (performance.getEntriesByName(`${name}:start`, 'mark').length === 0) return;
  // Called from a layout effect: React has just committed the DOM.
  performance.mark(`${name}:committed`);
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => afterPaint.shift()?.();
  }
  const port = channel.port2;
  requestAnimationFrame(() => {
    afterPaint.push(() => {
      performance.mark(`${name}:painted`);
      performance.measure(name, `${name}:start`, `${name}:painted`);
    });
    port.postMessage(null);
  });
}
