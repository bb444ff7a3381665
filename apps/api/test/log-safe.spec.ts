import { Logger } from '@nestjs/common';
import { DomainEvents, errorForLog, OnDomainEvent, redactForLog } from '@lantern/api/core';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { describe, expect, it, vi } from 'vitest';

/** No personal data in logs: what the API writes about an error (docs/security.md). */
describe('errors as the API logs them', () => {
  it("keeps a real SMTP refusal's code and words, never the partner's address", async () => {
    // A real SMTP server that refuses the recipient, and nodemailer's real error for it.
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(address, _session, callback) {
        const err = new Error(`<${address.address}>: Recipient address rejected`) as Error & { responseCode: number };
        err.responseCode = 550;
        callback(err);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    const failure = await transport
      .sendMail({ from: 'lantern@hub.example', to: 'idva.team@partner.example', subject: 's', text: 't' })
      .then(() => null)
      .catch((e: unknown) => e);
    transport.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(failure).toBeInstanceOf(Error);
    expect(String((failure as Error).message)).toContain('idva.team@partner.example');
    const logged = errorForLog(failure);
    expect(logged).not.toContain('idva.team');
    expect(logged).not.toContain('partner.example');
    expect(logged).toMatch(/^Error \(EENVELOPE 550\): /);
    expect(logged).toContain('Recipient address rejected');
  });

  it.each([
    ['a database value', Object.assign(new Error('invalid input syntax for type uuid: "Jane Smith"'), { code: '22P02' }), 'Jane'],
    ['a phone number', new Error('no route for 07700 900123 today'), '900123'],
    ['a reference in brackets', new Error('lookup failed [HT/2026/000123]'), 'HT/2026'],
    ['a URL with a token', new Error('fetch https://hub.example/partner/referrals/abc?t=secret failed'), 'secret'],
    ['an object dump', new Error('Could not find any entity matching: {"lastName":"Smith"}'), 'Smith'],
    ['a value cut off mid-quote', new Error('bad value: "Jane Smi'), 'Jane'],
    ['a postcode', new Error('victim at AL1 3AB not found'), 'AL1'],
    ['a date of birth', new Error('DOB 01/02/1990 out of range'), '1990'],
    ['a spaced phone number', new Error('call to 07700 900 123 failed'), '900 123'],
  ])('strips %s from the message and keeps the class and code', (_what, err, secret) => {
    const logged = errorForLog(err);
    expect(logged).not.toContain(secret);
    expect(logged.startsWith('Error')).toBe(true);
  });

  it('keeps what a message says about the failure', () => {
    expect(errorForLog(new Error('Connection terminated unexpectedly'))).toBe('Error: Connection terminated unexpectedly');
    expect(errorForLog(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' }))).toBe(
      'Error (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:6379',
    );
    expect(errorForLog(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      'TypeError: Cannot read properties of undefined …',
    );
    expect(errorForLog('plain text with jane@example.org')).toBe('string: plain text with …');
    expect(errorForLog(undefined)).toBe('undefined');
    expect(redactForLog('550 5.1.1 user unknown')).toBe('550 5.1.1 user unknown');
    // A database error's schema names are kept (its message quotes them, with the values).
    const unique = Object.assign(new Error('duplicate key value violates unique constraint "cases_reference_key"'), {
      code: '23505',
      constraint: 'cases_reference_key',
      table: 'cases',
    });
    expect(errorForLog(unique)).toBe(
      'Error (23505 constraint cases_reference_key table cases): duplicate key value violates unique constraint …',
    );
  });

  it('reads only the start of a long message, so a huge one cannot stall the event loop', () => {
    const started = performance.now();
    for (const huge of ['('.repeat(50_000), 'x'.repeat(50_000), 'a@'.repeat(25_000), 'http://'.repeat(10_000)]) {
      expect(errorForLog(new Error(huge)).length).toBeLessThan(260);
    }
    // Generous: the point is linear time on a bounded input, not a speed target (those live in npm run bench).
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('a domain event handler that fails', () => {
  it('is logged through errorForLog (no value quoted) and never reaches the publisher, sync or async', async () => {
    const logged: string[] = [];
    const spy = vi.spyOn(Logger.prototype, 'error').mockImplementation((m: unknown) => {
      logged.push(String(m));
    });
    try {
      class Handlers {
        @OnDomainEvent(DomainEvents.SessionEnded)
        sync(): void {
          throw new Error('invalid input syntax for type uuid: "Jo Bloggs 07700 900123"');
        }
        @OnDomainEvent(DomainEvents.SessionEnded)
        async later(): Promise<void> {
          throw new Error('could not send to <idva@partner.example>');
        }
      }
      const h = new Handlers();
      expect(() => (h.sync as (p: unknown) => void)({ sessionId: 's' })).not.toThrow();
      await (h.later as (p: unknown) => Promise<void>)({ sessionId: 's' });
      expect(logged).toHaveLength(2);
      expect(logged[0]).toMatch(/^session\.ended handler sync failed: Error: invalid input syntax for type uuid/);
      expect(logged.join(' ')).not.toMatch(/Jo Bloggs|900123|idva@partner/);
    } finally {
      spy.mockRestore();
    }
  });
});
