import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmtpSink {
  url: string;
  messages(): Array<{ to: string[]; raw: string }>;
  stop(): Promise<void>;
}

/** Starts the SMTP sink as its own process on a port the OS picks (a random port once collided in CI). */
export async function startSmtpSink(mode?: 'refuse-first'): Promise<SmtpSink> {
  const file = join(mkdtempSync(join(tmpdir(), 'lantern-smtp-')), 'mail.jsonl');
  const child: ChildProcess = spawn(process.execPath, [join(import.meta.dirname, 'smtp-sink.mjs'), file, ...(mode ? [mode] : [])], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once('exit', (code) => reject(new Error(`smtp sink exited ${code}`)));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages: () =>
      existsSync(file)
        ? readFileSync(file, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as { to: string[]; raw: string })
            // Bodies arrive quoted-printable: undo soft line breaks and =XX escapes so assertions read the text.
            .map((m) => ({
              ...m,
              raw: m.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
            }))
        : [],
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
