import { escapeLike, likeContains, likeStartsWith } from './like';

describe('LIKE patterns from user text', () => {
  it('escapes the wildcards and the escape character, and nothing else', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
    expect(escapeLike('KU.01 Hal')).toBe('KU.01 Hal');
    expect(likeContains('_')).toBe('%\\_%');
    expect(likeStartsWith('%')).toBe('\\%%');
  });
});
