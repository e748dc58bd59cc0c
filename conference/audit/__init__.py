"""The audit log: who changed what, with before/after (`AuditEntry`); capabilities write it through
`conference.core.changes`, which calls `services.record`."""
