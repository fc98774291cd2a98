/** Side effect only: names the entry module this run of the single executable is (see sea-mode.ts). */
import { startedByBrowser } from './sea-mode.js';

process.argv[1] = startedByBrowser(process.argv.slice(2)) ? 'rdp-doctor/host.cjs' : 'rdp-doctor/cli.js';
