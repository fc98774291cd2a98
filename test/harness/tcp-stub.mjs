// A tiny TCP service for the probe tests, run as its own process so the test process holds only
// client sockets. Usage: node tcp-stub.mjs silent|http|ssh-banner ADDRESS PORT
import net from 'node:net';
import { serveUntilStopped } from './serve.mjs';

const [mode, address, portText] = process.argv.slice(2);
const port = Number(portText);
if (!['silent', 'http', 'ssh-banner'].includes(mode) || !address || !(port > 0 && port < 65536)) {
  process.stderr.write('usage: tcp-stub.mjs silent|http|ssh-banner ADDRESS PORT\n');
  process.exit(2);
}

const held = new Set();
const server = net.createServer((socket) => {
  held.add(socket);
  socket.on('close', () => held.delete(socket));
  socket.on('error', () => {});
  if (mode === 'ssh-banner') socket.write('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n');
  if (mode === 'http') {
    socket.once('data', () => {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
  }
  // silent: accept and never answer; the peer's timeout ends it.
});
serveUntilStopped(server, held, address, port);
