import { describe, expect, it } from 'vitest';
import { ScanDetector } from '../../../renderer/src/kit/scanner.js';
import { keyName } from '../../../renderer/src/kit/keys.js';

function feed(d: ScanDetector, text: string, start: number, gap: number, enterGap = gap): string | null {
  let t = start;
  for (const ch of text) { d.push(ch, t); t += gap; }
  return d.push('Enter', t - gap + enterGap);
}

describe('scanner wedge detection', () => {
  it('recognises a fast burst ending in Enter as a scan', () => {
    expect(feed(new ScanDetector(), '8001234567890', 1000, 8)).toBe('8001234567890');
  });

  it('leaves a person typing alone, even a fast one', () => {
    expect(feed(new ScanDetector(), '12345', 1000, 90)).toBeNull();
    // A very fast typist (35 ms a key, Enter 40 ms after): still typing, never a scan.
    expect(feed(new ScanDetector(), '1250', 1000, 35, 40)).toBeNull();
    expect(feed(new ScanDetector(), '12345678', 1000, 35, 40)).toBeNull();
  });

  it('in a number dialog only a burst as long as a product code is a scan', () => {
    const d = new ScanDetector();
    let t = 0;
    for (const ch of '12,50') d.push(ch, (t += 5), false, 8);
    expect(d.push('Enter', t + 5, false, 8)).toBeNull();
    expect(feed(new ScanDetector(), '8001234567890', 1000, 5)).toBe('8001234567890');
  });

  it('ignores short bursts and a late Enter', () => {
    expect(feed(new ScanDetector(), '123', 1000, 5)).toBeNull();
    expect(feed(new ScanDetector(), '8001234567890', 1000, 5, 400)).toBeNull();
  });

  it('starts a new code after a pause, so earlier typing does not stick to the scan', () => {
    const d = new ScanDetector();
    d.push('a', 0);
    d.push('b', 300);
    expect(feed(d, '80012345', 1000, 6)).toBe('80012345');
  });

  it('a held-down key repeating as fast as a scanner is never a scan', () => {
    const d = new ScanDetector();
    let t = 0;
    d.push('0', t);
    for (let i = 0; i < 10; i++) d.push('0', (t += 30), true);
    expect(d.push('Enter', t + 10)).toBeNull();
  });

  it('Shift inside a burst (upper-case codes) does not break it', () => {
    const d = new ScanDetector();
    let t = 0;
    for (const k of ['Shift', 'A', 'B', 'Shift', 'C', '1', '2']) d.push(k, (t += 4));
    expect(d.push('Enter', t + 4)).toBe('ABC12');
  });
});

describe('shortcut names', () => {
  it('names keys as the shortcut table writes them', () => {
    expect(keyName({ key: 'F2', shiftKey: false, ctrlKey: false, altKey: false })).toBe('F2');
    expect(keyName({ key: 'F4', shiftKey: true, ctrlKey: false, altKey: false })).toBe('Shift+F4');
    expect(keyName({ key: '+', shiftKey: true, ctrlKey: false, altKey: false })).toBe('+');
  });
});
