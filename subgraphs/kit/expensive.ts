import type { RequestWork } from '../../platform/overload';
import type { Connection } from '../../storage/pagination';

/**
 * Which reads of a page take the request's slot of expensive work (platform/overload.ts): a search
 * by text (its `$regex` runs over every record that has the text's bigrams) and counting the page's
 * matches (`totalCount`, which reads every match). A page on the indexed fields alone does not.
 */
export async function boundedPage<T>(work: RequestWork, text: string | null | undefined, read: () => Promise<Connection<T>>): Promise<Connection<T>> {
  if (text?.trim()) work.admitExpensive();
  const connection = await read();
  return {
    ...connection,
    totalCount: () => {
      work.admitExpensive();
      return connection.totalCount();
    },
  };
}
