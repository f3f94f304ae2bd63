// XSD check of a FatturaPA document as the service does it before forwarding to SDI: Debian's xmllint
// (libxml2-utils) against the official 1.2.2 schema, --nonet so nothing is ever fetched.
import { spawnSync } from 'node:child_process';

export { FATTURAPA_XSD } from '../fatturapa/schema.js';
import { FATTURAPA_XSD } from '../fatturapa/schema.js';
const XMLLINT = process.env.BANCONE_XMLLINT ?? '/usr/bin/xmllint';

/** null when valid, else xmllint's first errors (stdin is named "-"). */
export function xsdErrors(xml: string, xsd: string = FATTURAPA_XSD): string | null {
  const r = spawnSync(XMLLINT, ['--nonet', '--noout', '--schema', xsd, '-'], { input: xml, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.error) throw new Error(`xmllint could not run (${XMLLINT}): ${r.error.message}`);
  if (r.status === 0) return null;
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('-:'));
  return lines.slice(0, 3).join('; ') || r.stderr.trim();
}

/** The text of the first <Tag> (any namespace prefix) in the XML, or null. */
export function firstText(xml: string, tag: string): string | null {
  const m = new RegExp(`<(?:[A-Za-z0-9_]+:)?${tag}>([^<]*)</(?:[A-Za-z0-9_]+:)?${tag}>`).exec(xml);
  return m ? m[1]! : null;
}
