"""Duty records (履职档案): per member and year, the sittings invited to, attendance, opinions given and taken into
the minutes; the yearly duty report (履职情况通报) with the absence rules, its downloads, charts and the command."""
