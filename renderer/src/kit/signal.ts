// What the cashier hears: a scanner user looks at the customer, not at the screen, so a code the
// till did not take (unknown, unreadable) sounds different from one it took. Web Audio tones, no
// files. Every signal is also announced as a DOM event ('bancone:signal', detail = kind) so the
// browser tests can tell what the cashier heard.
export type SignalKind = 'unknown_code' | 'error' | 'added';

const TONES: Record<SignalKind, { freq: number; ms: number; repeat: number }> = {
  // Two low beeps: unmistakably «not taken».
  unknown_code: { freq: 330, ms: 140, repeat: 2 },
  error: { freq: 440, ms: 200, repeat: 1 },
  added: { freq: 1760, ms: 40, repeat: 1 },
};

let audio: AudioContext | null = null;

function play(kind: SignalKind): void {
  const Ctor = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
  if (!Ctor) return;
  audio ??= new Ctor();
  const tone = TONES[kind];
  for (let i = 0; i < tone.repeat; i++) {
    const start = audio.currentTime + (i * tone.ms * 1.6) / 1000;
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = tone.freq;
    osc.type = 'square';
    gain.gain.value = 0.08;
    osc.connect(gain).connect(audio.destination);
    osc.start(start);
    osc.stop(start + tone.ms / 1000);
  }
}

const listeners = new Set<(kind: SignalKind) => void>();

/** Hears every signal (the tests' ears). Returns the unsubscribe function. */
export function onSignal(listener: (kind: SignalKind) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function signal(kind: SignalKind): void {
  // Sound is a courtesy: a machine without audio output must never break the sale.
  try { play(kind); } catch { /* no audio device */ }
  for (const l of listeners) l(kind);
  globalThis.dispatchEvent?.(new CustomEvent('bancone:signal', { detail: kind }));
}
