"""The Musrenbang Kota/Kabupaten's own services (Bappeda's forum, the last of the cycle).

Everything a forum of any level does (schedule, agenda, participants, attendance,
keterwakilan, signatories, signing) is the engine's (apps.musyawarah); this package holds
what only the kota does: pulling what the signed kecamatan forums agreed (their priority
usulan, delegation and camat) by reference, and the forum's decision on each usulan per
perangkat daerah — agreed, moved to another perangkat daerah, or not agreed.
"""
