"""The agenda's pages: public (agenda, session, changes), manage (rooms, tracks, sessions), builder (the
timetable and the JSON it sends), publishing (what would change, and the button)."""
