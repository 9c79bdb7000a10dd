// PostGraphile v5 over the database Palabre uses, for the benchmark harness
// (../README.md). The harness starts it with:
//   DATABASE_URL   the same PostgreSQL database as Palabre (127.0.0.1 only)
//   SCHEMAS        the schemas to expose, comma-separated: Palabre's tables'
//                  schema, then the harness's schema of helper functions
//   PORT           where to listen, on 127.0.0.1
// It is a development tool of the harness, never part of Palabre.
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";

const url = new URL(process.env.DATABASE_URL);
if (url.hostname !== "127.0.0.1" && url.hostname !== "localhost") {
  throw new Error(`the benchmark's PostgreSQL must be on 127.0.0.1, not ${url.hostname}`);
}
const port = Number(process.env.PORT || 5678);

const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: (process.env.SCHEMAS || "public").split(","),
    }),
  ],
  grafserv: { port, host: "127.0.0.1", graphqlPath: "/graphql", watch: false, graphiql: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on("error", (e) => {
  console.error(e);
  process.exit(1);
});
serv.addTo(server).catch((e) => {
  console.error(e);
  process.exit(1);
});
server.listen(port, "127.0.0.1", () => console.error(`PostGraphile listening on http://127.0.0.1:${port}/graphql`));
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    pgl.release().finally(() => process.exit(0));
  });
}
