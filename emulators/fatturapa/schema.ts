// The official FatturaPA 1.2.2 schema (with the W3C xmldsig schema it imports), as published by the
// Agenzia delle Entrate / fatturapa.gov.it, kept unchanged in the repository: the services' emulators
// check every invoice against it as the services do, and so do the tests. It was read from the
// reference folder beside the project, which a clean clone (CI) does not have.
import { resolve } from 'node:path';

export const FATTURAPA_XSD = process.env.BANCONE_FATTURAPA_XSD ?? resolve(import.meta.dirname, 'Schema_del_file_xml_FatturaPA_v1.2.2.xsd');
