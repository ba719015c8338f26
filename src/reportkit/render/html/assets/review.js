// reportkit review page: quantity cards, finding highlights, filters, n/p navigation.
// Report text reaches the page only as escaped HTML or JSON, and this script writes it back
// with textContent, never innerHTML.
(function () {
  "use strict";
  var data = {};  // data-doc → its embedded JSON, parsed on first use

  function docData(name) {
    if (!(name in data)) {
      var node = document.querySelector('script[type="application/json"][data-doc="' + name + '"]');
      data[name] = node ? JSON.parse(node.textContent) : null;
      if (data[name]) {
        var byQuantity = {};
        (data[name].relations || []).forEach(function (r) {
          (r.members || []).forEach(function (m) {
            (byQuantity[m.quantity] = byQuantity[m.quantity] || []).push({ relation: r, slot: m.slot });
          });
        });
        data[name].byQuantity = byQuantity;
      }
    }
    return data[name];
  }

  function docOf(el) {
    var owner = el.closest("[data-doc]");
    return owner ? owner.getAttribute("data-doc") : null;
  }

  // --- the card -------------------------------------------------------------------------
  var card = document.getElementById("card");
  var NAMES = [
    ["value", "数值"], ["unit", "单位"], ["base", "折算"], ["bounds", "范围"], ["qualifier", "限定"],
    ["label", "标签"], ["verb", "动词"], ["metric", "指标"], ["role", "角色"], ["dimension", "维度"],
    ["per", "每"], ["flags", "性质"], ["relations", "关系"]
  ];

  function bounds(q) {
    if (q.lower !== null && q.lower === q.upper) return "= " + q.lower;
    var lo = q.lower === null ? "(-∞" : (q.lower_inclusive ? "[" : "(") + q.lower;
    var hi = q.upper === null ? "+∞)" : q.upper + (q.upper_inclusive ? "]" : ")");
    return lo + ", " + hi;
  }

  function cardRows(d, id) {
    var q = Object.assign({}, d.defaults, d.quantities[id]);
    var flags = [];
    if (q.target) flags.push("目标/计划");
    if (q.cumulative) flags.push("累计");
    if (q.unit_inferred) flags.push("单位为推断");
    var rel = (d.byQuantity[id] || []).map(function (x) {
      var r = x.relation;
      var others = (r.members || []).filter(function (m) { return m.quantity !== id; }).map(function (m) {
        return m.slot + " " + (d.texts[m.quantity] || m.quantity);
      });
      return r.kind + (r.mode ? "/" + r.mode : "") + "：本数为 " + x.slot +
        (others.length ? "；" + others.join("，") : "") + (r.certain === false ? "（不确定）" : "");
    });
    var values = {
      value: q.value, unit: q.unit || "（无）",
      base: q.base_value === null ? null : q.base_value + " " + (q.base_unit || ""),
      bounds: bounds(q), qualifier: q.qualifier, label: q.label, verb: q.verb, metric: q.metric,
      role: q.role, per: q.per,
      dimension: (d.dimension_names[q.dimension] ? d.dimension_names[q.dimension] + " " : "") + q.dimension,
      flags: flags.join("，") || null,
      relations: rel.length ? rel.join("\n") : null
    };
    return { title: d.texts[id], rows: NAMES.filter(function (n) {
      return values[n[0]] !== null && values[n[0]] !== undefined && values[n[0]] !== "";
    }).map(function (n) { return [n[1], values[n[0]]]; }) };
  }

  function showCard(el) {
    var d = docData(docOf(el));
    var id = el.getAttribute("data-quantity");
    if (!card || !d || !d.quantities[id]) return;
    var content = cardRows(d, id);
    card.textContent = "";
    var h = document.createElement("h4");
    h.textContent = content.title + "（" + id + "）";
    card.appendChild(h);
    var dl = document.createElement("dl");
    content.rows.forEach(function (row) {
      var dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = row[0];
      dd.textContent = row[1];
      dd.style.whiteSpace = "pre-line";
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
    card.appendChild(dl);
    card.hidden = false;
    var box = el.getBoundingClientRect();
    var left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - card.offsetWidth - 8);
    card.style.left = Math.max(4, left) + "px";
    card.style.top = (window.scrollY + box.bottom + 6) + "px";
  }

  function hideCard() { if (card) card.hidden = true; }

  function quantityOf(target) {
    return target && target.closest ? target.closest("[data-quantity]") : null;
  }
  document.addEventListener("mouseover", function (e) { var q = quantityOf(e.target); if (q) showCard(q); });
  document.addEventListener("mouseout", function (e) { if (quantityOf(e.target)) hideCard(); });
  document.addEventListener("focusin", function (e) { var q = quantityOf(e.target); if (q) showCard(q); else hideCard(); });
  document.addEventListener("focusout", function (e) { if (quantityOf(e.target)) hideCard(); });

  // --- diff: an aligned quantity lights up its partner in the other report ----------------
  function partners(el, on) {
    var pair = el.getAttribute("data-pair");
    if (!pair) return;
    document.querySelectorAll('[data-pair="' + CSS.escape(pair) + '"]').forEach(function (q) {
      q.classList.toggle("partner", on);
    });
  }
  document.addEventListener("mouseover", function (e) { var q = quantityOf(e.target); if (q) partners(q, true); });
  document.addEventListener("mouseout", function (e) { var q = quantityOf(e.target); if (q) partners(q, false); });

  // --- findings --------------------------------------------------------------------------
  var active = null;

  function activate(finding, scroll) {
    document.querySelectorAll(".q.hl").forEach(function (q) { q.classList.remove("hl"); });
    if (active) { active.classList.remove("active"); active.setAttribute("aria-pressed", "false"); }
    document.querySelectorAll(".ln.current").forEach(function (ln) { ln.classList.remove("current"); });
    finding.closest(".ln").classList.add("current");
    active = finding;
    finding.classList.add("active");
    finding.setAttribute("aria-pressed", "true");
    var section = finding.closest("[data-doc]");
    (finding.getAttribute("data-quantities") || "").split(" ").forEach(function (id) {
      if (!id || !section) return;
      section.querySelectorAll('[data-quantity="' + CSS.escape(id) + '"]').forEach(function (q) {
        q.classList.add("hl");
      });
    });
    if (scroll) {
      finding.closest(".ln").scrollIntoView({ block: "center" });
      finding.focus({ preventScroll: true });
    }
  }

  document.addEventListener("click", function (e) {
    var finding = e.target.closest ? e.target.closest("[data-finding]") : null;
    if (finding) activate(finding, false);
  });

  function visibleFindings() {
    return Array.prototype.filter.call(document.querySelectorAll("[data-finding]"), function (f) {
      return !f.classList.contains("filtered");
    });
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select") return;
    if (e.key === "Escape") { hideCard(); return; }
    if (e.key !== "n" && e.key !== "p") return;
    var list = visibleFindings();
    if (!list.length) return;
    var at = list.indexOf(active);
    var next = e.key === "n" ? (at + 1) % list.length : (at <= 0 ? list.length - 1 : at - 1);
    activate(list[next], true);
    e.preventDefault();
  });

  // --- filters ---------------------------------------------------------------------------
  var boxes = document.querySelectorAll("input[data-filter]");
  var shown = document.getElementById("shown-count");

  function applyFilters() {
    var allowed = { severity: {}, rule: {} };
    boxes.forEach(function (b) { if (b.checked) allowed[b.getAttribute("data-filter")][b.value] = true; });
    var all = document.querySelectorAll("[data-finding]"), visible = 0;
    all.forEach(function (f) {
      var keep = allowed.severity[f.getAttribute("data-severity")] && allowed.rule[f.getAttribute("data-finding")];
      f.classList.toggle("filtered", !keep);
      if (keep) visible += 1;
    });
    document.querySelectorAll(".ln.flagged").forEach(function (ln) {
      ln.classList.toggle("dimmed", !ln.querySelector("[data-finding]:not(.filtered)"));
    });
    if (active && active.classList.contains("filtered")) {
      document.querySelectorAll(".q.hl").forEach(function (q) { q.classList.remove("hl"); });
      active.classList.remove("active");
      active = null;
    }
    if (shown) shown.textContent = "显示 " + visible + " / " + all.length + " 个问题";
  }
  boxes.forEach(function (b) { b.addEventListener("change", applyFilters); });
  if (boxes.length) applyFilters();
})();
