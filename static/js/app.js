// Page behaviours without inline handlers, so the Content-Security-Policy needs no 'unsafe-inline'
// (README "Headers"): each is declared by a data attribute in the templates.
(function () {
  document.addEventListener("change", (event) => {
    const el = event.target.closest("[data-submit-on-change]");
    if (el && el.form) el.form.submit();
  });
  document.addEventListener("click", (event) => {
    const el = event.target.closest("[data-action]");
    if (!el) return;
    const action = el.dataset.action;
    if (action === "back") { event.preventDefault(); history.back(); }
    else if (action === "print") { window.print(); }
    else if (action === "select-all") {
      document.querySelectorAll(el.dataset.target).forEach((box) => { box.checked = el.checked; });
    } else if (action === "tree-select") {
      document.querySelectorAll(".org-tree a.active").forEach((a) => a.classList.remove("active"));
      el.classList.add("active");
    } else if (action === "keep-search") { el.search = window.location.search; }
  });
  function sizes(root) {
    // Widths and heights computed on the server (a progress bar): set through the CSSOM, which the
    // policy allows, instead of a style attribute, which it refuses.
    root.querySelectorAll("[data-width]").forEach((el) => { el.style.width = el.dataset.width; });
    root.querySelectorAll("[data-height]").forEach((el) => { el.style.height = el.dataset.height; });
  }
  document.addEventListener("DOMContentLoaded", () => {
    sizes(document);
    if (document.body.hasAttribute("data-print-on-load")) window.print();
  });
  document.addEventListener("htmx:afterSwap", (event) => sizes(event.target));
})();
