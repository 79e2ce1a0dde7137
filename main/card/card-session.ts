// One exclusive session with one recognised My Number Card, bound to the serial read at its start.
import { ApduChannel, CardStatusError, isStatus } from './apdu';
import type { Apdu, CommandApdu, ResponseApdu, TraceEntry } from './apdu';
import { readCardIdentity } from './apps/common';
import type { CardIdentity } from './apps/common';
import { MY_NUMBER_CARD_TOKEN_LABEL, readTokenLabel, selectJpki } from './apps/jpki';
import { CardChangedError, CardTerminatedError, NotMyNumberCardError } from './card-errors';
import type { CardSerial } from './domain';
import { selectAid } from './iso7816';
import { SW } from './status-words';
import type { Bytes, CardTransport } from './transport';

export interface CardSessionOptions {
  readonly reader: string;
  readonly exchangeTimeoutMs: number;
  readonly trace?: (entry: TraceEntry) => void;
}

const INS_SELECT = 0xa4;

/**
 * A session is an Apdu for the application modules, plus what the card service needs: the
 * recognised card's identity and a check that the card was not swapped. It also remembers the
 * application last selected, so callers can skip a SELECT the card would not need.
 */
export class CardSession implements Apdu {
  readonly reader: string;
  private readonly channel: ApduChannel;
  private selectedAid: string | null = null;
  private identityRead: CardIdentity | null = null;
  private recognisedFlag = false;

  constructor(transport: CardTransport, options: CardSessionOptions) {
    this.reader = options.reader;
    this.channel = new ApduChannel(transport, {
      reader: options.reader,
      timeoutMs: options.exchangeTimeoutMs,
      trace: options.trace,
    });
  }

  /** Creates and starts a session (see start()). */
  static async open(transport: CardTransport, options: CardSessionOptions): Promise<CardSession> {
    const session = new CardSession(transport, options);
    await session.start();
    return session;
  }

  /**
   * Recognises the card (JPKI AID + token label, never the ATR alone: docs/card.md) and reads its
   * identity from the common application, which stays selected afterwards. 6 APDUs.
   */
  async start(): Promise<void> {
    await this.recognise();
    this.identityRead = await this.readIdentity();
  }

  get atr(): Bytes {
    return this.channel.atr;
  }

  /** True once the card answered as a My Number Card: from then on, silence means tampering. */
  get recognised(): boolean {
    return this.recognisedFlag;
  }

  get identity(): CardIdentity {
    if (!this.identityRead) throw new Error('session not opened');
    return this.identityRead;
  }

  /** The serial the operation is bound to. */
  get serial(): CardSerial {
    return this.identity.serial;
  }

  async send(cmd: CommandApdu): Promise<ResponseApdu> {
    const res = await this.channel.send(cmd);
    if (cmd.ins === INS_SELECT && cmd.p1 === 0x04) {
      this.selectedAid = res.sw === SW.OK && cmd.data ? aidKey(cmd.data) : null;
    }
    return res;
  }

  async exchange(cmd: CommandApdu): Promise<Bytes> {
    const res = await this.send(cmd);
    if (res.sw !== SW.OK) throw new CardStatusError(res.sw, cmd.ins);
    return res.data;
  }

  /** Selects an application unless it is the one selected last in this session. */
  async selectApplication(aid: Bytes): Promise<void> {
    if (this.selectedAid === aidKey(aid)) return;
    await selectAid(this, aid);
  }

  /**
   * Re-reads the serial and throws CardChangedError if another card is in the reader. Call it
   * before any write. It leaves the common application selected.
   */
  async assertSameCard(): Promise<void> {
    const now = await readCardIdentity(this);
    if (now.serial !== this.serial) throw new CardChangedError(this.reader);
  }

  private async recognise(): Promise<void> {
    try {
      await selectJpki(this);
    } catch (e) {
      if (e instanceof CardStatusError) throw new NotMyNumberCardError(this.reader);
      throw e;
    }
    let label: string;
    try {
      label = await readTokenLabel(this);
    } catch (e) {
      // A terminated card still selects, then answers 6985 to everything else.
      if (isStatus(e, SW.CONDITIONS_NOT_SATISFIED)) throw new CardTerminatedError(this.reader);
      if (e instanceof CardStatusError) throw new NotMyNumberCardError(this.reader);
      throw e;
    }
    if (label !== MY_NUMBER_CARD_TOKEN_LABEL) throw new NotMyNumberCardError(this.reader);
    this.recognisedFlag = true;
  }

  private async readIdentity(): Promise<CardIdentity> {
    try {
      return await readCardIdentity(this);
    } catch (e) {
      if (isStatus(e, SW.CONDITIONS_NOT_SATISFIED)) throw new CardTerminatedError(this.reader);
      throw e;
    }
  }
}

function aidKey(aid: Bytes): string {
  return Array.from(aid).join(',');
}
