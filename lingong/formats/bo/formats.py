"""Tibetan date and number formats (Django ships none for bo).

Dates read as "2026 ལོའི་ཟླ་ 11 ཚེས་ 23", the way Lhasa calendars and
notices write the Gregorian date.
"""

DATE_FORMAT = "Y ལོའི་ཟླ་ n ཚེས་ j"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y ལོའི་ཟླ་ n ཚེས་ j H:i"
YEAR_MONTH_FORMAT = "Y ལོའི་ཟླ་ n"
MONTH_DAY_FORMAT = "ཟླ་ n ཚེས་ j"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
