/**
 * User text inside a LIKE pattern: `%`, `_` and the escape character `\` match themselves
 * (MariaDB's default LIKE escape is `\`). Without this a search for "_" or "%" matches every row.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `%text%`: rows containing the text. */
export const likeContains = (text: string): string => `%${escapeLike(text)}%`;

/** `text%`: rows starting with the text. */
export const likeStartsWith = (text: string): string => `${escapeLike(text)}%`;
