"""The feeds' endpoints: ical (iCalendar feeds, the personal feed's address), frab (schedule.xml/json),
api (the JSON API under /api/v1/)."""
