"""The organisers' exports of the registrations list: CSV (streamed) and XLSX, with the list's filters."""
