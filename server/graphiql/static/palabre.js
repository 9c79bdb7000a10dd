// Starts GraphiQL on /graphql. Headers (an Authorization token, say) are kept
// for this page only, never in localStorage, where any script of the origin
// could read them later.
const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, {
    fetcher,
    shouldPersistHeaders: false,
  }),
);
