/**
 * PEM text and certificate files: splitting a bundle into its certificates, encoding DER as
 * PEM (RFC 7468), and reading certificate and key files into Node's native objects with
 * Knooppunt's error codes (FILE_UNREADABLE when a file cannot be read, CERT_INVALID when a
 * certificate cannot be parsed).
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CertificateError, UsageError } from '../errors.ts';

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * The CERTIFICATE blocks of a PEM bundle, in order, each ending in a newline. Text between
 * blocks (comments such as `# Staat der Nederlanden …`) and other block types are ignored.
 */
export function splitPemBundle(text: string): string[] {
  return Array.from(text.matchAll(CERTIFICATE_BLOCK), (match) => `${match[0]}\n`);
}

/** PEM encoding of DER bytes (RFC 7468 §2: base64 in lines of 64 characters). */
export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Parses one certificate (PEM text or DER bytes); CERT_INVALID when it is not one. */
export function parseCertificate(pemOrDer: string | Uint8Array): X509Certificate {
  try {
    return new X509Certificate(typeof pemOrDer === 'string' ? pemOrDer : Buffer.from(pemOrDer));
  } catch (error) {
    throw new CertificateError('CERT_INVALID', 'not an X.509 certificate', { cause: error });
  }
}

/** Parses every certificate of a PEM bundle; CERT_INVALID when there is none or one is bad. */
export function parseCertificateBundle(text: string): X509Certificate[] {
  const blocks = splitPemBundle(text);
  if (blocks.length === 0) {
    throw new CertificateError('CERT_INVALID', 'the PEM text holds no CERTIFICATE block');
  }
  return blocks.map((block) => parseCertificate(block));
}

/**
 * Reads a certificate file (PEM or DER). A PEM file holding a chain yields its first
 * certificate, conventionally the end-entity one.
 */
export function readCertificateFile(path: string): X509Certificate {
  const bytes = readFileOrThrow(path);
  const text = bytes.toString('latin1');
  const first = splitPemBundle(text)[0];
  try {
    return parseCertificate(first ?? bytes);
  } catch (error) {
    throw new CertificateError('CERT_INVALID', `${path} holds no readable certificate`, {
      cause: error,
    });
  }
}

/** Reads every certificate of a PEM bundle file (a trust bundle or a chain). */
export function readCertificateBundleFile(path: string): X509Certificate[] {
  return parseCertificateBundle(readFileOrThrow(path).toString('utf8'));
}

/** Reads a private key file (PEM: PKCS#8, PKCS#1 or SEC1); FILE_UNREADABLE when it is not one. */
export function readPrivateKeyFile(path: string): KeyObject {
  const text = readFileOrThrow(path).toString('utf8');
  try {
    return createPrivateKey(text);
  } catch (error) {
    throw new UsageError('FILE_UNREADABLE', `${path} holds no readable private key`, {
      cause: error,
    });
  }
}

function readFileOrThrow(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError('FILE_UNREADABLE', `cannot read ${path}`, { cause: error });
  }
}
