// Starts GraphiQL on /graphql. Headers (an Authorization token, say) are kept
// for this page only, never in localStorage, where any script of the origin
// could read them later. The API has no subscriptions: the fetcher is given
// no WebSocket URL. The first tab says where the token goes.
const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
const defaultQuery = `# Palabre's GraphQL API, development server.
#
# Without a token you are the public: you read adopted strategies only.
# To act as an account, open "Headers" below and write
#   {"Authorization": "Bearer plb_…"}
# with a token \`make run\` printed (one per demo account). Headers stay on
# this page only: they are not saved, so a reload forgets the token.

query WhoAmI {
  viewer { name role agency { acronym } }
  strategies(first: 5) { totalCount edges { node { id title status } } }
}
`;
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultQuery,
    defaultEditorToolsVisibility: 'headers',
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
  }),
);
