// Discovers a person's calendars and address books from the server root with tsdav, as a web
// or Node application would: node tsdav_collections.cjs ROOT_URL USER PASSWORD
// Prints {"calendars": [...], "addressBooks": [...]}, each {url, displayName}.
const path = require("node:path");
const { createDAVClient } = require(path.join(__dirname, "..", "..", "node_modules", "tsdav"));

async function collections(serverUrl, username, password, accountType) {
  const client = await createDAVClient({
    serverUrl,
    credentials: { username, password },
    authMethod: "Basic",
    defaultAccountType: accountType,
  });
  const found =
    accountType === "caldav" ? await client.fetchCalendars() : await client.fetchAddressBooks();
  return found.map((c) => ({ url: c.url, displayName: c.displayName }));
}

(async () => {
  const [serverUrl, username, password] = process.argv.slice(2);
  const calendars = await collections(serverUrl, username, password, "caldav");
  const addressBooks = await collections(serverUrl, username, password, "carddav");
  console.log(JSON.stringify({ calendars, addressBooks }));
})().catch((error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});
