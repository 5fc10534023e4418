"""The Musrenbang Kecamatan's own services (second seed document, sections 3–5).

Everything a forum of any level does (schedule, agenda, participants, attendance,
keterwakilan, signatories, signing) is the engine's (apps.musyawarah); this package holds
what only the kecamatan does: pulling the signed desa results by reference, the sidang
kelompok with verification, corrections and merges, the kecamatan's own usulan, the
public registration, the Pleno II, and sending the copies.
"""
