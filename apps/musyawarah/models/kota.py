"""What only the Musrenbang Kota/Kabupaten has: the stakeholder elements of Bappeda's forum.

No table of its own: the kota forum is a Musyawarah like any other (tied to its daerah),
its participants are Peserta (with the kecamatan they come from), and its decision on
each usulan is a Pembahasan.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ElemenKota(models.TextChoices):
    """The stakeholder elements of the kota forum: the kecamatan delegations and camat
    coming up from the kecamatan forums, and those Bappeda invites itself (perangkat
    daerah heads, DPRD, ...). One representative of each element present signs."""

    PEMERINTAH_DAERAH = "pemerintah_daerah", _("Pemerintah daerah/Bappeda")
    CAMAT = "camat", _("Camat")
    DELEGASI = "delegasi_kecamatan", _("Delegasi kecamatan")
    PERANGKAT_DAERAH = "perangkat_daerah", _("Perangkat daerah")
    DPRD = "dprd", _("DPRD")
    TOKOH = "tokoh", _("Tokoh masyarakat/LSM")
    SWASTA = "swasta", _("Swasta/dunia usaha")
    AHLI = "ahli", _("Akademisi/ahli")
    RENTAN = "rentan", _("Perempuan, anak dan kelompok rentan")
