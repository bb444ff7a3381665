import { describe, expect, it } from 'vitest';
import { checkPasswordRules, PASSWORD_MAX_LENGTH, passwordLength, type PasswordRule } from './password-policy';

describe('checkPasswordRules (NIST SP 800-63B, without the breached list)', () => {
  it.each<[string, string, string | undefined, PasswordRule[]]>([
    ['a long passphrase passes', 'correct horse battery staple', 'caseworker', []],
    ['no composition rules: lower-case letters only', 'thequickbrownfoxjumps', 'caseworker', []],
    ['14 characters is too short', 'abcdefghijklmn', undefined, ['too-short']],
    ['15 characters is enough', 'abcdefghijklmno', undefined, []],
    ['emoji count as one character each', '🔥🌊🌲🌙⭐️🍀🎈🎲🎯🧭🪁🧩🎻🥁🪗', undefined, []],
    ['NFC: a decomposed é counts once', 'cafe\u0301 au lait sans sucre', undefined, []],
    ['spaces are allowed', '   spaces    are fine   ', undefined, []],
    ['the username inside is refused', 'my-caseworker-password', 'caseworker', ['context-word']],
    ['the username in other case is refused', 'My CaseWorker Password!', 'caseworker', ['context-word']],
    ['the service name is refused', 'i love Lantern so much', undefined, ['context-word']],
    ['a short username is no signal', 'bob bob is my uncle here', 'bob', []],
    ['one character repeated', 'aaaaaaaaaaaaaaaaaaa', undefined, ['repetitive']],
    ['a short unit repeated', 'abcabcabcabcabcabc', undefined, ['repetitive']],
    ['a control character', 'tab\tinside a long password', undefined, ['control-character']],
    ['several rules at once', 'lantern', undefined, ['too-short', 'context-word']],
  ])('%s', (_name, password, username, expected) => {
    expect(checkPasswordRules(password, { username }).map((p) => p.rule)).toEqual(expected);
  });

  it('accepts the maximum length and refuses one more', () => {
    const max = 'ab1 '.repeat(PASSWORD_MAX_LENGTH / 4).slice(0, PASSWORD_MAX_LENGTH - 1) + 'z';
    expect(passwordLength(max)).toBe(PASSWORD_MAX_LENGTH);
    expect(checkPasswordRules(max).map((p) => p.rule)).toEqual([]);
    expect(checkPasswordRules(max + 'q').map((p) => p.rule)).toEqual(['too-long']);
  });

  it('allows at least 64 characters (800-63B)', () => {
    expect(checkPasswordRules('x'.repeat(32) + 'yz-0123456789 abcdefghijklmnopqrstuvw')).toEqual([]);
  });
});
