export * from './letter-search.service';
export { SEARCH_BOXES, letterFilterSql, officeNameQuery } from './search-query';
export type { LetterSearchFilters, SearchBox } from './search-query';
