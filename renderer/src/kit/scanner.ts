// Barcode scanners are keyboards ("wedge"): they type the code much faster than a person and end
// with Enter. The detector watches every keydown on the page, wherever the focus is; a burst that
// ends in Enter becomes a scan, the characters it typed into a field are taken back out, and the
// Enter does not reach the page.
//
// The other way round matters as much: a person typing fast must never be taken for a scanner (a
// price «12,50⏎» or a PIN turned into a barcode is typing lost). Scanners type 1–20 ms apart;
// nobody types four keys and Enter all under 30 ms. Where the focus tells what is being typed:
//  - data-scan="keep" (PINs, lottery code, receipt number): never a scan, the field gets the keys;
//  - data-scan="dialog" (a quantity, a price, cash received): only a burst as long as a real
//    product code (EAN-8 and up) is a scan — it is taken out and sold, the dialog keeps its text.

export interface ScanTiming {
  /** Longest gap between two characters of one scan. People type 80+ ms apart; scanners 1–20. */
  maxGapMs: number;
  /** Longest wait for the final Enter (some scanners pause before the suffix). */
  maxEnterGapMs: number;
  /** Shortest code accepted (EAN-8 is 8; internal codes may be shorter). */
  minLength: number;
}

const DEFAULT_TIMING: ScanTiming = { maxGapMs: 30, maxEnterGapMs: 80, minLength: 4 };
/** Inside a number dialog a scan must be as long as an EAN-8: short fast bursts there are typing. */
const DIALOG_MIN_LENGTH = 8;

export class ScanDetector {
  private buf = '';
  private last = -Infinity;
  constructor(private readonly timing: ScanTiming = DEFAULT_TIMING) {}

  /** Feeds one key; returns the scanned code when this key (Enter) completes a burst of at least minLength. */
  push(key: string, timeMs: number, repeat = false, minLength = this.timing.minLength): string | null {
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
      return code.length >= Math.max(minLength, this.timing.minLength) && gap <= this.timing.maxEnterGapMs ? code : null;
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
function setFieldValue(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

export function installScanner(win: Window, onScan: (code: string) => void, timing: ScanTiming = DEFAULT_TIMING): () => void {
  const detector = new ScanDetector(timing);
  const listener = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    const target = e.target as HTMLElement | null;
    const scope = target?.closest?.('[data-scan]')?.getAttribute('data-scan') ?? null;
    const code = detector.push(e.key, e.timeStamp, e.repeat, scope === 'dialog' ? DIALOG_MIN_LENGTH : undefined);
    if (code === null || scope === 'keep') return;
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
