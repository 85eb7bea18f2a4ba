// The entity timeline and the events network, drawn as SVG from the page's JSON twin.
// Text goes in through textContent only: nothing from the data is ever parsed as markup.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function text(parent, x, y, value, attrs) {
    var t = el("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
    t.textContent = value;
    return t;
  }
  function load(box, draw) {
    fetch(box.dataset.src, { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) { draw(box, data); })
      .catch(function () { box.dataset.state = "failed"; });
  }

  // -- timeline: stacked bars of articles, quotes and events per date ----------------------
  function drawTimeline(box, data) {
    var points = data.timeline || [];
    if (!points.length) { return; }
    var W = 900, H = 180, L = 32, B = 28, T = 10;
    var max = Math.max.apply(null, points.map(function (p) { return p.articles + p.quotes + p.events; })) || 1;
    var day = function (s) { return Date.parse(s + "T00:00:00Z") / 86400000; };
    var first = day(points[0].date), last = day(points[points.length - 1].date);
    var span = Math.max(1, last - first);
    var slot = Math.min(40, Math.max(4, (W - L - 20) / Math.max(points.length, span + 1)));
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, "aria-hidden": "true" });
    el("line", { x1: L, y1: H - B, x2: W - 4, y2: H - B, "class": "axis" }, svg);
    [0, Math.ceil(max / 2), max].forEach(function (v) {
      var y = H - B - (H - B - T) * v / max;
      text(svg, L - 6, y + 4, String(v), { "class": "tick", "text-anchor": "end" });
    });
    points.forEach(function (p, i) {
      var x = points.length === 1 ? (W + L) / 2 : L + 10 + (W - L - 30 - slot) * (day(p.date) - first) / span;
      var y = H - B;
      ["articles", "quotes", "events"].forEach(function (k) {
        if (!p[k]) { return; }
        var h = (H - B - T) * p[k] / max;
        y -= h;
        var r = el("rect", { x: x, y: y, width: Math.max(3, slot * 0.8), height: h, rx: 2, "class": "bar-" + k }, svg);
        el("title", {}, r).textContent = p.date + ": " + p[k] + " " + k;
      });
      if (i === 0 || i === points.length - 1 || points.length <= 12) {
        text(svg, x + slot * 0.4, H - 10, p.date, { "class": "tick", "text-anchor": "middle" });
      }
    });
    box.replaceChildren(svg);
    box.dataset.state = "drawn";
  }

  // -- network: actors on a circle, edges curved and coloured by QuadClass -----------------
  function drawNetwork(box, data) {
    var nodes = data.nodes || [], edges = data.edges || [];
    if (!nodes.length) { return; }
    var W = 900, H = 560, cx = W / 2, cy = H / 2, R = Math.min(W, H) / 2 - 70;
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, "aria-hidden": "true" });
    var defs = el("defs", {}, svg);
    [0, 1, 2, 3, 4].forEach(function (q) {
      var m = el("marker", { id: "arrow-q" + q, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 11, markerHeight: 11, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" }, defs);
      el("path", { d: "M0,0 L10,5 L0,10 z", "class": "arrow q" + q }, m);
    });
    var pos = {}, maxW = Math.max.apply(null, nodes.map(function (n) { return n.events; })) || 1;
    nodes.forEach(function (n, i) {
      var a = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
      pos[n.id] = { x: cx + R * Math.cos(a), y: cy + R * Math.sin(a), r: 9 + 14 * Math.sqrt(n.events / maxW) };
    });
    var maxE = Math.max.apply(null, edges.map(function (e) { return e.events; })) || 1;
    var pairCount = {};
    edges.forEach(function (e) {
      var s = pos[e.source], t = pos[e.target];
      if (!s || !t) { return; }
      var q = e.quad_class || 0, key = [e.source, e.target].sort().join("\u0000");
      var k = pairCount[key] = (pairCount[key] || 0) + 1;
      var g = el("g", { "class": "edge-group" }, svg);
      var width = 1.5 + 5 * e.events / maxE;
      var path;
      if (e.source === e.target) {
        path = "M" + (s.x - 6) + "," + (s.y - s.r) + " C" + (s.x - 40) + "," + (s.y - 70) + " " + (s.x + 40) + "," + (s.y - 70) + " " + (s.x + 6) + "," + (s.y - s.r);
      } else {
        var dx = t.x - s.x, dy = t.y - s.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
        var bend = 0.12 + 0.1 * (k - 1);
        var mx = (s.x + t.x) / 2 - dy * bend, my = (s.y + t.y) / 2 + dx * bend;
        var ex = t.x - (dx / d) * (t.r + 3), ey = t.y - (dy / d) * (t.r + 3);
        path = "M" + s.x + "," + s.y + " Q" + mx + "," + my + " " + ex + "," + ey;
      }
      var p = el("path", { d: path, "class": "edge q" + q, "stroke-width": width, "marker-end": "url(#arrow-q" + q + ")" }, g);
      el("title", {}, p).textContent = e.source + " → " + e.target + ": " + e.events + " events (" + (e.codes || []).join(", ") + ")";
    });
    nodes.forEach(function (n) {
      var p = pos[n.id];
      var a = el("a", { href: "/events?actor=" + encodeURIComponent(n.id), "class": "node" }, svg);
      el("circle", { cx: p.x, cy: p.y, r: p.r }, a);
      var outside = p.y < cy ? -p.r - 6 : p.r + 15;
      text(a, p.x, p.y + outside, n.id, { "text-anchor": "middle" });
      el("title", {}, a).textContent = n.id + ": " + n.events + " events";
    });
    box.replaceChildren(svg);
    box.dataset.state = "drawn";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var t = document.getElementById("timeline");
    if (t && t.dataset.src) { load(t, drawTimeline); }
    var n = document.getElementById("network");
    if (n && n.dataset.src) { load(n, drawNetwork); }
  });
})();
