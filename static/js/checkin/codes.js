/* Badge codes, as conference/badges/codes.py makes them:

     P1-<conference id>-<registration id>-<badge version>-<MAC>

   The numbers in base 32 with the digits 0-9A-V (parseInt(s, 32)); the MAC is the first 10 bytes of
   HMAC-SHA256(key = the conference's badge key, hex; message = "<conference>.<registration>.<version>"),
   in RFC 4648 base32 without padding. Checked here with WebCrypto so that a scan is verified offline. */

const CODE = /^P1-([0-9A-V]{1,8})-([0-9A-V]{1,8})-([0-9A-V]{1,8})-([A-Z2-7]{16})$/;
const RFC4648 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const MAC_BYTES = 10;

export function normaliseCode(text) {
  return String(text || "").trim().toUpperCase();
}

/* The parts of a well-formed code, or null (malformed, truncated, or a number spelt with leading zeros). */
export function parseBadgeCode(text) {
  const match = CODE.exec(normaliseCode(text));
  if (!match) return null;
  const numbers = match.slice(1, 4).map((part) => parseInt(part, 32));
  const canonical = numbers.every((n, i) => n.toString(32).toUpperCase() === match[i + 1]);
  if (!canonical || Math.min(...numbers) < 1) return null;
  const [conferenceId, registrationId, version] = numbers;
  return { conferenceId, registrationId, version, mac: match[4] };
}

function base32(bytes) {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += RFC4648[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += RFC4648[(value << (5 - bits)) & 31];
  return out;
}

function hexBytes(hex) {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
  return bytes;
}

/* WebCrypto exists only in secure contexts (HTTPS, localhost): without it the server decides alone. */
export function canVerify() {
  return Boolean(window.crypto && window.crypto.subtle);
}

export async function importBadgeKey(keyHex) {
  if (!keyHex || !canVerify()) return null;
  return crypto.subtle.importKey("raw", hexBytes(keyHex), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

export async function badgeMac(key, conferenceId, registrationId, version) {
  const message = new TextEncoder().encode(`${conferenceId}.${registrationId}.${version}`);
  const digest = new Uint8Array(await crypto.subtle.sign("HMAC", key, message));
  return base32(digest.slice(0, MAC_BYTES));
}

export async function makeBadgeCode(key, conferenceId, registrationId, version) {
  const numbers = [conferenceId, registrationId, version].map((n) => n.toString(32).toUpperCase());
  return `P1-${numbers.join("-")}-${await badgeMac(key, conferenceId, registrationId, version)}`;
}

/* True when the MAC is right for this key. Timing does not matter here: the key is on this device anyway. */
export async function macIsValid(key, parsed) {
  const expected = await badgeMac(key, parsed.conferenceId, parsed.registrationId, parsed.version);
  return expected === parsed.mac;
}
