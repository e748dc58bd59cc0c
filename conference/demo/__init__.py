"""Demo content: `flask seed-demo` builds the APLC Founding Assembly (from the welcome messages of the
Alliance for Asia-Pacific Learning Cities), an upcoming APLC forum dated from today, and demo log-ins.

`seed.py` is the builder (`seed_demo(today)`); `assembly.py`, `assembly_agenda.py`, `forum.py` and
`welcome_messages.py` hold the content as plain data; `cli.py` is the command.
"""
