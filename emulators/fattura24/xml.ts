// Just enough XML for Fattura24's request documents: elements, text and the five entities (no
// attributes, comments or CDATA, which its API does not use). A malformed document throws.
export interface Node { name: string; text: string; children: Node[] }

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!);
export const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function parseXml(src: string): Node {
  if (src.startsWith('\uFEFF')) throw new Error('BOM not allowed');
  let i = 0;
  const s = src.replace(/^<\?xml[^?]*\?>/, '').trim();
  function element(): Node {
    const open = /^<([A-Za-z_][\w.-]*)\s*(\/?)>/.exec(s.slice(i));
    if (!open) throw new Error(`element expected at ${i}`);
    i += open[0].length;
    const node: Node = { name: open[1]!, text: '', children: [] };
    if (open[2] === '/') return node;
    for (;;) {
      const lt = s.indexOf('<', i);
      if (lt < 0) throw new Error(`unclosed <${node.name}>`);
      node.text += unescape(s.slice(i, lt));
      i = lt;
      if (s.startsWith(`</${node.name}>`, i)) { i += node.name.length + 3; node.text = node.children.length ? '' : node.text; return node; }
      if (s.startsWith('</', i)) throw new Error(`mismatched closing tag at ${i}`);
      node.children.push(element());
    }
  }
  const root = element();
  if (s.slice(i).trim() !== '') throw new Error('content after the root element');
  return root;
}

export const child = (n: Node, name: string): Node | undefined => n.children.find((c) => c.name === name);
export const textOf = (n: Node, name: string): string | null => child(n, name)?.text ?? null;
