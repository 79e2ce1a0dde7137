// OCSP (RFC 6960) for the local authority: the responder's answer to a DER request, signed by the
// CA that issued the certificates asked about, and the client side the counter uses to ask it.
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  Certificate,
  Extension,
  SubjectPublicKeyInfo,
} from '@peculiar/asn1-x509';
import * as x509 from '@peculiar/x509';
import type { CrlReason } from '../../preload/contract/rules/reasons';
import type { CertificateStatus, Der, KeyKind } from './issuer-authority';
import { normaliseSerial, RSA_SHA256, type CaKeys } from './jpki-profile';
import {
  BasicOcspResponse,
  CertId,
  CertStatus,
  ID_PKIX_OCSP_BASIC,
  ID_PKIX_OCSP_NONCE,
  OCSP_RESPONSE_STATUS,
  OcspRequest,
  OcspResponse,
  OcspSingleRequest,
  ResponderId,
  ResponseBytes,
  ResponseData,
  RevokedInfo,
  SingleResponse,
  TbsRequest,
} from './ocsp-asn1';

const crypto = webcrypto;

const SHA1 = '1.3.14.3.2.26';
const SHA256 = '2.16.840.1.101.3.4.2.1';
const HASH_OF: Readonly<Record<string, string>> = { [SHA1]: 'sha1', [SHA256]: 'sha256' };
const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
/** DER NULL: the parameters of sha256WithRSAEncryption and of the hash algorithms. */
const DER_NULL = new Uint8Array([0x05, 0x00]).buffer;

/** An answer is good for as long as a CRL (a day): a client asks again after that. */
const ANSWER_VALIDITY_MS = 24 * 60 * 60 * 1000;

/** CRLReason codes (RFC 5280, 5.3.1) of the reasons this authority gives, and certificateHold. */
export const CRL_REASON_CODE: Readonly<Record<CrlReason | 'certificateHold', number>> = {
  unspecified: 0,
  keyCompromise: 1,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  privilegeWithdrawn: 9,
};

/** What the responder says of one certificate. A hold is a revocation with reason certificateHold. */
export type OcspCertStatus =
  | { readonly status: 'good' }
  | {
      readonly status: 'revoked';
      readonly reason: CrlReason | 'certificateHold';
      readonly since: Date;
    }
  | { readonly status: 'unknown' };

/** A CA of the authority, as the responder signs with it. */
export interface OcspCa {
  readonly certificate: x509.X509Certificate;
  readonly der: Der;
  readonly keys: CaKeys;
}

export interface OcspResponderSource {
  readonly cas: Readonly<Record<KeyKind, OcspCa>>;
  /** The registry's status of a serial issued by this kind's CA ('unknown' for another's). */
  status(kind: KeyKind, serial: string): Promise<CertificateStatus>;
}

const hash = (algorithm: string, data: ArrayBuffer | Uint8Array): Buffer =>
  createHash(algorithm).update(new Uint8Array(data)).digest();

/** The issuer name and key hashes a CertID carries for a CA certificate (RFC 6960, 4.1.1). */
function issuerHashes(ca: Der, algorithm: string): { name: Buffer; key: Buffer } {
  const cert = AsnConvert.parse(ca, Certificate);
  const spki = cert.tbsCertificate.subjectPublicKeyInfo as SubjectPublicKeyInfo;
  return {
    name: hash(algorithm, AsnConvert.serialize(cert.tbsCertificate.subject)),
    key: hash(algorithm, spki.subjectPublicKey),
  };
}

const hexOf = (serial: ArrayBuffer): string => normaliseSerial(Buffer.from(serial).toString('hex'));

const wholeSeconds = (d: Date): Date => new Date(Math.floor(d.getTime() / 1000) * 1000);

function failure(status: number): Der {
  return new Uint8Array(AsnConvert.serialize(new OcspResponse({ responseStatus: status })));
}

/** The CA a CertID names, by its hashes; null when it is none of the authority's. */
function caOf(id: CertId, cas: OcspResponderSource['cas']): KeyKind | null {
  const algorithm = HASH_OF[id.hashAlgorithm.algorithm];
  if (!algorithm) return null;
  for (const kind of ['signing', 'auth'] as const) {
    const h = issuerHashes(cas[kind].der, algorithm);
    if (
      h.name.equals(Buffer.from(id.issuerNameHash)) &&
      h.key.equals(Buffer.from(id.issuerKeyHash))
    )
      return kind;
  }
  return null;
}

