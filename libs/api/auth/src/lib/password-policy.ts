import { Injectable } from '@nestjs/common';
import { Problems } from '@lantern/api/core';
import { checkPasswordRules, normalisePassword, type PasswordProblem } from '@lantern/shared/domain';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The password policy in full: the pure rules of @lantern/shared/domain (length, context words, repetition) and
 * the breached/common-password list NIST SP 800-63B §3.1.1.2 asks verifiers to refuse: the 49,000 most common
 * passwords of leaked corpora that @zxcvbn-ts/language-common ships, compared case-insensitively after NFC.
 */
@Injectable()
export class PasswordPolicy {
  private readonly breached: ReadonlySet<string> = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

  problems(password: string, context: { username?: string; displayName?: string }): PasswordProblem[] {
    const words = (context.displayName ?? '').split(/\s+/).filter(Boolean);
    const problems = checkPasswordRules(password, { username: context.username, words });
    if (this.breached.has(normalisePassword(password).toLowerCase())) {
      problems.push({ rule: 'breached', message: 'is a common or breached password' });
    }
    return problems;
  }

  /** Throws a 400 problem+json naming `path` once per broken rule (and the rules, as `rules`). */
  assert(password: string, path: string, context: { username?: string; displayName?: string }): void {
    const problems = this.problems(password, context);
    if (!problems.length) return;
    const err = Problems.validation(
      problems.map((p) => ({ path, message: p.message })),
      'The new password does not meet the password policy.',
    );
    err.extra = { rules: problems.map((p) => p.rule) };
    throw err;
  }
}
