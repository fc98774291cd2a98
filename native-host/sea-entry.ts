/**
 * Entry of the single executable (helper + command line in one file, built by the single-executable
 * script in install/). The import order matters: sea-argv.ts sets `argv[1]` first, then exactly one
 * of the two entry modules runs.
 */
import './install/sea-argv.js';
import './main.js';
import './cli.js';
