/* treaty-drafting synopsis page: show or hide each version's column, filter the subjects by
   status and flag. The page reads fine without this script; it only adds the controls. It
   reads nothing but the page's own attributes and writes no markup. */
(function () {
  "use strict";
  var root = document.documentElement;
  var table = document.getElementById("synopsis");
  var rows = table.querySelectorAll("tbody > tr[data-status]");
  var shown = document.getElementById("shown");
  var flag = document.getElementById("flag");

  /* A column switched off hides its header and every cell of it; the division rows span the
     columns left. */
  function columns() {
    var off = {}, left = 1;
    document.querySelectorAll("#columns input").forEach(function (box) {
      off[box.value] = !box.checked;
      left += box.checked ? 1 : 0;
    });
    table.querySelectorAll("[data-col]").forEach(function (el) {
      el.hidden = off[el.getAttribute("data-col")] === true;
    });
    table.querySelectorAll("tr.grp > th").forEach(function (th) { th.colSpan = left; });
  }

  /* A subject is shown when its status is ticked and, with a flag chosen, it has that flag.
     A division row stays while any of its subjects is shown. */
  function filter() {
    var on = {}, count = 0;
    document.querySelectorAll("#statuses input").forEach(function (box) { on[box.value] = box.checked; });
    var want = flag ? flag.value : "";
    rows.forEach(function (tr) {
      var flags = tr.getAttribute("data-flags").split(" ");
      var show = on[tr.getAttribute("data-status")] !== false && (want === "" || flags.indexOf(want) >= 0);
      tr.classList.toggle("off", !show);
      count += show ? 1 : 0;
    });
    table.querySelectorAll("tbody").forEach(function (body) {
      var any = body.querySelector("tr[data-status]:not(.off)") !== null;
      body.querySelectorAll("tr.grp").forEach(function (tr) { tr.classList.toggle("off", !any); });
    });
    shown.textContent = count + " of " + rows.length + " subjects shown";
  }

  document.querySelectorAll("#columns input").forEach(function (box) { box.addEventListener("change", columns); });
  document.querySelectorAll("#statuses input").forEach(function (box) { box.addEventListener("change", filter); });
  if (flag) flag.addEventListener("change", filter);
  document.querySelectorAll("[data-js]").forEach(function (el) { el.hidden = false; });
  filter();
  root.setAttribute("data-ready", "1");
})();
