"""The agenda: kept in time order and numbered 1..n, overlaps refused naming the other
item, items editable from their own page."""

import datetime

import pytest
from django.urls import reverse

from apps.core.exceptions import DomainError
from apps.musyawarah import persiapan
from apps.musyawarah.models import AgendaAcara
from tests.helpers import klien


def j(teks: str) -> datetime.time:
    return datetime.time.fromisoformat(teks)


def tambah(op, m, mulai, selesai, acara):
    return persiapan.agenda_simpan(
        user=op,
        musyawarah=m,
        data={
            "jam_mulai": j(mulai),
            "jam_selesai": j(selesai) if selesai else None,
            "acara": acara,
        },
    )


def agenda(m) -> list[tuple[int, str]]:
    return list(m.agenda.order_by("urutan").values_list("urutan", "acara"))


@pytest.fixture
def forum(operator_a, kelurahan_a, siklus):
    """A forum whose agenda is three items added out of time order."""
    m = persiapan.musyawarah_desa_buat(user=operator_a, kelurahan=kelurahan_a)
    m.agenda.all().delete()
    tambah(operator_a, m, "11:00", "12:00", "Penutupan")
    tambah(operator_a, m, "09:00", "10:00", "Pembukaan")
    tambah(operator_a, m, "10:30", "11:00", "Pembahasan")
    return m


def test_items_are_numbered_in_time_order_whatever_the_order_added(forum):
    assert agenda(forum) == [(1, "Pembukaan"), (2, "Pembahasan"), (3, "Penutupan")]


def test_an_item_added_between_two_takes_its_place(forum, operator_a):
    baru = tambah(operator_a, forum, "10:15", "10:30", "Rehat kopi")
    assert baru.urutan == 2
    assert agenda(forum) == [
        (1, "Pembukaan"),
        (2, "Rehat kopi"),
        (3, "Pembahasan"),
        (4, "Penutupan"),
    ]


@pytest.mark.parametrize(
    ("mulai", "selesai", "nama_lain", "waktu_lain"),
    [
        ("10:45", "11:15", "Pembahasan", "10.30–11.00"),  # starts inside another
        ("10:00", "10:45", "Pembahasan", "10.30–11.00"),  # ends inside another
        ("08:30", "12:30", "Pembukaan", "09.00–10.00"),  # covers them all
        ("09:15", None, "Pembukaan", "09.00–10.00"),  # a moment inside another
    ],
)
def test_an_overlap_is_refused_naming_the_other_item(
    forum, operator_a, mulai, selesai, nama_lain, waktu_lain
):
    sebelum = agenda(forum)
    with pytest.raises(DomainError) as e:
        tambah(operator_a, forum, mulai, selesai, "Bertumpuk")
    assert e.value.message == f"Waktunya bertumpuk dengan acara “{nama_lain}” ({waktu_lain})."
    assert agenda(forum) == sebelum


def test_touching_items_do_not_overlap(forum, operator_a):
    # 10.00–10.30 ends where "Pembahasan" starts and starts where "Pembukaan" ends.
    tambah(operator_a, forum, "10:00", "10:30", "Tanya jawab")
    assert [a for _n, a in agenda(forum)] == [
        "Pembukaan",
        "Tanya jawab",
        "Pembahasan",
        "Penutupan",
    ]


def test_an_item_without_end_at_the_start_of_another_is_refused(forum, operator_a):
    with pytest.raises(DomainError, match="“Pembahasan” \\(10.30–11.00\\)"):
        tambah(operator_a, forum, "10:30", None, "Foto bersama")
    # ...and two moments at the same time too.
    tambah(operator_a, forum, "12:00", None, "Foto bersama")
    with pytest.raises(DomainError, match="“Foto bersama” \\(12.00\\)"):
        tambah(operator_a, forum, "12:00", None, "Doa penutup")
    assert forum.agenda.count() == 4


def test_changing_an_items_time_moves_it_and_renumbers(forum, operator_a):
    penutupan = forum.agenda.get(acara="Penutupan")
    persiapan.agenda_simpan(
        user=operator_a,
        musyawarah=forum,
        acara=penutupan,
        data={"jam_mulai": j("08:00"), "jam_selesai": j("08:30"), "acara": "Registrasi"},
    )
    assert agenda(forum) == [(1, "Registrasi"), (2, "Pembukaan"), (3, "Pembahasan")]


