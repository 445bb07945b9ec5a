"""Tibetan date and number formats (Django ships none for bo).

Dates read as "2026 ལོའི་ཟླ་ 11 ཚེས་ 23", the way Lhasa calendars and
notices write the Gregorian date. One style for every date, long or short
(as Django's Chinese formats write 2026年11月23日 for both); the month and
weekday names, where a template asks for them, come from the Django catalogue
in lingong/locale_django (docs/translation.md, "Dates and numbers").
"""

DATE_FORMAT = "Y ལོའི་ཟླ་ n ཚེས་ j"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y ལོའི་ཟླ་ n ཚེས་ j H:i"
YEAR_MONTH_FORMAT = "Y ལོའི་ཟླ་ n"
MONTH_DAY_FORMAT = "ཟླ་ n ཚེས་ j"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
FIRST_DAY_OF_WEEK = 1  # Monday
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
