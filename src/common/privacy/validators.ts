/** Checksums that tell a real BSN or IBAN from a number of the same shape. */

/** Elf-proef for a BSN: 9 digits (or 8, leading zero dropped); separators (space, dot, hyphen) are ignored. */
export function isValidBsn(value: string): boolean {
  let digits = value.replace(/[\s.-]/g, '');
  if (!/^\d{8,9}$/.test(digits)) return false;
  if (digits.length === 8) digits = '0' + digits;
  if (/^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

/** IBAN lengths of the countries KCC agents run into most; other countries only get the mod-97 check. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  NL: 18,
  BE: 16,
  DE: 22,
  FR: 27,
  GB: 22,
  LU: 20,
  ES: 24,
  IT: 27,
  PT: 25,
  AT: 20,
  CH: 21,
  IE: 22,
  DK: 18,
  SE: 24,
  NO: 15,
  FI: 18,
  PL: 28,
  TR: 26,
  MA: 28,
};

function ibanMod97(compact: string): number {
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of value) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder;
}

/** Mod-97 check of an IBAN (spaces ignored, any case), including the length for known countries. */
export function isValidIban(value: string): boolean {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(compact)) return false;
  const expected = IBAN_LENGTHS[compact.slice(0, 2)];
  if (expected !== undefined && compact.length !== expected) return false;
  return ibanMod97(compact) === 1;
}
