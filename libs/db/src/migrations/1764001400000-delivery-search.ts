import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inbox text search reaches every delivery (issue 11, item 21). `search_words` holds every word of
 * what the inbox searches (subject, number, sender name), each prefixed with the delivery's
 * position: "Undangan rapat RI" for position 152 is `p152_Undangan p152_rapat p152_RI`. A FULLTEXT
 * index over it is a per-position inverted index: `+p152_rapat*` reads only position 152's
 * deliveries with a word starting with "rapat", never other positions' matches, and every word
 * is indexable (`p152_RI` is longer than innodb_ft_min_token_size; no word is a stopword).
 * Generated (STORED) from the row, so no writer maintains it; no regular-expression back
 * reference, so the expression means the same in MariaDB (PCRE) and MySQL 8 (ICU).
 * Cost: about 180 bytes a delivery (bench data); adding it rebuilds the table (~1 minute for
 * 1,000,000 deliveries here, plus ~20 s for the index).
 */
export class DeliverySearch1764001400000 implements MigrationInterface {
  name = 'DeliverySearch1764001400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE deliveries ADD COLUMN search_words TEXT AS (CONCAT('p', position_id, '_',
         REGEXP_REPLACE(CONCAT_WS(' ', subject, number, sender_name), '[^\\\\p{L}\\\\p{N}_]+', CONCAT(' p', position_id, '_')))) STORED,
       ADD FULLTEXT KEY ft_deliveries_search (search_words)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE deliveries DROP KEY ft_deliveries_search, DROP COLUMN search_words');
  }
}
