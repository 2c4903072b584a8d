import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

export interface SelfSignedCertificate {
  /** PEM of the certificate; clients trust it as their CA. */
  cert: string;
  /** PEM (PKCS#8) of its private key; it never leaves memory. */
  key: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A fresh certificate for the sandbox's HTTPS listener, made at every start so no key is ever
 * shipped: CN "shipmate sandbox", SAN IP 127.0.0.1 and DNS localhost, an EC P-256 key,
 * ECDSA-SHA256, valid from an hour ago (clock skew) for `days`. node:crypto makes the key and
 * the signature; the X.509 structure (RFC 5280) is written here, a few dozen bytes of DER.
 */
export function selfSignedCertificate(now = new Date(), days = 30): SelfSignedCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const name = seq(set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from('shipmate sandbox')))));
  const keyId = createHash('sha1').update(ecPoint(publicKey)).digest();
  const ecdsaSha256 = seq(oid('1.2.840.10045.4.3.2'));
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(serialNumber()),
    ecdsaSha256,
    name,
    seq(utcTime(new Date(now.getTime() - DAY_MS / 24)), utcTime(new Date(now.getTime() + days * DAY_MS))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    tlv(
      0xa3,
      seq(
        extension('2.5.29.14', tlv(0x04, keyId)),
        extension('2.5.29.35', seq(tlv(0x80, keyId))),
        extension('2.5.29.17', seq(tlv(0x87, Buffer.from([127, 0, 0, 1])), tlv(0x82, Buffer.from('localhost')))),
        extension('2.5.29.19', seq(tlv(0x01, Buffer.from([0xff]))), true),
        // digitalSignature and keyCertSign
        extension('2.5.29.15', tlv(0x03, Buffer.from([0x02, 0x84])), true),
      ),
    ),
  );
  const certificate = seq(tbs, ecdsaSha256, tlv(0x03, Buffer.concat([Buffer.from([0]), sign('sha256', tbs, privateKey)])));
  return { cert: pem('CERTIFICATE', certificate), key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

/** 16 random bytes, positive and without a leading zero byte (DER integers are minimal). */
function serialNumber(): Buffer {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40;
  return bytes;
}

function ecPoint(publicKey: KeyObject): Buffer {
  const { x, y } = publicKey.export({ format: 'jwk' });
  return Buffer.concat([Buffer.from([4]), Buffer.from(x!, 'base64url'), Buffer.from(y!, 'base64url')]);
}

function tlv(tag: number, value: Buffer): Buffer {
  const length = value.length < 0x80 ? Buffer.from([value.length]) : lengthBytes(value.length);
  return Buffer.concat([Buffer.from([tag]), length, value]);
}

function lengthBytes(length: number): Buffer {
  const bytes: number[] = [];
  for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));

/** A non-negative INTEGER from minimal big-endian bytes: a leading zero when the high bit is set. */
function integer(bytes: Buffer): Buffer {
  return tlv(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const body = [40 * a! + b!];
  for (const arc of rest) {
    const base128 = [arc & 0x7f];
    for (let n = arc >> 7; n > 0; n >>= 7) base128.unshift(0x80 | (n & 0x7f));
    body.push(...base128);
  }
  return tlv(0x06, Buffer.from(body));
}

/** UTCTime YYMMDDHHMMSSZ (RFC 5280 uses it up to 2049). */
function utcTime(date: Date): Buffer {
  return tlv(0x17, Buffer.from(date.toISOString().replace(/\D/g, '').slice(2, 14) + 'Z'));
}

function extension(id: string, value: Buffer, critical = false): Buffer {
  return seq(oid(id), ...(critical ? [tlv(0x01, Buffer.from([0xff]))] : []), tlv(0x04, value));
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN ${label}-----\n${lines}\n-----END ${label}-----\n`;
}
