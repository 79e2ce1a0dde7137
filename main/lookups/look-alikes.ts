// Who this resident can be taken for at the counter: namesakes born the same day, and a household
// applying together (rules/look-alikes.ts); read by the find step, the 交付's start and its face
// check.
import {
  atTheCounter,
  householdTogether,
  type LookAlikeDto,
} from '../../preload/contract/rules/look-alikes';
import type { Queryable } from '../db/connection';
import { listApplicationsOfResident } from '../db/repositories/applications';
import { listProceduresOfResident } from '../db/repositories/journal';
import {
  findHouseholdApplications,
  findNamesakes,
  getResident,
} from '../db/repositories/residents';
import { japanDayBounds } from '../reports/daily';

const JST_MS = 9 * 3600_000;

function todayOf(now: Date): { start: string; end: string } {
  return japanDayBounds(new Date(now.getTime() + JST_MS).toISOString().slice(0, 10));
}

export async function lookAlikesOf(
  q: Queryable,
  residentId: number,
  now: Date,
): Promise<LookAlikeDto[]> {
  const resident = await getResident(q, residentId);
  const today = todayOf(now);
  const isToday = (at: string) => at >= today.start && at < today.end;
  const out: LookAlikeDto[] = [];
  for (const other of await findNamesakes(q, resident)) {
    const apps = await listApplicationsOfResident(q, other.id);
    const atStake = apps.filter((a) => atTheCounter(a, today)).at(-1) ?? apps.at(-1);
    out.push({
      reason: 'same-name',
      residentId: other.id,
      kanjiName: other.kanjiName,
      kanaName: other.kanaName,
      birthDate: other.birthDate,
      noticeNumber: atStake?.noticeNumber ?? null,
    });
  }
  // A household counts only when this resident's own application is at the counter too.
  const own = (await listApplicationsOfResident(q, residentId)).filter((a) =>
    atTheCounter(a, today),
  );
  if (own.length === 0) return out;
  const seen = new Set(out.map((o) => o.residentId));
  for (const h of await findHouseholdApplications(q, resident)) {
    if (seen.has(h.resident.id) || !atTheCounter(h, today)) continue;
    const handledToday = (await listProceduresOfResident(q, h.resident.id)).some(
      (p) => p.applicationId === h.applicationId && isToday(p.startedAt),
    );
    if (!own.some((a) => householdTogether(a, { createdAt: h.createdAt, handledToday }))) continue;
    seen.add(h.resident.id);
    out.push({
      reason: 'same-household',
      residentId: h.resident.id,
      kanjiName: h.resident.kanjiName,
      kanaName: h.resident.kanaName,
      birthDate: h.resident.birthDate,
      noticeNumber: h.noticeNumber,
    });
  }
  return out;
}
