// Reads an iCalendar text on stdin with ical.js, as calendar apps built on it do, and prints
// one JSON line: for each VEVENT its UID, its start as a UTC instant, and that instant on the
// wall clock of the zone given as argument (ical.js computes the instant from the file's own
// VTIMEZONE; the wall clock comes from Node's time zone database).
import fs from "node:fs";
import ICAL from "ical.js";

const zone = process.argv[2] || "Europe/Paris";
const wallClock = new Intl.DateTimeFormat("sv-SE", {
  timeZone: zone,
  year: "numeric", month: "2-digit", day: "2-digit",
  hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23",
});
const calendar = new ICAL.Component(ICAL.parse(fs.readFileSync(0, "utf8")));
const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
  const instant = vevent.getFirstPropertyValue("dtstart").toJSDate();
  return {
    uid: vevent.getFirstPropertyValue("uid"),
    utc: instant.toISOString().replace(".000Z", "Z"),
    local: wallClock.format(instant).replace(" ", "T"),
  };
});
process.stdout.write(JSON.stringify(events) + "\n");
