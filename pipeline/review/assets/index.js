/* thidua review site, the index: the documents of index-data.js searched, filtered,
   sorted and shown a page at a time. Inlined (CSP hash); every value is set as text. */
"use strict";
(function () {
  var data = window.THIDUA_INDEX;
  var body = document.querySelector("#documents tbody");
  var status = document.getElementById("status");
  if (!data || !body) {
    status.textContent = "The index data (index-data.js) is missing: rebuild the site with thidua review.";
    return;
  }
  var C = {};
  data.columns.forEach(function (name, i) {
    C[name] = i;
  });
  var docs = data.docs;
  var form = document.getElementById("filters");
  var field = function (id) {
    return document.getElementById(id);
  };
  var collator = new Intl.Collator("vi", { numeric: true, sensitivity: "base" });
  var state = { q: "", type: "", year: "", flags: [], sort: "", desc: false, page: 1, size: 100 };
  var haystacks = null;
  var NONE = "-";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }

  function yearOf(doc) {
    return (doc[C.event_date] || doc[C.published_date] || "").slice(0, 4);
  }

  var FILTERS = {
    "no-event-date": function (doc) { return !doc[C.event_date]; },
    "low": function (doc) { return doc[C.low] > 0; },
    "problems": function (doc) { return doc[C.off] > 0 || !doc[C.has_text]; },
    "awards": function (doc) { return doc[C.awards] > 0; },
    "slogans": function (doc) { return doc[C.slogans] > 0; }
  };

  function sortKey(key) {
    if (key === "document") {
      return function (doc) { return doc[C.title] || doc[C.doc_id]; };
    }
    if (key === "flags") {
      return function (doc) { return doc[C.flags].length; };
    }
    return function (doc) { return doc[C[key]]; };
  }

  function selected() {
    var words = fold(state.q).split(/\s+/).filter(Boolean);
    if (words.length && haystacks === null) {
      haystacks = docs.map(function (doc) {
        return fold([doc[C.title], doc[C.doc_id], doc[C.source], doc[C.names]].join("\n"));
      });
    }
    var checks = state.flags.map(function (name) { return FILTERS[name]; }).filter(Boolean);
    var out = [];
    for (var i = 0; i < docs.length; i++) {
      var doc = docs[i];
      if (state.type && (doc[C.event_type] || NONE) !== state.type) continue;
      if (state.year && (yearOf(doc) || NONE) !== state.year) continue;
      if (!checks.every(function (check) { return check(doc); })) continue;
      if (!words.every(function (word) { return haystacks[i].indexOf(word) >= 0; })) continue;
      out.push(i);
    }
    if (state.sort) {
      var key = sortKey(state.sort);
      var numeric = document.querySelector('button.sort[data-key="' + state.sort + '"]').hasAttribute("data-number");
      var sign = state.desc ? -1 : 1;
      out.sort(function (a, b) {
        var x = key(docs[a]);
        var y = key(docs[b]);
        var order = numeric ? x - y : collator.compare(x || "", y || "");
        return order * sign || a - b;
      });
    }
    return out;
  }

  function element(tag, text, className) {
    var el = document.createElement(tag);
    if (text !== undefined && text !== null) el.textContent = String(text);
    if (className) el.className = className;
    return el;
  }

  function cell(row, label, className) {
    var td = element("td", null, className);
    td.setAttribute("data-label", label);
    row.appendChild(td);
    return td;
  }

  function sourceNode(source) {
    if (/^https?:\/\/[^\s/]/i.test(source)) {
      var link = element("a", source);
      link.href = source;
      link.rel = "noopener noreferrer";
      return link;
    }
    return element("span", source);
  }

  function row(doc) {
    var tr = document.createElement("tr");
    tr.setAttribute("data-doc-id", doc[C.doc_id]);
    var first = cell(tr, "document", "doc");
    var link = element("a", doc[C.title] || doc[C.doc_id], doc[C.title] ? "" : "untitled");
    link.href = "doc/" + doc[C.page] + ".html";
    first.appendChild(link);
    if (!doc[C.title]) first.appendChild(element("span", " (no headline)", "muted small"));
    var sub = element("div", null, "sub");
    sub.appendChild(element("span", doc[C.doc_id], "id"));
    if (doc[C.source]) {
      sub.appendChild(document.createTextNode(" · "));
      sub.appendChild(sourceNode(doc[C.source]));
    }
    first.appendChild(sub);
    cell(tr, "published", "date").textContent = doc[C.published_date];
    cell(tr, "event date", "date").textContent = doc[C.event_date];
    cell(tr, "event type", "type").textContent = doc[C.event_type];
    data.tables.forEach(function (table) {
      cell(tr, table, "num").textContent = doc[C[table]];
    });
    cell(tr, "spans", "num").textContent = doc[C.spans];
    cell(tr, "low conf.", "num").textContent = doc[C.low];
    var flags = cell(tr, "flags", "flags");
    doc[C.flags].forEach(function (index) {
      var flag = data.flags[index];
      flags.appendChild(element("span", flag[1], flag[0]));
    });
    return tr;
  }

  function show() {
    var rows = selected();
    var pages = Math.max(1, Math.ceil(rows.length / state.size));
    state.page = Math.min(Math.max(1, state.page), pages);
    var start = (state.page - 1) * state.size;
    var shown = rows.slice(start, start + state.size);
    var fragment = document.createDocumentFragment();
    shown.forEach(function (i) {
      fragment.appendChild(row(docs[i]));
    });
    body.replaceChildren(fragment);
    var total = docs.length.toLocaleString("en");
    var text = rows.length === 0 ? "No document matches (" + total + " in all)." :
      "Documents " + (start + 1).toLocaleString("en") + "–" + (start + shown.length).toLocaleString("en") +
      " of " + rows.length.toLocaleString("en") + (rows.length < docs.length ? " matching (" + total + " in all)" : "") +
      " · page " + state.page + " of " + pages;
    status.textContent = text;
    field("status2").textContent = text;
    ["prev", "prev2"].forEach(function (id) { field(id).disabled = state.page <= 1; });
    ["next", "next2"].forEach(function (id) { field(id).disabled = state.page >= pages; });
    document.querySelectorAll("#documents th").forEach(function (th) {
      var button = th.querySelector("button.sort");
      if (button && button.getAttribute("data-key") === state.sort) {
        th.setAttribute("aria-sort", state.desc ? "descending" : "ascending");
      } else {
        th.removeAttribute("aria-sort");
      }
    });
    field("sort").value = state.sort ? state.sort + (state.desc ? ":desc" : ":asc") : "";
    save();
  }

  function save() {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    if (state.type) params.set("type", state.type);
    if (state.year) params.set("year", state.year);
    if (state.flags.length) params.set("flags", state.flags.join(","));
    if (state.sort) params.set("sort", state.sort + (state.desc ? ":desc" : ":asc"));
    if (state.size !== 100) params.set("size", String(state.size));
    if (state.page > 1) params.set("page", String(state.page));
    var hash = params.toString();
    if (hash !== location.hash.slice(1)) history.replaceState(null, "", hash ? "#" + hash : location.pathname);
  }

  function restore() {
    var params = new URLSearchParams(location.hash.slice(1));
    state.q = params.get("q") || "";
    state.type = params.get("type") || "";
    state.year = params.get("year") || "";
    state.flags = (params.get("flags") || "").split(",").filter(function (name) { return name in FILTERS; });
    var sort = (params.get("sort") || "").split(":");
    state.sort = document.querySelector('button.sort[data-key="' + CSS.escape(sort[0]) + '"]') ? sort[0] : "";
    state.desc = sort[1] === "desc";
    state.size = [50, 100, 250].indexOf(Number(params.get("size"))) >= 0 ? Number(params.get("size")) : 100;
    state.page = Math.max(1, parseInt(params.get("page"), 10) || 1);
    field("q").value = state.q;
    field("size").value = String(state.size);
    form.querySelectorAll('input[name="flag"]').forEach(function (box) {
      box.checked = state.flags.indexOf(box.value) >= 0;
    });
  }

  function options(select, counts, label) {
    Object.keys(counts).sort(function (a, b) { return label(a, b); }).forEach(function (value) {
      var option = element("option", (value === NONE ? "(none)" : value) + " (" + counts[value].toLocaleString("en") + ")");
      option.value = value;
      select.appendChild(option);
    });
  }

  function fillChoices() {
    var types = {};
    var years = {};
    docs.forEach(function (doc) {
      var type = doc[C.event_type] || NONE;
      var year = yearOf(doc) || NONE;
      types[type] = (types[type] || 0) + 1;
      years[year] = (years[year] || 0) + 1;
    });
    options(field("type"), types, function (a, b) { return collator.compare(a, b); });
    options(field("year"), years, function (a, b) { return collator.compare(b, a); });
    field("type").value = state.type;
    field("year").value = state.year;
    var known = state.type === field("type").value && state.year === field("year").value;
    state.type = field("type").value;
    state.year = field("year").value;
    var sort = field("sort");
    document.querySelectorAll("#documents button.sort").forEach(function (button) {
      [["asc", " ↑"], ["desc", " ↓"]].forEach(function (way) {
        var option = element("option", button.textContent + way[1]);
        option.value = button.getAttribute("data-key") + ":" + way[0];
        sort.appendChild(option);
      });
    });
    field("sort").value = state.sort ? state.sort + (state.desc ? ":desc" : ":asc") : "";
    if (!known) show();  // a type or year from the URL that no document has
  }

  function showErrors() {
    var errors = data.errors;
    var box = field("errors");
    if (!errors.length) return;
    box.hidden = false;
    field("error-count").textContent = errors.length.toLocaleString("en");
    box.addEventListener("toggle", function () {
      var tbody = box.querySelector("tbody");
      if (!box.open || tbody.rows.length) return;
      var fragment = document.createDocumentFragment();
      errors.forEach(function (error) {
        var tr = document.createElement("tr");
        error.forEach(function (value) {
          tr.appendChild(element("td", value));
        });
        fragment.appendChild(tr);
      });
      tbody.appendChild(fragment);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.addEventListener("input", function (event) {
    var target = event.target;
    if (target.id === "q") state.q = target.value;
    else if (target.id === "type") state.type = target.value;
    else if (target.id === "year") state.year = target.value;
    else if (target.id === "size") state.size = Number(target.value);
    else if (target.id === "sort") {
      var parts = target.value.split(":");
      state.sort = parts[0];
      state.desc = parts[1] === "desc";
    } else if (target.name === "flag") {
      state.flags = Array.prototype.filter.call(form.querySelectorAll('input[name="flag"]'), function (box) {
        return box.checked;
      }).map(function (box) { return box.value; });
    }
    state.page = 1;
    show();
  });
  document.addEventListener("click", function (event) {
    var sorter = event.target.closest("button.sort");
    if (sorter) {
      var key = sorter.getAttribute("data-key");
      state.desc = state.sort === key ? !state.desc : false;
      state.sort = key;
      state.page = 1;
      show();
      return;
    }
    var step = event.target.closest("button[data-step]");
    if (step) {
      state.page += Number(step.getAttribute("data-step"));
      show();
      if (step.id === "prev2" || step.id === "next2") status.scrollIntoView({ block: "nearest" });
    }
  });

  restore();
  show();
  performance.mark("thidua-index-shown");  // the first page is in the document: what the tests time
  fillChoices();
  showErrors();
})();
