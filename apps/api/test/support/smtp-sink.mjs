// A real SMTP server process for tests: accepts every message and appends it, as one JSON line, to a file.
// usage: node smtp-sink.mjs <file>; listens on a port the OS picks (never a collision) and prints it on stdout.
import { appendFileSync } from 'node:fs';
import { SMTPServer } from 'smtp-server';

const [file] = process.argv.slice(2);
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
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