function certStatus(status: CertificateStatus): CertStatus {
  switch (status.status) {
    case 'good':
      return new CertStatus({ good: null });
    case 'unknown':
      return new CertStatus({ unknown: null });
    case 'on-hold':
      return new CertStatus({
        revoked: new RevokedInfo({
          revocationTime: wholeSeconds(status.since),
          revocationReason: CRL_REASON_CODE.certificateHold,
        }),
      });
    case 'revoked':
      return new CertStatus({
        revoked: new RevokedInfo({
          revocationTime: wholeSeconds(status.since),
          revocationReason: CRL_REASON_CODE[status.reason],
        }),
      });
  }
}

/**
 * The DER OCSPResponse to a DER OCSPRequest. Every certificate asked about in one request must be
 * of one CA, which signs the answer itself (RFC 6960, 4.2.2.2: the issuing CA is an authorised
 * responder); a request about another CA's certificates is answered `unauthorized`, a request
 * that does not parse `malformedRequest`. A nonce in the request is echoed.
 */
export async function answerOcspRequest(
  request: Der,
  source: OcspResponderSource,
  now: Date,
): Promise<Der> {
  let parsed: OcspRequest;
  try {
    parsed = AsnConvert.parse(request, OcspRequest);
  } catch {
    return failure(OCSP_RESPONSE_STATUS.malformedRequest);
  }
  const list = parsed.tbsRequest.requestList;
  if (list.length === 0) return failure(OCSP_RESPONSE_STATUS.malformedRequest);
  const kinds = list.map((r) => caOf(r.reqCert, source.cas));
  const kind = kinds[0];
  if (!kind || kinds.some((k) => k !== kind)) return failure(OCSP_RESPONSE_STATUS.unauthorized);
  const ca = source.cas[kind];

  const at = wholeSeconds(now);
  const responses: SingleResponse[] = [];
  for (const r of list) {
    const status = await source.status(kind, hexOf(r.reqCert.serialNumber));
    responses.push(
      new SingleResponse({
        certId: r.reqCert,
        certStatus: certStatus(status),
        thisUpdate: at,
        nextUpdate: new Date(at.getTime() + ANSWER_VALIDITY_MS),
      }),
    );
  }
  const nonce = parsed.tbsRequest.requestExtensions?.find((e) => e.extnID === ID_PKIX_OCSP_NONCE);
  const spki = AsnConvert.parse(ca.certificate.publicKey.rawData, SubjectPublicKeyInfo);
  const data = new ResponseData({
    responderId: new ResponderId({
      byKey: hash('sha1', spki.subjectPublicKey).buffer as ArrayBuffer,
    }),
    producedAt: at,
    responses,
    ...(nonce ? { responseExtensions: [nonce] } : {}),
  });
  const tbs = AsnConvert.serialize(data);
  const signature = await crypto.subtle.sign(RSA_SHA256.name, ca.keys.privateKey, tbs);
  const basic = new BasicOcspResponse({
    tbsResponseData: data,
    signatureAlgorithm: new AlgorithmIdentifier({
      algorithm: SHA256_WITH_RSA,
      parameters: DER_NULL,
    }),
    signature,
    certs: [AsnConvert.parse(ca.der, Certificate)],
  });
  return new Uint8Array(
    AsnConvert.serialize(
      new OcspResponse({
        responseStatus: OCSP_RESPONSE_STATUS.successful,
        responseBytes: new ResponseBytes({
          responseType: ID_PKIX_OCSP_BASIC,
          response: AsnConvert.serialize(basic),
        }),
      }),
    ),
  );
}

// ---- the client ----

export interface BuiltOcspRequest {
  readonly der: Der;
  readonly nonce: Uint8Array;
}

/** A request about `serials` (hex) of the CA `ca` (DER): SHA-1 CertIDs as most clients send, a nonce. */
export function buildOcspRequest(ca: Der, serials: readonly string[]): BuiltOcspRequest {
  const h = issuerHashes(ca, 'sha1');
  const nonce = new Uint8Array(randomBytes(16));
  const request = new OcspRequest({
    tbsRequest: new TbsRequest({
      requestList: serials.map(
        (serial) =>
          new OcspSingleRequest({
            reqCert: new CertId({
              hashAlgorithm: new AlgorithmIdentifier({ algorithm: SHA1, parameters: DER_NULL }),
              issuerNameHash: new Uint8Array(h.name).buffer,
              issuerKeyHash: new Uint8Array(h.key).buffer,
              serialNumber: new Uint8Array(Buffer.from(normaliseSerial(serial), 'hex')).buffer,
            }),
          }),
      ),
      requestExtensions: [
        new Extension({
          extnID: ID_PKIX_OCSP_NONCE,
          critical: false,
          extnValue: new OctetString(AsnConvert.serialize(new OctetString(nonce))),
        }),
      ],
    }),
  });
  return { der: new Uint8Array(AsnConvert.serialize(request)), nonce };
}

