// Progressive enhancement only: every page works without JavaScript.
(function () {
  "use strict";
  // The "forward" fields matter only when the chosen status is "assigned".
  function toggleForward() {
    var select = document.getElementById("target");
    var box = document.querySelector("fieldset[data-show-for]");
    if (!select || !box) { return; }
    var show = select.value === box.getAttribute("data-show-for");
    box.hidden = !show;
    box.querySelectorAll("select").forEach(function (el) { el.disabled = !show; });
  }
  // Buttons with data-confirm ask before submitting (revoking a device, publishing a version).
  function confirmSubmit(event) {
    var button = event.submitter;
    var text = button && button.getAttribute("data-confirm");
    if (text && !window.confirm(text)) { event.preventDefault(); }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var target = document.getElementById("target");
    if (target) { target.addEventListener("change", toggleForward); toggleForward(); }
    document.querySelectorAll("form").forEach(function (form) { form.addEventListener("submit", confirmSubmit); });
  });
})();
