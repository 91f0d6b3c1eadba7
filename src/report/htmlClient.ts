/**
 * The HTML report's own style and script (src/report/html.ts inlines both). The script reads the
 * page's JSON, fills the figures, the filters and the findings table (500 rows at a time, so
 * 100,000 findings open at once), and draws the attack graph with Cytoscape.js at the positions
 * computed in Node. A click on a vertex finds, in the page, its shortest path from an entry point
 * (breadth-first, backwards along the edges) and its blast radius (forwards), lists each hop
 * with its technique, MITRE id, evidence and fix, and highlights the path.
 *
 * Plain ES2020 with no build step: written without backticks or template placeholders, as it
 * lives in a template literal here. Text from the data reaches the page through `textContent`
 * only.
 */

export const HTML_STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 24px 48px; color: #1d2330; }
h1 { font-size: 22px; margin: 20px 0 0; } h2 { font-size: 17px; margin: 28px 0 8px; }
.tool, .hint { color: #5b6473; margin: 2px 0 8px; }
#figures { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 16px; }
.figure { border: 1px solid #d5dae3; border-radius: 6px; padding: 8px 14px; min-width: 150px; }
.figure .value { font-size: 22px; font-weight: 600; } .figure .label { color: #5b6473; }
.graph-wrap { display: flex; gap: 12px; }
#graph { flex: 1; height: 640px; border: 1px solid #d5dae3; border-radius: 6px; }
#details { width: 380px; height: 640px; overflow: auto; border: 1px solid #d5dae3; border-radius: 6px; padding: 8px 12px; }
#details ol { padding-left: 20px; } #details li { margin-bottom: 8px; }
.edge-id { font-family: ui-monospace, monospace; font-weight: 600; }
#filters { display: flex; flex-wrap: wrap; gap: 16px; align-items: center; }
#filters fieldset { border: 1px solid #d5dae3; border-radius: 6px; padding: 2px 10px; }
table { border-collapse: collapse; width: 100%; margin-top: 8px; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #e6e9ef; }
td.where { font-family: ui-monospace, monospace; font-size: 12px; white-space: nowrap; }
.sev { font-weight: 600; text-transform: uppercase; font-size: 12px; }
.sev-critical { color: #a4001d; } .sev-high { color: #c2410c; } .sev-medium { color: #a16207; } .sev-low { color: #1d4ed8; } .sev-info { color: #5b6473; }
`;

export const HTML_CLIENT_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('kw-data').textContent);
  var SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  // Figures: the exposure numbers first, then the counts per severity.
  var figures = document.getElementById('figures');
  function figure(label, value, hint) {
    var box = el('div', null, 'figure');
    box.appendChild(el('div', value, 'value'));
    box.appendChild(el('div', label, 'label'));
    if (hint) box.title = hint;
    figures.appendChild(box);
  }
  data.figures.forEach(function (f) { figure(f.label, f.value, f.hint); });
  var hasFindings = document.getElementById('findings') !== null;
  if (hasFindings) {
    figure('findings', data.findings.length);
    SEVERITIES.forEach(function (s) { if (data.counts[s] > 0) figure(s, data.counts[s]); });
    findingsTable();
  }

  function findingsTable() {
  // Filters.
  var sevBox = document.getElementById('severities');
  var wanted = {};
  SEVERITIES.forEach(function (s) {
    wanted[s] = true;
    var label = el('label');
    var box = el('input');
    box.type = 'checkbox'; box.checked = true; box.value = s; box.id = 'sev-' + s;
    box.addEventListener('change', function () { wanted[s] = box.checked; refresh(); });
    label.appendChild(box);
    label.appendChild(document.createTextNode(' ' + s + ' (' + (data.counts[s] || 0) + ') '));
    sevBox.appendChild(label);
  });
  function options(select, values) {
    values.forEach(function (v) { var o = el('option', v); o.value = v; select.appendChild(o); });
  }
  var ruleSelect = document.getElementById('rule-filter');
  var nsSelect = document.getElementById('namespace-filter');
  var text = document.getElementById('text-filter');
  function distinct(index) {
    var seen = {};
    data.findings.forEach(function (f) { if (f[index] !== '') seen[f[index]] = true; });
    return Object.keys(seen).sort();
  }
  options(ruleSelect, distinct(1));
  options(nsSelect, distinct(3));
  [ruleSelect, nsSelect].forEach(function (s) { s.addEventListener('change', refresh); });
  text.addEventListener('input', refresh);

  // The table, a page of rows at a time.
  var PAGE = 500;
  var body = document.querySelector('#findings tbody');
  var more = document.getElementById('more');
  var shown = document.getElementById('shown');
  var matching = [];
  var rendered = 0;
  function matches(f) {
    if (!wanted[f[0]]) return false;
    if (ruleSelect.value !== '' && f[1] !== ruleSelect.value) return false;
    if (nsSelect.value !== '' && f[3] !== nsSelect.value) return false;
    var q = text.value.trim().toLowerCase();
    if (q === '') return true;
    return (f[2] + ' ' + f[4] + ' ' + f[5] + ' ' + f[6] + ' ' + f[1]).toLowerCase().indexOf(q) !== -1;
  }
  function row(f) {
    var tr = el('tr');
    var rule = data.rules[f[1]];
    tr.appendChild(el('td', f[0], 'sev sev-' + f[0]));
    var ruleCell = el('td', f[1]);
    ruleCell.title = rule ? rule.title + ' \\u2014 fix: ' + rule.fix : '';
    tr.appendChild(ruleCell);
    tr.appendChild(el('td', f[2]));
    var where = el('td', f[4], 'where');
    where.title = f[6];
    tr.appendChild(where);
    tr.appendChild(el('td', f[5]));
    return tr;
  }
  function renderMore() {
    var end = Math.min(matching.length, rendered + PAGE);
    var frag = document.createDocumentFragment();
    for (var i = rendered; i < end; i++) frag.appendChild(row(matching[i]));
    body.appendChild(frag);
    rendered = end;
    more.hidden = rendered >= matching.length;
    shown.textContent = 'Showing ' + rendered + ' of ' + matching.length + ' matching findings (' + data.findings.length + ' in all).';
  }
  function refresh() {
    matching = data.findings.filter(matches);
    rendered = 0;
    body.textContent = '';
    renderMore();
  }
  more.addEventListener('click', renderMore);
  refresh();
  }

  // The attack graph.
  var api = { ready: false, cy: null, showVertex: null };
  window.kubeward = api;
  if (!data.graph) { api.ready = true; return; }
  var COLOURS = { entry: '#c2410c', workload: '#2563eb', identity: '#7c3aed', permission: '#0f766e', secret: '#a4001d', volume: '#64748b', node: '#111827', critical: '#dc2626' };
  var ASSET_GROUPS = { workload: true, secret: true, node: true, critical: true };
  var byId = {};
  data.graph.vertices.forEach(function (v) { byId[v.id] = v; });
  var incoming = {};
  var outgoing = {};
  var elements = [];
  data.graph.vertices.forEach(function (v) {
    incoming[v.id] = []; outgoing[v.id] = [];
    elements.push({ group: 'nodes', data: { id: v.id, label: v.label, group: v.group }, position: { x: v.x, y: v.y } });
  });
  data.graph.edges.forEach(function (e, i) {
    var id = 'e' + i;
    outgoing[e.from].push(i); incoming[e.to].push(i);
    elements.push({ group: 'edges', data: { id: id, source: e.from, target: e.to, label: e.edge } });
  });
  var cy = window.cytoscape({
    container: document.getElementById('graph'),
    elements: elements,
    layout: { name: 'preset' },
    minZoom: 0.02,
    maxZoom: 4,
    textureOnViewport: data.graph.vertices.length > 1500,
    hideEdgesOnViewport: data.graph.vertices.length > 1500,
    style: [
      { selector: 'node', style: { label: 'data(label)', 'font-size': 11, 'min-zoomed-font-size': 7, 'text-valign': 'bottom', 'text-margin-y': 3, width: 16, height: 16, 'background-color': '#94a3b8' } },
      { selector: 'edge', style: { width: 1.2, 'line-color': '#cbd5e1', 'target-arrow-color': '#cbd5e1', 'target-arrow-shape': 'triangle', 'curve-style': data.graph.edges.length > 3000 ? 'haystack' : 'bezier', 'arrow-scale': 0.8 } }
    ].concat(Object.keys(COLOURS).map(function (g) {
      return { selector: 'node[group = "' + g + '"]', style: { 'background-color': COLOURS[g] } };
    })).concat([
      { selector: 'node[group = "critical"]', style: { shape: 'star', width: 24, height: 24 } },
      { selector: 'node[group = "entry"]', style: { shape: 'diamond', width: 20, height: 20 } },
      { selector: '.reach', style: { 'border-width': 2, 'border-color': '#f59e0b' } },
      { selector: 'edge.path', style: { width: 3.5, 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b', 'z-index': 10 } },
      { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#f59e0b' } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#111827' } }
    ])
  });
  api.cy = cy;

  // Shortest path to a vertex from the nearest entry point: BFS backwards from it.
  function pathTo(target) {
    var via = {};
    via[target] = -1;
    var frontier = [target];
    while (frontier.length > 0) {
      var next = [];
      for (var k = 0; k < frontier.length; k++) {
        var v = frontier[k];
        if (byId[v].group === 'entry') {
          var hops = [];
          for (var w = v; via[w] !== -1; w = data.graph.edges[via[w]].to) hops.push(via[w]);
          return hops;
        }
        incoming[v].forEach(function (i) {
          var from = data.graph.edges[i].from;
          if (via[from] === undefined) { via[from] = i; next.push(from); }
        });
      }
      frontier = next;
    }
    return null;
  }
  // The assets reachable from a vertex, with hop counts (paths may pass identities and groups); the vertex itself not counted.
  function blastRadius(source) {
    var hops = {};
    hops[source] = 0;
    var frontier = [source];
    var count = 0;
    for (var d = 1; frontier.length > 0; d++) {
      var next = [];
      frontier.forEach(function (v) {
        outgoing[v].forEach(function (i) {
          var to = data.graph.edges[i].to;
          if (hops[to] === undefined) { hops[to] = d; if (ASSET_GROUPS[byId[to].group]) count++; next.push(to); }
        });
      });
      frontier = next;
    }
    delete hops[source];
    // a blast radius lists assets (DESIGN.md): workloads, Secrets, nodes, cluster admin
    Object.keys(hops).forEach(function (v) { if (!ASSET_GROUPS[byId[v].group]) delete hops[v]; });
    return { hops: hops, count: count };
  }
  function describeVertex(v) {
    return v.kind + ' ' + (v.namespace ? v.namespace + '/' : '') + v.name;
  }
  var details = document.getElementById('details');
  function hopItem(i) {
    var e = data.graph.edges[i];
    var li = el('li');
    li.appendChild(el('span', e.edge, 'edge-id'));
    li.appendChild(document.createTextNode(' (' + e.mitre + ') ' + describeVertex(byId[e.from]) + ' \\u2192 ' + describeVertex(byId[e.to])));
    li.appendChild(el('div', 'evidence: ' + e.evidence, 'hint'));
    if (e.fix) li.appendChild(el('div', 'fix: ' + e.fix, 'hint'));
    return li;
  }
  function showVertex(id) {
    var v = byId[id];
    cy.elements().removeClass('path reach');
    details.textContent = '';
    details.appendChild(el('h3', describeVertex(v)));
    details.appendChild(el('p', v.group, 'hint'));
    var path = pathTo(id);
    var result = { path: path, blastRadius: 0 };
    if (path === null) {
      details.appendChild(el('p', 'No entry point reaches it.', 'hint path-none'));
    } else if (path.length === 0) {
      details.appendChild(el('p', 'An entry point.', 'hint'));
    } else {
      details.appendChild(el('h4', 'Shortest path from an entry point: ' + path.length + (path.length === 1 ? ' hop' : ' hops')));
      var ol = el('ol', null, 'path-hops');
      path.forEach(function (i) {
        ol.appendChild(hopItem(i));
        cy.getElementById('e' + i).addClass('path');
        cy.getElementById(data.graph.edges[i].from).addClass('path');
        cy.getElementById(data.graph.edges[i].to).addClass('path');
      });
      details.appendChild(ol);
    }
    var blast = blastRadius(id);
    result.blastRadius = blast.count;
    details.appendChild(el('h4', 'Blast radius: ' + blast.count + (blast.count === 1 ? ' asset' : ' assets')));
    var list = el('ul', null, 'blast');
    Object.keys(blast.hops).sort(function (a, b) { return blast.hops[a] - blast.hops[b] || a.localeCompare(b); }).slice(0, 200).forEach(function (w) {
      list.appendChild(el('li', describeVertex(byId[w]) + ' \\u2014 ' + blast.hops[w] + (blast.hops[w] === 1 ? ' hop' : ' hops')));
      cy.getElementById(w).addClass('reach');
    });
    details.appendChild(list);
    return result;
  }
  api.showVertex = showVertex;
  cy.on('tap', 'node', function (evt) { showVertex(evt.target.id()); });
  cy.on('tap', 'edge', function (evt) {
    details.textContent = '';
    var ol = el('ol');
    ol.appendChild(hopItem(Number(evt.target.id().slice(1))));
    details.appendChild(ol);
  });
  cy.ready(function () { api.ready = true; });
})();
`;
