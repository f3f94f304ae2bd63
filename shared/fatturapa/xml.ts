// A tiny XML tree for one fixed document shape: elements in the XSD's order, text escaped once here.
import { escapeXml } from './text.js';

export interface XmlElement { name: string; attrs?: Record<string, string>; content: string | XmlElement[] }
type Child = XmlElement | null | undefined | false | '';

/** An element; absent children (null, undefined, false, '') are left out, so optional blocks read inline. */
export function el(name: string, content: string | Child[], attrs?: Record<string, string>): XmlElement {
  return { name, ...(attrs ? { attrs } : {}), content: typeof content === 'string' ? content : content.filter((c): c is XmlElement => !!c) };
}

function render(e: XmlElement, indent: string, out: string[]): void {
  const attrs = Object.entries(e.attrs ?? {}).map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
  if (typeof e.content === 'string') {
    out.push(`${indent}<${e.name}${attrs}>${escapeXml(e.content)}</${e.name}>`);
    return;
  }
  out.push(`${indent}<${e.name}${attrs}>`);
  for (const c of e.content) render(c, `${indent}  `, out);
  out.push(`${indent}</${e.name}>`);
}

/** The document with its XML declaration, two-space indented, UTF-8. */
export function toXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  render(root, '', out);
  return `${out.join('\n')}\n`;
}
