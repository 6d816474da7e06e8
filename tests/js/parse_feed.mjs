// Parse one iCalendar feed with Mozilla's ical.js (the parser inside Thunderbird) and print what a
// client sees as JSON: calendar properties and, per event, its text and its instants in UTC.
// Usage: node parse_feed.mjs < feed.ics
// Every VTIMEZONE of the feed is registered before any time is read, as Thunderbird does; a TZID
// without a VTIMEZONE would otherwise be read as floating time.
import ICAL from "ical.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const text = Buffer.concat(chunks).toString("utf8");

const calendar = new ICAL.Component(ICAL.parse(text));
const timezones = calendar.getAllSubcomponents("vtimezone").map((vtimezone) => {
  const zone = new ICAL.Timezone(vtimezone);
  ICAL.TimezoneService.register(zone, zone.tzid);
  return zone.tzid;
});

const prop = (component, name) => {
  const property = component.getFirstProperty(name);
  if (!property) return null;
  const value = property.getFirstValue();
  return value && typeof value === "object" ? value.toString() : value;
};
const utc = (time) => (time ? time.toJSDate().toISOString().replace(".000Z", "Z") : null);

const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
  const event = new ICAL.Event(vevent);
  const start = vevent.getFirstProperty("dtstart");
  return {
    uid: event.uid,
    sequence: event.sequence,
    summary: event.summary,
    location: event.location,
    description: event.description,
    url: prop(vevent, "url"),
    status: prop(vevent, "status"),
    categories: vevent.getAllProperties("categories").flatMap((p) => p.getValues()),
    start_tzid: start ? start.getParameter("tzid") : null,
    start_zone: event.startDate ? event.startDate.zone.tzid : null,
    start: utc(event.startDate),
    end: utc(event.endDate),
    dtstamp: utc(vevent.getFirstPropertyValue("dtstamp")),
    created: utc(vevent.getFirstPropertyValue("created")),
    last_modified: utc(vevent.getFirstPropertyValue("last-modified")),
    alarms: vevent.getAllSubcomponents("valarm").map((valarm) => ({
      action: prop(valarm, "action"),
      description: prop(valarm, "description"),
      trigger: prop(valarm, "trigger"),
      trigger_type: valarm.getFirstProperty("trigger") ? valarm.getFirstProperty("trigger").type : null,
    })),
  };
});

const refresh = calendar.getFirstProperty("refresh-interval");
process.stdout.write(
  JSON.stringify({
    prodid: prop(calendar, "prodid"),
    version: prop(calendar, "version"),
    method: prop(calendar, "method"),
    name: prop(calendar, "name"),
    x_wr_calname: prop(calendar, "x-wr-calname"),
    x_wr_timezone: prop(calendar, "x-wr-timezone"),
    refresh_interval: refresh ? refresh.getFirstValue().toString() : null,
    refresh_interval_type: refresh ? refresh.type : null,
    timezones,
    events,
  }),
);
