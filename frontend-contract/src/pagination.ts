// Pagination helpers for the contract's Relay connections.

/**
 * The type of a connection's nodes: `NodeOf<ActionPlanByAgencyQuery['actionItems']>`
 * is the type of one action item of that screen.
 */
export type NodeOf<Connection> = Connection extends { readonly edges?: ReadonlyArray<infer Edge> | null | undefined }
  ? NonNullable<Edge> extends { readonly node?: infer Node } ? NonNullable<Node> : never
  : never;

/** What the helpers read of a page: its pageInfo (PageInfoFields) and edges. */
export interface Page {
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor?: string | null | undefined };
  readonly edges?: ReadonlyArray<{ readonly node?: unknown } | null | undefined> | null | undefined;
}

/**
 * The pages of a connection, forwards: fetchPage is called with null, then
 * with each page's endCursor while it has a next page; it returns the
 * connection (null when its parent is gone, which ends the iteration).
 *
 *   for await (const page of pages((after) =>
 *     client.request(OverdueItemsDocument, { on, first: 100, after }).then((r) => r.actionItems))) { … }
 */
export async function* pages<Connection extends Page>(
  fetchPage: (after: string | null) => Promise<Connection | null | undefined>,
): AsyncGenerator<Connection, void, undefined> {
  let after: string | null = null;
  for (;;) {
    const page: Connection | null | undefined = await fetchPage(after);
    if (!page) return;
    yield page;
    const { hasNextPage, endCursor } = page.pageInfo;
    if (!hasNextPage || !endCursor) return;
    after = endCursor;
  }
}

/** The nodes of a connection, page after page (see pages). */
export async function* nodes<Connection extends Page>(
  fetchPage: (after: string | null) => Promise<Connection | null | undefined>,
): AsyncGenerator<NodeOf<Connection>, void, undefined> {
  for await (const page of pages(fetchPage)) {
    for (const edge of page.edges ?? []) {
      if (edge?.node != null) yield edge.node as NodeOf<Connection>;
    }
  }
}
