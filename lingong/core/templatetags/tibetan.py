"""Template filters for Tibetan particles: `{% load tibetan %}` then `{{ station_bo|bo_genitive }}`.

Each filter returns the word without its trailing shad, joined to the particle that its last letter takes
(lingong/core/tibetan.py). Autoescaping applies as to any string.
"""

from django import template

from lingong.core import tibetan

register = template.Library()

register.filter("bo_bare", tibetan.bo_bare)
register.filter("bo_genitive", tibetan.bo_genitive)
register.filter("bo_instrumental", tibetan.bo_instrumental)
register.filter("bo_ladon", tibetan.bo_ladon)
register.filter("bo_also", tibetan.bo_also)
register.filter("bo_te", tibetan.bo_te)
register.filter("bo_quote", tibetan.bo_quote)
