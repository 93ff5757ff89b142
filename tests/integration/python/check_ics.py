"""Reads iCalendar files with the `icalendar` package and prints what the Rust test checks.

Usage: check_ics.py FILE...  Prints one JSON object: {file: [event, ...]}, each event with its
uid, dtstart (ISO date), dtend, summary, url, location and description. Fails (exit 1) on a
file that does not parse, a VCALENDAR without VERSION or PRODID, or an event without UID,
DTSTAMP, DTSTART, SUMMARY or URL.
"""

import datetime
import json
import sys

import icalendar


def main(paths):
    result = {}
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        calendar = icalendar.Calendar.from_ical(data)
        for key in ("VERSION", "PRODID"):
            if key not in calendar:
                sys.exit(f"{path}: no {key}")
        events = []
        for event in calendar.walk("VEVENT"):
            for key in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "URL"):
                if key not in event:
                    sys.exit(f"{path}: an event without {key}")
            start = event.decoded("DTSTART")
            end = event.decoded("DTEND")
            if isinstance(start, datetime.datetime) or not isinstance(start, datetime.date):
                sys.exit(f"{path}: {event['UID']} is not an all-day event")
            events.append(
                {
                    "uid": str(event["UID"]),
                    "dtstart": start.isoformat(),
                    "dtend": end.isoformat(),
                    "summary": str(event["SUMMARY"]),
                    "url": str(event["URL"]),
                    "location": str(event.get("LOCATION", "")),
                    "description": str(event.get("DESCRIPTION", "")),
                }
            )
        result[path] = {"name": str(calendar.get("NAME", "")), "events": events}
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
