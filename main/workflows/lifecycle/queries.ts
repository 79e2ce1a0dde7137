// Finding cards and residents for the card's later life, and the resident's page (history).
// TODO(issue 5, lifecycle-records helper): implement. Until then every call is refused.
import type {
  CardLookupDto,
  ResidentHistoryDto,
} from '../../../preload/contract/lifecycle';
import type { Db } from '../../db/connection';
import { WorkflowRefusal } from '../refusal';

export interface LifeQueryDeps {
  db(): Db;
  now(): Date;
  operatorId(): number;
}

export function createLifeQueries(_deps: LifeQueryDeps) {
  return {
    async findBySerial(_serial: string): Promise<CardLookupDto> {
      throw new WorkflowRefusal('step-not-allowed', 'find-by-serial');
    },
    async search(_name: string, _birthDate: string): Promise<CardLookupDto[]> {
      throw new WorkflowRefusal('step-not-allowed', 'search');
    },
    async history(_residentId: number): Promise<ResidentHistoryDto> {
      throw new WorkflowRefusal('step-not-allowed', 'history');
    },
  };
}
