// A real SMTP server process for tests: accepts every message and appends it, as one JSON line, to a file.
// usage: node smtp-sink.mjs <file> [refuse-first]; listens on a port the OS picks (never a collision) and prints it on
// stdout. With refuse-first, the first recipient offered is refused for good (550), as a mail server refuses an address
// that does not exist; every later one is accepted.
import { appendFileSync } from 'node:fs';
import { SMTPServer } from 'smtp-server';

const [file, mode] = process.argv.slice(2);
let refuse = mode === 'refuse-first';
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onRcptTo(address, _session, callback) {
    if (!refuse) return callback();
    refuse = false;
    const err = new Error(`<${address.address}>: Recipient address rejected: user unknown`);
    err.responseCode = 550;
    callback(err);
  },
  onData(stream, session, callback) {
    let raw = '';
    stream.on('data', (chunk) => (raw += chunk));
    stream.on('end', () => {
      appendFileSync(file, JSON.stringify({ to: session.envelope.rcptTo.map((r) => r.address), raw }) + '\n');
      callback();
    });
  },
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
