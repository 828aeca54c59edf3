// What an integrator writes with @hey-api/openapi-ts, generated with its defaults from
// docs/openapi.yaml (tests/clients/run.py generates, type-checks with `tsc --strict`, and
// runs this against a server with the bundled dataset). The token goes through the
// client's `auth` option, which places it as the schema's security scheme says.
// Prints one JSON line of what it saw; exits non-zero on anything unexpected.
import { client } from "./generated/client.gen";
import {
  authTokenCreate,
  changesList,
  pledgesCreate,
  pledgesList,
  pledgesPartialUpdate,
} from "./generated/sdk.gen";
import type { Pledge } from "./generated/types.gen";

const base = process.env.API_URL ?? "http://127.0.0.1:8000";
const username = process.env.API_USERNAME ?? "";
const password = process.env.API_PASSWORD ?? "";

function check(condition: boolean, what: string): asserts condition {
  if (!condition) {
    throw new Error(`unexpected: ${what}`);
  }
}

async function main(): Promise<void> {
  client.setConfig({ baseUrl: base });

  // A filtered list: every row is Turkey's and of a kind asked for.
  const filtered = await pledgesList({ query: { actor: "TUR", kind: ["basing", "logistics"] } });
  check(filtered.data !== undefined, `filtered list answered ${filtered.response.status}`);
  const turkey = filtered.data.results;
  check(turkey.length > 0, "Turkey has pledges of those kinds");
  check(
    turkey.every((p) => p.actor === "TUR" && (p.kind === "basing" || p.kind === "logistics")),
    "the filter holds for every row",
  );

  // Every pledge, page by page (small pages, so that there are several).
  const seen = new Set<number>();
  let pages = 0;
  let cursor: string | undefined;
  let sample: Pledge | undefined;
  for (;;) {
    const page = await pledgesList({ query: { limit: 5, cursor } });
    check(page.data !== undefined, `page ${pages + 1} answered ${page.response.status}`);
    pages += 1;
    for (const pledge of page.data.results) {
      check(!seen.has(pledge.id), `pledge ${pledge.id} seen twice`);
      seen.add(pledge.id);
      if (sample === undefined && pledge.citations.length > 0) {
        sample = pledge;
      }
    }
    const next = page.data.next_cursor;
    if (next === null || next === undefined) {
      break;
    }
    cursor = next;
  }
  check(sample !== undefined, "some pledge has a citation");

  // Log in, and hand the token to the client.
  const login = await authTokenCreate({ body: { username, password } });
  check(login.data !== undefined, `login answered ${login.response.status}`);
  const token = login.data.token;
  client.setConfig({ auth: () => token });

  // A pledge with a citation (its quote is one the dataset already cites from that source).
  const cited = sample.citations[0];
  const created = await pledgesCreate({
    body: {
      actor: sample.actor,
      coalition: sample.coalition,
      kind: "training",
      status: "announced",
      description: "Written by the hey-api client check",
      citations: [{ source: cited.source.id, quote: cited.quote }],
    },
  });
  check(created.data !== undefined, `create answered ${created.response.status}`);
  const pledge = created.data;
  const firstEtag = created.response.headers.get("ETag");
  check(firstEtag !== null, "a created pledge has an ETag");

  // A 400: a quote the source does not say, reported on its field.
  const refused = await pledgesCreate({
    body: {
      actor: sample.actor,
      coalition: sample.coalition,
      kind: "training",
      status: "announced",
      description: "Never stored",
      citations: [{ source: cited.source.id, quote: "words this source never printed, anywhere" }],
    },
  });
  check(refused.response.status === 400, `a bad quote answered ${refused.response.status}`);
  check(refused.error !== undefined, "a 400 has an error body");
  const fields = refused.error.errors.map((e) => e.attr);
  check(fields.includes("citations.0.quote"), `the error names the quote: ${fields.join(",")}`);

  // A change with the current ETag, then a 412 for the stale one.
  const changed = await pledgesPartialUpdate({
    path: { id: pledge.id },
    headers: { "If-Match": firstEtag },
    body: { description: "Changed by the hey-api client check" },
  });
  check(changed.data !== undefined, `the change answered ${changed.response.status}`);
  const stale = await pledgesPartialUpdate({
    path: { id: pledge.id },
    headers: { "If-Match": firstEtag },
    body: { description: "A lost update" },
  });
  check(stale.response.status === 412, `a stale If-Match answered ${stale.response.status}`);

  // The change feed: the pledge's creation and update are in it.
  const actions: string[] = [];
  let since: string | undefined;
  for (;;) {
    const feed = await changesList({ query: { type: ["pledge"], limit: 1000, since } });
    check(feed.data !== undefined, `the change feed answered ${feed.response.status}`);
    for (const change of feed.data.results) {
      if (change.id === pledge.id) {
        actions.push(change.action);
      }
    }
    if (feed.data.next === null) {
      break;
    }
    since = feed.data.cursor ?? undefined;
  }
  check(actions.join(",") === "create,update", `the feed shows ${actions.join(",")}`);

  console.log(
    JSON.stringify({
      client: "hey-api",
      filtered: turkey.length,
      listed: seen.size,
      pages,
      created: pledge.id,
      refused: refused.response.status,
      stale: stale.response.status,
      feed: actions,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
