// Parse many iCalendar feeds with Mozilla's ical.js in one run (the property tests gather them): reads a JSON
// array of feed texts on stdin, prints a JSON array of {events} or {error} in the same order.
// Usage: node parse_feeds.mjs < feeds.json
import ICAL from "ical.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const feeds = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const results = feeds.map((text) => {
  try {
    const calendar = new ICAL.Component(ICAL.parse(text));
    for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
      const zone = new ICAL.Timezone(vtimezone);
      ICAL.TimezoneService.register(zone, zone.tzid);
    }
    const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
      const event = new ICAL.Event(vevent);
      if (!event.uid || !event.startDate) throw new Error("an event without UID or DTSTART");
      return { summary: event.summary, start: event.startDate.toJSDate().toISOString() };
    });
    return { events: events.length };
  } catch (error) {
    return { error: String(error) };
  }
});
process.stdout.write(JSON.stringify(results));
