import { Secret, TOTP } from 'otpauth';

const ISSUER = 'Gridwork 网格通';

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUrl(secretBase32: string, username: string): string {
  return totpFor(secretBase32, username).toString();
}

/** Accepts the current code and one period either side, for clock drift. */
export function checkTotp(secretBase32: string, code: string): boolean {
  return totpFor(secretBase32, 'check').validate({ token: code, window: 1 }) !== null;
}

export function currentTotp(secretBase32: string, at = Date.now()): string {
  return totpFor(secretBase32, 'now').generate({ timestamp: at });
}