def test_an_item_may_keep_its_own_time_when_edited(forum, operator_a):
    """Its own old time is not an overlap with itself."""
    pembukaan = forum.agenda.get(acara="Pembukaan")
    persiapan.agenda_simpan(
        user=operator_a,
        musyawarah=forum,
        acara=pembukaan,
        data={"jam_mulai": j("09:00"), "jam_selesai": j("10:00"), "dipandu": "Pemandu 1"},
    )
    assert forum.agenda.get(urutan=1).dipandu == "Pemandu 1"


def test_deleting_renumbers(forum, operator_a):
    persiapan.agenda_hapus(user=operator_a, acara=forum.agenda.get(acara="Pembukaan"))
    assert agenda(forum) == [(1, "Pembahasan"), (2, "Penutupan")]


def test_an_item_of_another_forum_cannot_be_edited_through_this_one(
    forum, operator_a, operator_b, kelurahan_b
):
    lain = persiapan.musyawarah_desa_buat(user=operator_b, kelurahan=kelurahan_b)
    acara = lain.agenda.first()
    with pytest.raises(DomainError, match="bukan dari musyawarah ini"):
        persiapan.agenda_simpan(
            user=operator_a, musyawarah=forum, acara=acara, data={"acara": "Dibajak"}
        )
    acara.refresh_from_db()
    assert acara.acara != "Dibajak"


def test_the_jadwal_page_adds_an_item_in_its_place(forum, operator_a):
    response = klien(operator_a).post(
        reverse("musyawarah:jadwal", args=[forum.pk]),
        {"bagian": "agenda", "jam_mulai": "10:15", "jam_selesai": "10:30", "acara": "Rehat"},
    )
    assert response.status_code == 302
    assert response.url.endswith("#agenda")
    assert agenda(forum)[1] == (2, "Rehat")


def test_the_edit_page_moves_an_item(forum, operator_a):
    client = klien(operator_a)
    penutupan = forum.agenda.get(acara="Penutupan")
    url = reverse("musyawarah:agenda_ubah", args=[forum.pk, penutupan.pk])
    html = client.get(url).content.decode()
    assert "Ubah acara nomor 3" in html and 'value="Penutupan"' in html and 'value="11:00"' in html
    response = client.post(
        url, {"jam_mulai": "08:00", "jam_selesai": "08:45", "acara": "Penutupan dipindah"}
    )
    assert response.status_code == 302
    assert agenda(forum)[0] == (1, "Penutupan dipindah")
    jadwal = client.get(reverse("musyawarah:jadwal", args=[forum.pk])).content.decode()
    assert jadwal.index("Penutupan dipindah") < jadwal.index("Pembukaan")


def test_the_edit_page_refuses_an_overlap_and_keeps_the_input(forum, operator_a):
    penutupan = forum.agenda.get(acara="Penutupan")
    response = klien(operator_a).post(
        reverse("musyawarah:agenda_ubah", args=[forum.pk, penutupan.pk]),
        {"jam_mulai": "09:30", "jam_selesai": "10:00", "acara": "Penutupan diubah"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Waktunya bertumpuk dengan acara “Pembukaan” (09.00–10.00)." in html
    assert 'value="Penutupan diubah"' in html
    penutupan.refresh_from_db()
    assert (penutupan.acara, penutupan.jam_mulai) == ("Penutupan", j("11:00"))


def test_an_item_of_another_forum_is_not_found_on_this_forums_edit_page(
    forum, operator_a, operator_b, kelurahan_b
):
    lain = persiapan.musyawarah_desa_buat(user=operator_b, kelurahan=kelurahan_b)
    url = reverse("musyawarah:agenda_ubah", args=[forum.pk, lain.agenda.first().pk])
    assert klien(operator_a).get(url).status_code == 404


def test_the_berita_acara_snapshot_lists_the_agenda_in_time_order(forum, operator_a):
    from apps.musyawarah.keluaran import snapshot_desa

    tambah(operator_a, forum, "10:15", "10:30", "Rehat kopi")
    assert [(a["jam"], a["acara"]) for a in snapshot_desa(forum)["agenda"]] == [
        ("09.00–10.00", "Pembukaan"),
        ("10.15–10.30", "Rehat kopi"),
        ("10.30–11.00", "Pembahasan"),
        ("11.00–12.00", "Penutupan"),
    ]
    assert AgendaAcara.objects.filter(musyawarah=forum).count() == 4
