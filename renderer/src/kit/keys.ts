// Keyboard shortcuts in layers: the screen, then dialogs on top. A modal layer (a dialog) takes
// the keys first and hides the ones below. Function keys and Escape work everywhere; other keys
// (Enter, Delete, +, arrows) only when the focus is not in a text field, which handles its own.
import { useEffect, useRef } from 'react';

export type KeyHandler = (e: KeyboardEvent) => void | boolean;
export type KeyMap = Record<string, KeyHandler>;

interface Layer {
  id: number;
  map: { current: KeyMap };
  modal: boolean;
}

const layers: Layer[] = [];
let seq = 0;
let installed = false;

/** "F2", "Shift+F4", "Enter", "Escape", "Delete", "+", "ArrowUp". */
export function keyName(e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'altKey'>): string {
  const printable = e.key.length === 1;
  return `${e.ctrlKey ? 'Ctrl+' : ''}${e.altKey ? 'Alt+' : ''}${e.shiftKey && !printable ? 'Shift+' : ''}${e.key}`;
}

function isField(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  return t.isContentEditable || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || (t instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit'].includes(t.type));
}

function onKeyDown(e: KeyboardEvent): void {
  if (e.defaultPrevented) return;
  const name = keyName(e);
  const everywhere = /^(Shift\+)?F\d{1,2}$/.test(e.key) || e.key === 'Escape';
  if (!everywhere && isField(e.target)) return;
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    const h = layer.map.current[name];
    if (h && h(e) !== false) {
      e.preventDefault();
      return;
    }
    if (layer.modal) {
      // Browser defaults of function keys (reload, find…) never apply inside the till.
      if (/^(Shift\+)?F\d{1,2}$/.test(e.key)) e.preventDefault();
      return;
    }
  }
  if (/^(Shift\+)?F\d{1,2}$/.test(e.key) && e.key !== 'F11' && e.key !== 'F12') e.preventDefault();
}

export function useKeys(map: KeyMap, opts: { modal?: boolean; enabled?: boolean } = {}): void {
  const ref = useRef(map);
  ref.current = map;
  const enabled = opts.enabled ?? true;
  const modal = opts.modal ?? false;
  useEffect(() => {
    if (!enabled) return;
    if (!installed) {
      window.addEventListener('keydown', onKeyDown);
      installed = true;
    }
    const layer: Layer = { id: ++seq, map: ref, modal };
    layers.push(layer);
    return () => {
      const i = layers.indexOf(layer);
      if (i >= 0) layers.splice(i, 1);
    };
  }, [enabled, modal]);
}
