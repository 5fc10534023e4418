// Behaviour shared by every page. Loaded as a file: the CSP allows no inline script.
"use strict";

// <form data-confirm="..."> asks before submitting (deleting a draft, withdrawing).
document.addEventListener("submit", function (event) {
  const pesan = event.target.dataset.confirm;
  if (pesan && !window.confirm(pesan)) {
    event.preventDefault();
  }
});
