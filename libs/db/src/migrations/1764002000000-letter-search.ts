import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search across letters (issue 12, item 5; libs/correspondence/src/search).
 *  - `ft_letters_text (subject, number, body, external_sender)`: the letter's own text, asked for
 *    the matches below the newest letters a search examines directly. National (one row per
 *    letter, not per position: a body copied per office would cost ~500× its size for a
 *    circular); the caller's access is checked on each candidate.
 *  - `ft_letter_recipients_name (external_name)`: external addressees by name.
 * Built without the stopword list (`innodb_ft_enable_stopword` is read when an index is created),
 * so "und" (Undangan) or "the" in an English title is indexed like any word.
 * Cost: adding a FULLTEXT index to `letters` rebuilds it (FTS_DOC_ID): ~2 s for 50,000 letters here.
 */
export class LetterSearch1764002000000 implements MigrationInterface {
  name = 'LetterSearch1764002000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('SET SESSION innodb_ft_enable_stopword = 0');
    await q.query('ALTER TABLE letters ADD FULLTEXT KEY ft_letters_text (subject, number, body, external_sender)');
    await q.query('ALTER TABLE letter_recipients ADD FULLTEXT KEY ft_letter_recipients_name (external_name)');
    await q.query('SET SESSION innodb_ft_enable_stopword = 1');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE letter_recipients DROP KEY ft_letter_recipients_name');
    await q.query('ALTER TABLE letters DROP KEY ft_letters_text');
  }
}
