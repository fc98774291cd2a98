/**
 * Regenerates `known-codes.ts` (the namespace list and the compact index) from the families table and
 * its data: `npx tsx shared/catalog/gen-known-codes.ts`.
 * A development script (Node); the product never runs it.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ALL_ENTRIES, FAMILY_NAMESPACES } from './families.js';
import { renderKnownCodes } from './known-codes-render.js';

const target = fileURLToPath(new URL('./known-codes.ts', import.meta.url));
writeFileSync(target, renderKnownCodes(ALL_ENTRIES, FAMILY_NAMESPACES));
process.stdout.write(`wrote ${target}\n`);
