"""Lingong (零工): the digital gig labour market of Chengguan district, Lhasa."""
