// The ASN.1 of OCSP (RFC 6960, section 4 and appendix B) as @peculiar/asn1-schema classes, the
// same library the certificates and CRLs are built with. The repository compiles without
// decorators, so each class's fields are declared to the schema by calling the decorators.
import {
  AsnIntegerArrayBufferConverter,
  AsnProp,
  AsnPropTypes,
  AsnType,
  AsnTypeTypes,
} from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  Certificate,
  Extension,
  GeneralName,
  Name,
} from '@peculiar/asn1-x509';

/** id-pkix-ocsp-basic: the one response type this responder gives. */
export const ID_PKIX_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
/** id-pkix-ocsp-nonce: echoed from request to response so a client can tie the two. */
export const ID_PKIX_OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2';

/** OCSPResponseStatus (RFC 6960, 4.2.1). */
export const OCSP_RESPONSE_STATUS = {
  successful: 0,
  malformedRequest: 1,
  internalError: 2,
  tryLater: 3,
  sigRequired: 5,
  unauthorized: 6,
} as const;

type PropOptions = Parameters<typeof AsnProp>[0];

function props(target: object, fields: Record<string, PropOptions>): void {
  for (const [name, options] of Object.entries(fields)) AsnProp(options)(target, name);
}

export class CertId {
  hashAlgorithm = new AlgorithmIdentifier();
  issuerNameHash = new ArrayBuffer(0);
  issuerKeyHash = new ArrayBuffer(0);
  serialNumber = new ArrayBuffer(0);
  constructor(params: Partial<CertId> = {}) {
    Object.assign(this, params);
  }
}
props(CertId.prototype, {
  hashAlgorithm: { type: AlgorithmIdentifier },
  issuerNameHash: { type: AsnPropTypes.OctetString },
  issuerKeyHash: { type: AsnPropTypes.OctetString },
  serialNumber: { type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter },
});

export class OcspSingleRequest {
  reqCert = new CertId();
  singleRequestExtensions?: Extension[];
  constructor(params: Partial<OcspSingleRequest> = {}) {
    Object.assign(this, params);
  }
}
props(OcspSingleRequest.prototype, {
  reqCert: { type: CertId },
  singleRequestExtensions: { type: Extension, context: 0, repeated: 'sequence', optional: true },
});

export class TbsRequest {
  version?: number;
  requestorName?: GeneralName;
  requestList: OcspSingleRequest[] = [];
  requestExtensions?: Extension[];
  constructor(params: Partial<TbsRequest> = {}) {
    Object.assign(this, params);
  }
}
props(TbsRequest.prototype, {
  version: { type: AsnPropTypes.Integer, context: 0, optional: true },
  requestorName: { type: GeneralName, context: 1, optional: true },
  requestList: { type: OcspSingleRequest, repeated: 'sequence' },
  requestExtensions: { type: Extension, context: 2, repeated: 'sequence', optional: true },
});

export class OcspSignature {
  signatureAlgorithm = new AlgorithmIdentifier();
  signature = new ArrayBuffer(0);
  certs?: Certificate[];
}
props(OcspSignature.prototype, {
  signatureAlgorithm: { type: AlgorithmIdentifier },
  signature: { type: AsnPropTypes.BitString },
  certs: { type: Certificate, context: 0, repeated: 'sequence', optional: true },
});

export class OcspRequest {
  tbsRequest = new TbsRequest();
  optionalSignature?: OcspSignature;
  constructor(params: Partial<OcspRequest> = {}) {
    Object.assign(this, params);
  }
}
props(OcspRequest.prototype, {
  tbsRequest: { type: TbsRequest },
  optionalSignature: { type: OcspSignature, context: 0, optional: true },
});

export class RevokedInfo {
  revocationTime = new Date();
  /** CRLReason (ENUMERATED), explicitly tagged [0]. */
  revocationReason?: number;
  constructor(params: Partial<RevokedInfo> = {}) {
    Object.assign(this, params);
  }
}
props(RevokedInfo.prototype, {
  revocationTime: { type: AsnPropTypes.GeneralizedTime },
  revocationReason: { type: AsnPropTypes.Enumerated, context: 0, optional: true },
});

