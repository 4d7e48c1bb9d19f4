import { Button } from 'antd';

/** The next page of a keyset list, one wording everywhere: shown only while the list has more. */
export function LoadMore({ q }: { q: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown } }) {
  if (!q.hasNextPage) return null;
  return (
    <div style={{ textAlign: 'center', marginTop: 16 }}>
      <Button onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
        Muat lebih banyak
      </Button>
    </div>
  );
}
