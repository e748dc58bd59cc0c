"""The organiser's setup of registration: ticket types, custom questions and the registration settings."""
