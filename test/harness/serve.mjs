// Shared end of the stand-alone test servers (tcp-stub.mjs, windows-replay.mjs): listen, say so on
// stdout (the harness waits for that line), and on SIGTERM/SIGINT destroy every held connection,
// close and exit 0.

/**
 * @param {import('node:net').Server} server
 * @param {Set<import('node:net').Socket>} held connections the server keeps open
 * @param {string} address
 * @param {number} port
 */
export function serveUntilStopped(server, held, address, port) {
  server.listen(port, address, () => process.stdout.write(`listening ${address}:${port}\n`));
  const stop = () => {
    for (const s of held) s.destroy();
    server.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
