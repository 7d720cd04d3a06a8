/* thidua review site, a document page: jump from a record to its span; show or hide a field's
   highlighting; sort tables. Inlined (CSP hash). */
"use strict";
(function () {
  function activate(id) {
    var target = document.getElementById("s-" + id);
    if (!target) {
      return;
    }
    document.querySelectorAll(".hl.active").forEach(function (el) {
      el.classList.remove("active");
    });
    document.querySelectorAll('[data-span-part="' + id + '"]').forEach(function (el) {
      el.classList.add("active");
    });
    target.classList.add("active");
    target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "center", inline: "nearest" });
  }

  function cellKey(row, index, numeric) {
    var cell = row.cells[index];
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    return numeric ? parseFloat(raw) || 0 : raw;
  }

  function sortBy(button) {
    var th = button.closest("th");
    var table = th.closest("table");
    var body = table.tBodies[0];
    var index = Array.prototype.indexOf.call(th.parentNode.cells, th);
    var numeric = th.getAttribute("data-type") === "number";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var collator = new Intl.Collator("vi", { numeric: true, sensitivity: "base" });
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellKey(a, index, numeric);
      var y = cellKey(b, index, numeric);
      var order = numeric ? x - y : collator.compare(x, y);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) {
      body.appendChild(row);
    });
    table.querySelectorAll("th[aria-sort]").forEach(function (other) {
      other.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function toggle(button) {
    var key = button.getAttribute("data-toggle");
    var text = document.getElementById("text");
    var hidden = text ? text.classList.toggle("hide-" + key) : false;
    document.querySelectorAll('button.toggle[data-toggle="' + key + '"]').forEach(function (other) {
      other.setAttribute("aria-pressed", hidden ? "false" : "true");
    });
  }

  document.addEventListener("click", function (event) {
    var switcher = event.target.closest("button.toggle");
    if (switcher) {
      toggle(switcher);
      return;
    }
    var link = event.target.closest("a.jump");
    if (link) {
      event.preventDefault();
      activate(link.getAttribute("data-span"));
      history.replaceState(null, "", link.getAttribute("href"));
      return;
    }
    var sorter = event.target.closest("button.sort");
    if (sorter) {
      sortBy(sorter);
    }
  });

  var match = /^#s-(\d+)$/.exec(window.location.hash);
  if (match) {
    activate(match[1]);
  }
})();
