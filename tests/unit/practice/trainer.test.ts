// The trainer's simulator state: which card is in the reader, the one taken out, the authority fault.
import { describe, expect, it } from 'vitest';
import type { AuditDetails } from '../../../main/audit/operator-audit';
import type { SimCardPort } from '../../../main/card/sim/sim-card-port';
import { SimReader } from '../../../main/card/sim/sim-reader';
import { createTrainer, type TrainerCards } from '../../../main/practice/trainer';
import { WorkflowRefusal } from '../../../main/workflows/refusal';
import { createTinyCard } from '../../integration/support/tiny-card';

const APPLICATIONS = [{ noticeNumber: 'N-0001', residentName: '見本 花子' }];

function setup() {
  const reader = new SimReader();
  const audits: [string, AuditDetails | undefined][] = [];
  const loaded: SimCardPort[] = [];
  const load = () => {
    const card = createTinyCard();
    loaded.push(card);
    return card;
  };
  const cards: TrainerCards = {
    presets: async () => [
      { id: 'adult', label: '成人' },
      { id: 'child', label: '子ども' },
    ],
    loadPreset: async () => load(),
    loadApplicationCard: async (noticeNumber) => {
      if (noticeNumber !== 'N-0001') throw new WorkflowRefusal('application-not-ready');
      return load();
    },
    applicationCards: async () => APPLICATIONS,
  };
  const trainer = createTrainer({
    reader,
    cards,
    audit: async (action, details) => void audits.push([action, details]),
  });
  return { reader, trainer, audits, loaded };
}

describe('trainer', () => {
  it('starts with an empty reader and the authority online', async () => {
    const { trainer } = setup();
    expect(await trainer.state()).toEqual({
      presets: [
        { id: 'adult', label: '成人' },
        { id: 'child', label: '子ども' },
      ],
      reader: 'Madoguchi Simulated Reader 0',
      inserted: null,
      removed: null,
      applicationCards: APPLICATIONS,
      authorityOffline: false,
      facePhotos: false,
      practiceClock: null,
    });
    expect(trainer.authorityOffline()).toBe(false);
  });

  it('inserts a preset card and audits it; an unknown preset is refused and nothing moves', async () => {
    const { reader, trainer, audits, loaded } = setup();
    expect(await trainer.insertPreset('robot')).toEqual({
      ok: false,
      error: { code: 'validation', detail: 'preset' },
    });
    expect(reader.current()).toBeNull();
    expect(audits).toEqual([]);

    const inserted = await trainer.insertPreset('adult');
    expect(inserted.ok && inserted.value.inserted).toBe('adult');
    expect(reader.current()).toBe(loaded[0]);
    expect(audits).toEqual([['practice.card-inserted', { preset: 'adult' }]]);
  });

  it('takes the card out and puts the same card back, once', async () => {
    const { reader, trainer, audits, loaded } = setup();
    await trainer.insertPreset('adult');
    const out = await trainer.remove();
    expect(out).toMatchObject({ inserted: null, removed: 'adult' });
    expect(reader.current()).toBeNull();

    const back = await trainer.reinsert();
    expect(back.ok && back.value).toMatchObject({ inserted: 'adult', removed: null });
    // The very card, with whatever was written to it: not a fresh copy of the preset.
    expect(reader.current()).toBe(loaded[0]);
    expect(loaded).toHaveLength(1);
    expect(audits.at(-1)).toEqual(['practice.card-reinserted', {}]);

    expect(await trainer.reinsert()).toEqual({ ok: false, error: { code: 'no-card' } });
  });

  it('keeps the card taken out when the reader was already empty', async () => {
    const { trainer } = setup();
    await trainer.insertPreset('child');
    await trainer.remove();
    expect(await trainer.remove()).toMatchObject({ removed: 'child' });
  });

  it('a new card in the reader forgets the one taken out', async () => {
    const { trainer } = setup();
    await trainer.insertPreset('adult');
    await trainer.remove();
    expect(await trainer.insertPreset('child')).toMatchObject({
      ok: true,
      value: { inserted: 'child', removed: null },
    });
    expect(await trainer.reinsert()).toEqual({ ok: false, error: { code: 'no-card' } });
  });

  it('a card pulled out by other means is no longer the inserted one', async () => {
    const { reader, trainer } = setup();
    await trainer.insertPreset('adult');
    reader.remove();
    expect(await trainer.state()).toMatchObject({ inserted: null, removed: null });
  });

  it('a card it did not insert comes back unnamed', async () => {
    const { reader, trainer } = setup();
    const card = createTinyCard();
    reader.insert(card);
    expect(await trainer.remove()).toMatchObject({ inserted: null, removed: '' });
    const back = await trainer.reinsert();
    expect(back.ok && back.value.inserted).toBeNull();
    expect(reader.current()).toBe(card);
  });

  it('inserts an application card by its notice number; a refusal leaves the reader as it was', async () => {
    const { reader, trainer, audits, loaded } = setup();
    await trainer.insertPreset('adult');
    await expect(trainer.insertApplicationCard('N-9999')).rejects.toBeInstanceOf(WorkflowRefusal);
    expect(reader.current()).toBe(loaded[0]);

    await trainer.remove();
    const state = await trainer.insertApplicationCard('N-0001');
    expect(state).toMatchObject({ inserted: 'N-0001', removed: null });
    expect(reader.current()).toBe(loaded[1]);
    expect(audits.at(-1)).toEqual(['practice.card-inserted', { notice: 'N-0001' }]);
  });

  it('the authority fault is set, audited, and cleared when the practice starts over', async () => {
    const { trainer, audits } = setup();
    expect(await trainer.setAuthorityOffline(true)).toMatchObject({ authorityOffline: true });
    expect(trainer.authorityOffline()).toBe(true);
    expect(audits).toEqual([['practice.authority-offline', { offline: true }]]);
    trainer.clearFaults();
    expect(trainer.authorityOffline()).toBe(false);
    expect(await trainer.state()).toMatchObject({ authorityOffline: false });
  });
});
