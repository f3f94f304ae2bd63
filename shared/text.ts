/** Lower-case, accents folded, spaces collapsed: "Città  Alta" → "citta alta". For search only. */
export function foldForSearch(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
