"""Notices to a sitting's invitees (e-mail with a calendar file, SMS), sent through an outbox by a worker."""
