// The score sheet: keyboard only, saved cell by cell (htmx posts each change).
// Loaded as a file: the CSP allows no inline script.
"use strict";
(function () {
  const lembar = document.querySelector("[data-lembar-nilai]");
  if (!lembar) {
    return;
  }

  function kotak() {
    return Array.from(lembar.querySelectorAll("input.sel-nilai:not(:disabled)"));
  }

  function lanjut(input) {
    const semua = kotak();
    const berikut = semua[semua.indexOf(input) + 1];
    if (berikut) {
      berikut.focus();
    } else {
      input.blur();
    }
  }

  // Enter moves on like Tab (and saves: leaving a changed box fires "change").
  lembar.addEventListener("keydown", function (event) {
    const input = event.target.closest("input.sel-nilai");
    if (input && event.key === "Enter") {
      event.preventDefault();
      lanjut(input);
    }
  });

  // Digits only. One keystroke is the whole value on a 1–5 scale, and for 2–9 on a
  // 1–10 scale ("1" may become "10"): then the cursor moves on by itself.
  lembar.addEventListener("input", function (event) {
    const input = event.target.closest("input.sel-nilai");
    if (!input) {
      return;
    }
    const bersih = input.value.replace(/[^0-9]/g, "");
    if (bersih !== input.value) {
      input.value = bersih;
    }
    const skala = parseInt(input.dataset.skala, 10);
    const nilai = parseInt(bersih, 10);
    const utuh =
      bersih !== "" && nilai >= 1 && nilai <= skala && (skala < 10 || nilai >= 2 || bersih === "10");
    if (utuh) {
      lanjut(input);
    }
  });

  // The cell being scored: its usulan, its criterion and what each level means, in a bar
  // that stays in view, and its column header marked (the row marks itself in CSS).
  const aktif = document.getElementById("sel-aktif");
  function kepala(input) {
    const td = input.closest("td");
    const tabel = input.closest("table");
    if (!td || !tabel) {
      return null;
    }
    return tabel.querySelectorAll("thead th")[td.cellIndex] || null;
  }
  lembar.addEventListener("focusin", function (event) {
    const input = event.target.closest("input.sel-nilai");
    if (!input) {
      return;
    }
    input.select();
    lembar.querySelectorAll("thead th.kolom-aktif").forEach(function (th) {
      th.classList.remove("kolom-aktif");
    });
    const th = kepala(input);
    if (!th) {
      return;
    }
    th.classList.add("kolom-aktif");
    if (aktif) {
      const judul = input.closest("tr").querySelector(".judul-usulan");
      aktif.querySelector(".sel-aktif-usulan").textContent = judul ? judul.textContent : "";
      aktif.querySelector(".sel-aktif-kriteria").textContent = th.dataset.kriteria || "";
      aktif.querySelector(".sel-aktif-arti").textContent = th.dataset.arti || "";
      aktif.hidden = false;
    }
  });
  // Leaving the sheet (not moving to another cell) clears the mark: it would name a cell
  // nobody is in.
  lembar.addEventListener("focusout", function (event) {
    const ke = event.relatedTarget;
    if (ke && ke.closest && ke.closest("input.sel-nilai")) {
      return;
    }
    lembar.querySelectorAll("thead th.kolom-aktif").forEach(function (th) {
      th.classList.remove("kolom-aktif");
    });
    if (aktif) {
      aktif.hidden = true;
    }
  });

  // A cell is "saving" while its request runs, and "not saved" (red, kept as typed)
  // when it failed; such cells are sent again when the connection returns. Beside the
  // progress, the page says how many are not saved yet: the red cell may be off-screen.
  const status = document.getElementById("status-simpan");
  function perbaruiStatus() {
    if (!status) {
      return;
    }
    const n = lembar.querySelectorAll(".sel-gagal").length;
    status.textContent = n ? lembar.dataset.pesanBelum.replace("{n}", n) : "";
    status.hidden = n === 0;
  }
  function sel(event) {
    return event.target.closest ? event.target.closest(".sel") : null;
  }
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    const s = sel(event);
    if (s) {
      s.classList.add("sel-menyimpan");
      s.classList.remove("sel-gagal");
    }
  });
  function gagal(event) {
    const s = sel(event);
    if (!s) {
      return;
    }
    s.classList.remove("sel-menyimpan");
    s.classList.add("sel-gagal");
    let pesan = s.querySelector(".sel-pesan");
    if (!pesan) {
      pesan = document.createElement("div");
      pesan.className = "sel-pesan";
      pesan.setAttribute("role", "alert");
      s.appendChild(pesan);
    }
    pesan.textContent = lembar.dataset.pesanGagal;
    perbaruiStatus();
  }
  ["htmx:sendError", "htmx:responseError", "htmx:timeout"].forEach(function (nama) {
    document.body.addEventListener(nama, gagal);
  });
  document.body.addEventListener("htmx:afterSettle", perbaruiStatus);

  function kirimUlang() {
    lembar.querySelectorAll(".sel-gagal input.sel-nilai").forEach(function (input) {
      window.htmx.trigger(input, "change");
    });
  }
  window.addEventListener("online", kirimUlang);
  window.setInterval(kirimUlang, 10000);

  window.addEventListener("beforeunload", function (event) {
    if (lembar.querySelector(".sel-gagal, .sel-menyimpan")) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
