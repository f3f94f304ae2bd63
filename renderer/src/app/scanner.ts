// Barcode scanners are keyboards ("wedge"): they type the code much faster than a person and end
// with Enter. The detector watches every keydown on the page, wherever the focus is; a burst that
// ends in Enter becomes a scan, the characters it typed into a field are taken back out, and the
// Enter does not reach the page. Fields that want the raw code (lottery code, receipt number) carry
// data-scan="keep" and receive it as normal typing.

export interface ScanTiming {
  /** Longest gap between two characters of one scan. People type 80+ ms apart; scanners 1–20. */
  maxGapMs: number;
  /** Longest wait for the final Enter (some scanners pause before the suffix). */
  maxEnterGapMs: number;
  /** Shortest code accepted (EAN-8 is 8; internal codes may be shorter). */
  minLength: number;
}

export const DEFAULT_TIMING: ScanTiming = { maxGapMs: 50, maxEnterGapMs: 150, minLength: 4 };

export class ScanDetector {
  private buf = '';
  private last = -Infinity;
  constructor(private readonly timing: ScanTiming = DEFAULT_TIMING) {}

  /** Feeds one key; returns the scanned code when this key (Enter) completes a burst. */
  push(key: string, timeMs: number, repeat = false): string | null {
    const gap = timeMs - this.last;
    this.last = timeMs;
    if (repeat) {
      // A key held down repeats about as fast as a scanner types: never a scan.
      this.buf = '';
      return null;
    }
    if (key === 'Enter') {
      const code = this.buf;
      this.buf = '';
      return code.length >= this.timing.minLength && gap <= this.timing.maxEnterGapMs ? code : null;
    }
    if (key.length !== 1) {
      if (key !== 'Shift') this.buf = '';
      return null;
    }
    this.buf = gap <= this.timing.maxGapMs ? this.buf + key : key;
    return null;
  }

  /** Characters of the burst typed so far (what to take back out of a field). */
  pending(): string {
    return this.buf;
  }
}

/** Sets a React-controlled input's value the way typing would, so its onChange sees it. */
export function setFieldValue(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

export function installScanner(win: Window, onScan: (code: string) => void, timing: ScanTiming = DEFAULT_TIMING): () => void {
  const detector = new ScanDetector(timing);
  const listener = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    const target = e.target as HTMLElement | null;
    const keep = target?.closest?.('[data-scan="keep"]') !== null && target?.closest?.('[data-scan="keep"]') !== undefined;
    const code = detector.push(e.key, e.timeStamp, e.repeat);
    if (code === null || keep) return;
    e.preventDefault();
    e.stopPropagation();
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) {
      const v = target.value;
      if (v.endsWith(code)) setFieldValue(target, v.slice(0, v.length - code.length));
    }
    onScan(code);
  };
  win.addEventListener('keydown', listener, true);
  return () => win.removeEventListener('keydown', listener, true);
}
