// The one channel map both sides share: request schema (zod, validated in main) and response type.
import { z } from 'zod';
import type { AppInfoDto, CardHealthDto, ReadersDto, SimStateDto } from './dto';

/** Reader names come from PC/SC; bounded so a hostile caller cannot send megabytes. */
const readerName = z.string().min(1).max(200);
const presetId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/);

const empty = z.strictObject({});

/**
 * Channel name -> request schema. Every schema is strict: unknown fields are a validation
 * error, not silently dropped, so a hostile payload never reaches a service half-read.
 */
export const requestSchemas = {
  'app:get-info': empty,
  'reader:list-readers': empty,
  'card:read-health': z.strictObject({ reader: readerName }),
  'sim:get-state': empty,
  'sim:insert-card': z.strictObject({ preset: presetId }),
  'sim:remove-card': empty,
} as const;

export type Channel = keyof typeof requestSchemas;
export type RequestOf<C extends Channel> = z.infer<(typeof requestSchemas)[C]>;

/** Channel name -> the value of a successful Result. */
export interface ResponseMap {
  'app:get-info': AppInfoDto;
  'reader:list-readers': ReadersDto;
  'card:read-health': CardHealthDto;
  'sim:get-state': SimStateDto;
  'sim:insert-card': SimStateDto;
  'sim:remove-card': SimStateDto;
}

export type ResponseOf<C extends Channel> = ResponseMap[C];

/** Events main sends to the renderer. Payloads are DTOs; never an IpcRendererEvent. */
export interface EventMap {
  'reader:changed': ReadersDto;
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = ['reader:changed'];

export const CHANNELS = Object.keys(requestSchemas) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requestSchemas, name);
}
