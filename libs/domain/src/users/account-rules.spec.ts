import {
  displayNameProblems,
  normalizeDisplayName,
  normalizeUsername,
  passwordProblems,
  usernameProblems,
} from './account-rules.js';

const rules = (problems: { field: string; rule: string }[]) => problems.map((p) => `${p.field}:${p.rule}`);

describe('account rules', () => {
  it('normalises usernames to lower case and display names to NFC with single spaces', () => {
    expect(normalizeUsername('  CanBo.Xa ')).toBe('canbo.xa');
    const decomposed = 'Nguye\u0302\u0303n  Va\u0306n   A';
    expect(normalizeDisplayName(` ${decomposed} `)).toBe('Nguyễn Văn A');
  });

  it('accepts 3 to 50 characters of a-z 0-9 . _ - as a username', () => {
    expect(usernameProblems('abc')).toEqual([]);
    expect(usernameProblems('can_bo.xa-01')).toEqual([]);
    expect(rules(usernameProblems('ab'))).toEqual(['username:minLength']);
    expect(rules(usernameProblems('a'.repeat(51)))).toEqual(['username:maxLength']);
    expect(rules(usernameProblems('cán bộ'))).toEqual(['username:matches']);
    expect(rules(usernameProblems('CanBo'))).toEqual(['username:matches']);
  });

  it('requires a non-empty display name of at most 100 characters', () => {
    expect(displayNameProblems('Nguyễn Văn A')).toEqual([]);
    expect(rules(displayNameProblems(''))).toEqual(['displayName:isNotEmpty']);
    expect(rules(displayNameProblems('x'.repeat(101)))).toEqual(['displayName:maxLength']);
  });

  it('bounds password length and refuses the username or the current password', () => {
    expect(passwordProblems('mot-cau-mat-khau-dai', { username: 'canbo' })).toEqual([]);
    expect(rules(passwordProblems('ngan', { username: 'canbo' }))).toEqual(['password:minLength']);
    expect(rules(passwordProblems('x'.repeat(201), { username: 'canbo' }))).toEqual(['password:maxLength']);
    expect(rules(passwordProblems('x'.repeat(200), { username: 'canbo' }))).toEqual([]);
    expect(rules(passwordProblems('CanBo.Thon1', { username: 'canbo.thon1' }))).toEqual(['password:notUsername']);
    expect(rules(passwordProblems('mat-khau-cu-1', { field: 'newPassword', username: 'u', currentPassword: 'mat-khau-cu-1' }))).toEqual([
      'newPassword:notCurrent',
    ]);
  });
});
