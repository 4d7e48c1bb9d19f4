import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The content model of a letter (issue 12 item 8, issue 14 item 2; libs/correspondence/src/letters/letter-content.ts):
 *  - `body_doc`: the body as a validated Tiptap/ProseMirror subset. NULL for letters written before
 *    it (and for clients that send only the plain `body`): the document is then derived from `body`
 *    when read (paragraphs split on blank lines). When set, `body` holds its plain text (for search
 *    through `ft_letters_text` and for old readers).
 *  - `type_fields`: the typed fields of the letter's type (Und, ST, Kpt, BA, SKet) and the common
 *    ones (lampiran, closing, a.n./u.b.); NULL when none.
 * Both are kept on every revision (`letter_revisions`), so a revision diff covers them.
 * MariaDB's JSON is LONGTEXT with CHECK (JSON_VALID(...)); adding NULL columns is instant (no rebuild).
 */
export class LetterContent1764002100000 implements MigrationInterface {
  name = 'LetterContent1764002100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE letters ADD COLUMN body_doc JSON NULL, ADD COLUMN type_fields JSON NULL');
    await q.query('ALTER TABLE letter_revisions ADD COLUMN body_doc JSON NULL, ADD COLUMN type_fields JSON NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE letter_revisions DROP COLUMN type_fields, DROP COLUMN body_doc');
    await q.query('ALTER TABLE letters DROP COLUMN type_fields, DROP COLUMN body_doc');
  }
}