/** The responder did not give a usable answer: why, in the words of RFC 6960 or of the check. */
export class OcspAnswerError extends Error {
  override readonly name = 'OcspAnswerError';
}

const REASON_OF_CODE = new Map(
  Object.entries(CRL_REASON_CODE).map(([reason, code]) => [code, reason]),
) as ReadonlyMap<number, CrlReason | 'certificateHold'>;

/**
 * The statuses in a DER OCSPResponse, by serial (upper-case hex), after checking what a client
 * must (RFC 6960, 3.2): a successful basic response, signed by the CA `ca` itself, with the
 * nonce of the request, and an answer for every serial asked about.
 */
export async function readOcspResponse(
  response: Der,
  ca: Der,
  asked: BuiltOcspRequest,
): Promise<Map<string, OcspCertStatus>> {
  const outer = AsnConvert.parse(response, OcspResponse);
  if (outer.responseStatus !== OCSP_RESPONSE_STATUS.successful || !outer.responseBytes)
    throw new OcspAnswerError(`the responder answered status ${outer.responseStatus}`);
  if (outer.responseBytes.responseType !== ID_PKIX_OCSP_BASIC)
    throw new OcspAnswerError('not a basic OCSP response');
  const basic = AsnConvert.parse(outer.responseBytes.response, BasicOcspResponse);
  if (basic.signatureAlgorithm.algorithm !== SHA256_WITH_RSA)
    throw new OcspAnswerError('an unexpected signature algorithm');
  const caCert = new x509.X509Certificate(ca);
  const key = await caCert.publicKey.export(
    { name: RSA_SHA256.name, hash: RSA_SHA256.hash },
    ['verify'],
    crypto,
  );
  // The signature covers the bytes as sent: the raw field, not a re-encoding of the parsed one.
  const raw = (basic as { tbsResponseDataRaw?: ArrayBuffer }).tbsResponseDataRaw;
  const tbs = raw ?? AsnConvert.serialize(basic.tbsResponseData);
  if (!(await crypto.subtle.verify(RSA_SHA256.name, key, basic.signature, tbs)))
    throw new OcspAnswerError('the answer is not signed by the CA');
  const data = basic.tbsResponseData;
  const nonce = data.responseExtensions?.find((e) => e.extnID === ID_PKIX_OCSP_NONCE);
  const echoed = nonce ? AsnConvert.parse(nonce.extnValue.buffer, OctetString) : null;
  if (!echoed || !Buffer.from(echoed.buffer).equals(Buffer.from(asked.nonce)))
    throw new OcspAnswerError('the answer does not carry the nonce of the request');

  const out = new Map<string, OcspCertStatus>();
  for (const single of data.responses) {
    const serial = hexOf(single.certId.serialNumber);
    const s = single.certStatus;
    if (s.revoked) {
      const code = s.revoked.revocationReason ?? 0;
      out.set(serial, {
        status: 'revoked',
        reason: REASON_OF_CODE.get(code) ?? 'unspecified',
        since: s.revoked.revocationTime,
      });
    } else if (s.good !== undefined) out.set(serial, { status: 'good' });
    else out.set(serial, { status: 'unknown' });
  }
  return out;
}

/** What the counter needs of a responder in the same process: its answer, and the CA to check it. */
export interface InProcessResponder {
  answerOcsp(request: Der, now?: Date): Promise<Der>;
  caCertificate(kind: KeyKind): Der;
}

/**
 * Asks the responder about certificates of one CA, over the same DER an outside client sends,
 * and checks the answer as such a client would.
 */
export async function askResponder(
  responder: InProcessResponder,
  kind: KeyKind,
  serials: readonly string[],
  now: Date,
): Promise<Map<string, OcspCertStatus>> {
  const ca = responder.caCertificate(kind);
  const request = buildOcspRequest(ca, serials);
  return readOcspResponse(await responder.answerOcsp(request.der, now), ca, request);
}
