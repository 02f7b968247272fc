/* treaty-drafting redline page: view switch, next/previous change, status filters, moved-point links;
   on a draft page, the delegation filter of its open places.
   The page reads fine without this script; the script only adds the controls. It runs once,
   at the end of the body, and does no work proportional to the document until asked. */
(function () {
  "use strict";
  var root = document.documentElement;
  /* A draft with open places: the delegation filter. Choosing a delegation dims every alternative
     proposed by another one; "every delegation" shows them all again. */
  if (root.getAttribute("data-page") === "document") {
    var pick = document.getElementById("proposer");
    var shown = document.getElementById("shown");
    if (pick) {
      var alts = document.querySelectorAll("[data-proposer]");
      pick.addEventListener("change", function () {
        var who = pick.value, dimmed = 0;
        alts.forEach(function (el) {
          var off = who !== "" && el.getAttribute("data-proposer").split("|").indexOf(who) < 0;
          el.classList.toggle("dim", off);
          if (off) el.setAttribute("data-dimmed", ""); else el.removeAttribute("data-dimmed");
          dimmed += off ? 1 : 0;
        });
        shown.textContent = who ? dimmed + " alternatives of other delegations dimmed" : "";
      });
      document.querySelectorAll("[data-js]").forEach(function (el) { el.hidden = false; });
    }
    root.setAttribute("data-ready", "1");
    return;
  }
  var main = document.getElementById("main");
  var nav = document.getElementById("nav");
  var inline = document.getElementById("inline");
  var side = document.getElementById("side");
  var pos = document.getElementById("pos");
  var view = "inline";
  var built = false;
  var last = null;

  /* The sticky bar (and, side by side, the sticky column heads): what scrolled-to targets must clear. */
  function navHeight() {
    root.style.setProperty("--nav-h", nav.offsetHeight + "px");
    if (view === "side") root.style.setProperty("--cols-h", side.querySelector(".cols").offsetHeight + "px");
  }

  /* The side-by-side rows are written as one string from the inline view's own markup, which
     is ours and already escaped; attribute values read back from the page are escaped again.
     One innerHTML assignment builds 5,000 rows several times faster than cloning nodes. */
  var DROP = {
    ins: /<ins[^>]*>[^<]*<\/ins>|<del class="pm">[^<]*<\/del>/g,
    del: /<del[^>]*>[^<]*<\/del>|<ins class="pm">[^<]*<\/ins>/g
  };
  var JOIN = { ins: /<\/p><p class="brk-ins">/g, del: /<\/p><p class="brk-del">/g };

  function esc(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  /* One side of a text: drop the other side's runs and the pilcrows that mark a changed break,
     and join the paragraphs whose break only the other side has. */
  function oneSide(html, drop) {
    return html.replace(DROP[drop], "").replace(JOIN[drop], "").replace(/ class="brk-(ins|del)"/g, "");
  }

  function part(src, cls) {
    for (var c = src.firstElementChild; c; c = c.nextElementSibling) if (c.classList.contains(cls)) return c;
    return null;
  }

  function cell(src, which, ph, status) {
    var mark = src.getAttribute("data-" + which);
    if (mark === null) return '<div role="cell" class="c-' + which + ' none"></div>';
    var out = '<div role="cell" class="c-' + which + '">';
    if (src.classList.contains("stub")) return out + src.innerHTML + "</div>";
    var drop = which === "old" ? "ins" : "del";
    var hd = ph && ph.querySelector(".hd");
    out += '<p class="sh">' + (mark ? '<span class="mk">' + esc(mark) + "</span> " : "") +
      '<span class="hd">' + (hd ? oneSide(hd.innerHTML, drop) : "") + "</span>" + status + "</p>";
    var tx = part(src, "tx");
    return out + (tx ? '<div class="tx">' + oneSide(tx.innerHTML, drop) + "</div>" : "") + "</div>";
  }

  function row(src) {
    var stub = src.classList.contains("stub");
    var ph = stub ? null : part(src, "ph");
    var st = ph && ph.querySelector(".st");
    var status = st ? ' <span class="st">' + st.innerHTML + "</span>" : "";
    var hasNew = src.hasAttribute("data-new");
    var depth = src.getAttribute("data-depth");
    return '<div role="row" tabindex="-1" class="row' + (src.classList.contains("chg") ? " chg" : "") +
      (stub ? " stub" : "") + '" id="s-' + esc(src.id) + '" data-status="' + esc(src.getAttribute("data-status")) + '"' +
      (depth ? ' data-depth="' + esc(depth) + '"' : "") + ">" +
      cell(src, "old", ph, hasNew ? "" : status) + cell(src, "new", ph, hasNew ? status : "") + "</div>";
  }

  function build() {
    var html = [];
    inline.querySelectorAll(".pair, .stub").forEach(function (src) { html.push(row(src)); });
    side.querySelector(".rows").innerHTML = html.join("");
    built = true;
  }

  function box() { return view === "side" ? side : inline; }

  /* The element of the current view that stands for `el` (same pair, other view). */
  function counterpart(el) {
    if (!el || !el.id) return null;
    var id = el.id.replace(/^s-/, "");
    return document.getElementById(view === "side" ? "s-" + id : id);
  }

  /* What the stylesheet draws lazily (content-visibility: auto), in document order, per view. An
     element just above a target that is first drawn after the jump takes its real height instead
     of the estimate and pushes the target out of place, so those are drawn before the jump. */
  var LAZY = { inline: "#inline > .pair:not(.div), #inline .unit", side: ".rows .row" };
  var lazy = {};

  function drawAbove(el) {
    var list = lazy[view] || (lazy[view] = Array.prototype.slice.call(box().querySelectorAll(LAZY[view])));
    var lo = 0, hi = list.length;
    while (lo < hi) {  /* the first lazy element that is not before `el` */
      var mid = (lo + hi) >> 1;
      if (list[mid] === el || list[mid].compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING) hi = mid;
      else lo = mid + 1;
    }
    for (var i = lo - 1, h = 0; i >= 0 && h < window.innerHeight; i--) {
      if (list[i].contains(el)) continue;
      list[i].style.contentVisibility = "visible";
      h += list[i].offsetHeight;
    }
  }

  function focusOn(el) {
    last = el;
    el.focus({ preventScroll: true });
    drawAbove(el);
    el.scrollIntoView({ block: "start" });
  }

  function show(which) {
    if (which === view) return;
    var active = document.activeElement;
    var cur = active && active.closest ? active.closest(".pair, .stub, .row") : null;
    if (!cur && nav.contains(active)) cur = last;
    if (which === "side" && !built) build();
    view = which;
    inline.hidden = which !== "inline";
    side.hidden = which !== "side";
    root.setAttribute("data-view", which);
    document.querySelectorAll("[data-view]").forEach(function (b) {
      if (b.tagName === "BUTTON") b.setAttribute("aria-pressed", String(b.getAttribute("data-view") === which));
    });
    navHeight();
    var there = counterpart(cur);
    if (there) focusOn(there);
  }

  /* Statuses switched off by the filters. Reading them, not the layout, keeps a big page quick:
     asking the layout about content that `content-visibility` skips would draw all of it. */
  var off = {};
  function visible(el) { return !off[el.getAttribute("data-status")]; }

  function go(step) {
    var list = Array.prototype.filter.call(box().querySelectorAll(".chg"), visible);
    if (!list.length) { pos.textContent = "No changes shown"; return; }
    var active = document.activeElement;
    var cur = active && active.closest ? active.closest(".chg") : null;
    if (!cur && nav.contains(active)) cur = last;  /* a button took the focus: go on from the last change */
    var i = list.indexOf(cur);
    if (i < 0) {  /* nothing focused: start from the first change below the bar (binary search) */
      var top = nav.getBoundingClientRect().bottom - 1;
      var lo = 0, hi = list.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (list[mid].getBoundingClientRect().top >= top) hi = mid; else lo = mid + 1;
      }
      i = step > 0 ? lo - 1 : lo;
    }
    var n = Math.min(Math.max(i + step, 0), list.length - 1);
    focusOn(list[n]);
    pos.textContent = "Change " + (n + 1) + " of " + list.length;
  }

  document.querySelectorAll("[data-js]").forEach(function (el) { el.hidden = false; });
  document.querySelectorAll("button[data-view]").forEach(function (b) {
    b.addEventListener("click", function () { show(b.getAttribute("data-view")); });
  });
  document.getElementById("next").addEventListener("click", function () { go(1); });
  document.getElementById("prev").addEventListener("click", function () { go(-1); });
  document.querySelectorAll("#filters input").forEach(function (input) {
    input.addEventListener("change", function () {
      off[input.value] = !input.checked;
      main.classList.toggle("hide-" + input.value, !input.checked);
    });
  });
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var t = e.target;
    if (t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName)) return;
    if (t.tagName === "INPUT" && !/^(checkbox|radio|button)$/.test(t.type)) return;
    if (e.key === "n") go(1);
    else if (e.key === "p") go(-1);
    else return;
    e.preventDefault();
  });
  /* In-page links (moved from / moved to, split, merged): go to the target in the current view and focus it. */
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a[href^='#']") : null;
    if (!a || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
    var id = a.getAttribute("href").slice(1);
    var t = (view === "side" && document.getElementById("s-" + id)) || document.getElementById(id);
    if (!t || !visible(t)) return;
    e.preventDefault();
    if (!t.hasAttribute("tabindex")) t.tabIndex = -1;
    focusOn(t);
    try { history.pushState(null, "", "#" + id); } catch (err) { /* file: URLs in some browsers */ }
  });
  window.addEventListener("resize", navHeight);
  navHeight();
  root.setAttribute("data-ready", "1");
})();
