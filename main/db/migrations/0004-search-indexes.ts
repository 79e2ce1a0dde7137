// Migration 4: searching by kanji surname stays fast at a million residents (bench:db).
import type { Migration } from './migration';

export const migration0004: Migration = {
  version: 4,
  name: 'search-indexes',
  postgres: `
      CREATE INDEX residents_kanji_kana ON residents (kanji_key, kana_key);
    `,
  async up(tx) {
    // With kana_key in the index, a page of the most common surnames is ordered from the index
    // alone (the repository pages ids first, then reads only those rows).
    await tx.exec('CREATE INDEX residents_kanji_kana ON residents (kanji_key, kana_key);');
  },
};
