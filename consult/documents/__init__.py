"""Word documents of the committee (minutes, meeting notices, sign-in sheets), all laid out by `layout`."""
