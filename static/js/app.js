// Behaviour shared by every page. Loaded as a file: the CSP allows no inline script.
"use strict";

// <form data-confirm="..."> asks before submitting (deleting a draft, withdrawing).
document.addEventListener("submit", function (event) {
  const pesan = event.target.dataset.confirm;
  if (pesan && !window.confirm(pesan)) {
    event.preventDefault();
  }
});

// "Pilih semua draf" on the usulan list: without JavaScript the link reloads the page with
// every draft ticked; with it, the link ticks them in place (or unticks them all when
// they already are).
document.addEventListener("click", function (event) {
  const tautan = event.target.closest("[data-pilih-semua]");
  if (!tautan) {
    return;
  }
  const kotak = Array.from(
    document.querySelectorAll(
      'input[type="checkbox"][name="' + tautan.dataset.pilihSemua + '"]:not(:disabled)'
    )
  );
  if (kotak.length === 0) {
    return;
  }
  event.preventDefault();
  const semua = kotak.every(function (k) {
    return k.checked;
  });
  kotak.forEach(function (k) {
    k.checked = !semua;
  });
});

// The forum's decisions table: reorder rows by dragging them or with the ↑/↓ buttons;
// the "urutan" inputs are renumbered 1..n to match. Without JavaScript, typing the
// numbers does the same.
(function () {
  function renumber(tbody) {
    tbody.querySelectorAll("tr[data-baris]").forEach(function (tr, i) {
      const input = tr.querySelector("input.urutan");
      if (input) {
        input.value = i + 1;
      }
    });
  }

  document.querySelectorAll("tbody[data-urut]").forEach(function (tbody) {
    let diseret = null;
    tbody.addEventListener("dragstart", function (event) {
      diseret = event.target.closest("tr[data-baris]");
      if (diseret) {
        diseret.classList.add("diseret");
        event.dataTransfer.effectAllowed = "move";
      }
    });
    tbody.addEventListener("dragend", function () {
      if (diseret) {
        diseret.classList.remove("diseret");
      }
      diseret = null;
    });
    tbody.addEventListener("dragover", function (event) {
      const target = event.target.closest("tr[data-baris]");
      if (!diseret || !target || target === diseret) {
        return;
      }
      event.preventDefault();
      const rect = target.getBoundingClientRect();
      const after = event.clientY > rect.top + rect.height / 2;
      tbody.insertBefore(diseret, after ? target.nextSibling : target);
    });
    tbody.addEventListener("drop", function (event) {
      event.preventDefault();
      renumber(tbody);
    });
    tbody.addEventListener("click", function (event) {
      const tombol = event.target.closest("button.naik, button.turun");
      if (!tombol) {
        return;
      }
      const tr = tombol.closest("tr[data-baris]");
      if (tombol.classList.contains("naik") && tr.previousElementSibling) {
        tbody.insertBefore(tr, tr.previousElementSibling);
      } else if (tombol.classList.contains("turun") && tr.nextElementSibling) {
        tbody.insertBefore(tr.nextElementSibling, tr);
      }
      renumber(tbody);
      tombol.focus();
    });
  });
})();