/** CertStatus: good [0] IMPLICIT NULL | revoked [1] IMPLICIT RevokedInfo | unknown [2] IMPLICIT NULL. */
export class CertStatus {
  good?: null;
  revoked?: RevokedInfo;
  unknown?: null;
  constructor(params: Partial<CertStatus> = {}) {
    Object.assign(this, params);
  }
}
AsnType({ type: AsnTypeTypes.Choice })(CertStatus);
props(CertStatus.prototype, {
  good: { type: AsnPropTypes.Null, context: 0, implicit: true },
  revoked: { type: RevokedInfo, context: 1, implicit: true },
  unknown: { type: AsnPropTypes.Null, context: 2, implicit: true },
});

export class SingleResponse {
  certId = new CertId();
  certStatus = new CertStatus();
  thisUpdate = new Date();
  nextUpdate?: Date;
  singleExtensions?: Extension[];
  constructor(params: Partial<SingleResponse> = {}) {
    Object.assign(this, params);
  }
}
props(SingleResponse.prototype, {
  certId: { type: CertId },
  certStatus: { type: CertStatus },
  thisUpdate: { type: AsnPropTypes.GeneralizedTime },
  nextUpdate: { type: AsnPropTypes.GeneralizedTime, context: 0, optional: true },
  singleExtensions: { type: Extension, context: 1, repeated: 'sequence', optional: true },
});

/** ResponderID: byName [1] Name | byKey [2] KeyHash (SHA-1 of the responder's public key). */
export class ResponderId {
  byName?: Name;
  byKey?: ArrayBuffer;
  constructor(params: Partial<ResponderId> = {}) {
    Object.assign(this, params);
  }
}
AsnType({ type: AsnTypeTypes.Choice })(ResponderId);
props(ResponderId.prototype, {
  byName: { type: Name, context: 1 },
  byKey: { type: AsnPropTypes.OctetString, context: 2 },
});

export class ResponseData {
  version?: number;
  responderId = new ResponderId();
  producedAt = new Date();
  responses: SingleResponse[] = [];
  responseExtensions?: Extension[];
  constructor(params: Partial<ResponseData> = {}) {
    Object.assign(this, params);
  }
}
props(ResponseData.prototype, {
  version: { type: AsnPropTypes.Integer, context: 0, optional: true },
  responderId: { type: ResponderId },
  producedAt: { type: AsnPropTypes.GeneralizedTime },
  responses: { type: SingleResponse, repeated: 'sequence' },
  responseExtensions: { type: Extension, context: 1, repeated: 'sequence', optional: true },
});

export class BasicOcspResponse {
  tbsResponseData = new ResponseData();
  signatureAlgorithm = new AlgorithmIdentifier();
  signature = new ArrayBuffer(0);
  certs?: Certificate[];
  constructor(params: Partial<BasicOcspResponse> = {}) {
    Object.assign(this, params);
  }
}
props(BasicOcspResponse.prototype, {
  tbsResponseData: { type: ResponseData, raw: true },
  signatureAlgorithm: { type: AlgorithmIdentifier },
  signature: { type: AsnPropTypes.BitString },
  certs: { type: Certificate, context: 0, repeated: 'sequence', optional: true },
});

export class ResponseBytes {
  responseType = ID_PKIX_OCSP_BASIC;
  response = new ArrayBuffer(0);
  constructor(params: Partial<ResponseBytes> = {}) {
    Object.assign(this, params);
  }
}
props(ResponseBytes.prototype, {
  responseType: { type: AsnPropTypes.ObjectIdentifier },
  response: { type: AsnPropTypes.OctetString },
});

export class OcspResponse {
  responseStatus: number = OCSP_RESPONSE_STATUS.successful;
  responseBytes?: ResponseBytes;
  constructor(params: Partial<OcspResponse> = {}) {
    Object.assign(this, params);
  }
}
props(OcspResponse.prototype, {
  responseStatus: { type: AsnPropTypes.Enumerated },
  responseBytes: { type: ResponseBytes, context: 0, optional: true },
});
