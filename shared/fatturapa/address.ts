// The shop's address is typed once in the set-up as free text (street, then «CAP comune (PR)»), for
// the receipt header. The invoice needs it in fields: this reads them back, or says what is missing.
import { fail } from '../errors.js';
import { msg } from '../messages/index.js';

export interface Sede {
  indirizzo: string;
  cap: string;
  comune: string;
  provincia: string | null;
  nazione: string;
}

// «10121 Torino (TO)», «10121 Torino TO», «10121 Torino», «10121 - Torino (TO)».
const TOWN_RE = /^(\d{5})\s*-?\s*(.+?)(?:\s*\(([A-Za-z]{2})\)|\s+([A-Z]{2}))?$/;

/** Reads «Via Roma 1\n10121 Torino (TO)» or «Via Roma 1, 10121 Torino (TO)». Throws naming shop.address. */
export function parseShopAddress(address: string): Sede {
  const lines = address.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  let street: string[] = lines.slice(0, -1);
  let town = lines.at(-1) ?? '';
  if (street.length === 0) {
    // One line: the town is after the last comma that is followed by a CAP.
    const m = /^(.*?),\s*(\d{5}\b.*)$/.exec(town);
    if (m) { street = [m[1]!]; town = m[2]!; }
  }
  const t = TOWN_RE.exec(town);
  const indirizzo = street.join(', ').trim();
  if (!t || indirizzo === '') fail('INVOICE_SHOP_ADDRESS_UNREADABLE', msg.fatturapa.shopAddressUnreadable, 'shop.address');
  return { indirizzo, cap: t[1]!, comune: t[2]!.trim(), provincia: (t[3] ?? t[4])?.toUpperCase() ?? null, nazione: 'IT' };
}
