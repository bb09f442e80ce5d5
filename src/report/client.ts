/**
 * The chart script of report.html (plain ES5-style browser JavaScript, inlined after ECharts).
 * It reads the embedded ReportData (`#report-data`) and the label table of the report's language
 * (`#report-labels`) and draws every `.chart` container with the SVG renderer, each with a
 * toolbox to save it as SVG (the rendered SVG) or PNG (re-rendered on a canvas at 2× pixel ratio).
 * `window.clusterAtlasReport` exposes the charts and the two exports (used by the browser test).
 * No network access: maps are GeoJSON from the data, no tiles, no fonts to fetch.
 *
 * Kept as a string (no template placeholders inside) so the renderer can inline it verbatim.
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var DATA = JSON.parse(document.getElementById('report-data').textContent);
  var L = JSON.parse(document.getElementById('report-labels').textContent);
  var LANG = document.documentElement.getAttribute('data-lang') === 'zh' ? 'zh' : 'en';
  var T = L.ui;
  var FONT = window.getComputedStyle(document.body).fontFamily;
  var charts = {};
  var options = {};
  var timings = {};
  var PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];
  var ICON_SVG = 'path://M3 2h11l5 5v15H3z M6 11h10 M6 15h10 M6 19h6';
  var ICON_PNG = 'path://M2 4h20v16H2z M2 17l6-6 5 5 3-3 6 6 M16 9a1.5 1.5 0 1 0 0.1 0';

  function fmt(x, digits) {
    if (x === null || x === undefined || !isFinite(x)) return '–';
    return Number(x).toLocaleString(LANG === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: digits === undefined ? 2 : digits });
  }
  function text(b) { return b ? b[LANG] : ''; }
  function pct(x) { return x === null || x === undefined || !isFinite(x) ? '–' : fmt(100 * x, 1) + '%'; }

  function download(filename, url) {
    var a = document.createElement('a');
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.parentNode.removeChild(a);
  }

  function exportSvg(id) {
    return charts[id].renderToSVGString();
  }

  function exportPng(id) {
    var src = charts[id];
    var w = src.getWidth(), h = src.getHeight();
    var holder = document.createElement('div');
    holder.style.cssText = 'position:absolute;left:-20000px;top:0;width:' + w + 'px;height:' + h + 'px';
    document.body.appendChild(holder);
    var c = echarts.init(holder, null, { renderer: 'canvas', width: w, height: h });
    try {
      c.setOption(options[id]);
      return c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    } finally {
      c.dispose();
      holder.parentNode.removeChild(holder);
    }
  }

  function toolbox(id) {
    return {
      right: 6, top: 2, itemSize: 14,
      feature: {
        mySaveSvg: { show: true, title: T.saveSvg, icon: ICON_SVG, onclick: function () {
          var blob = new Blob([exportSvg(id)], { type: 'image/svg+xml' });
          var url = URL.createObjectURL(blob);
          download(id + '.svg', url);
          setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
        } },
        mySavePng: { show: true, title: T.savePng, icon: ICON_PNG, onclick: function () { download(id + '.png', exportPng(id)); } }
      }
    };
  }

  function base(id, title, subtext) {
    return {
      animation: false,
      textStyle: { fontFamily: FONT },
      title: { text: title, subtext: subtext || '', left: 'center', top: 4, textStyle: { fontSize: 15 }, subtextStyle: { fontSize: 12, color: '#555' } },
      toolbox: toolbox(id),
      tooltip: { confine: true }
    };
  }

  function polygonSeries(name, rings, geoIndex, fill, stroke, dashed) {
    return {
      type: 'custom', name: name, coordinateSystem: 'geo', geoIndex: geoIndex, silent: true,
      itemStyle: { color: fill === 'none' ? stroke : fill },
      data: rings.map(function (r) { return r[0]; }),
      renderItem: function (params, api) {
        var ring = rings[params.dataIndex];
        var box = params.coordSys;
        var p1 = api.coord([box.x, box.y]), p2 = api.coord([box.x + box.width, box.y + box.height]);
        var clip = { x: Math.min(p1[0], p2[0]), y: Math.min(p1[1], p2[1]), width: Math.abs(p2[0] - p1[0]), height: Math.abs(p2[1] - p1[1]) };
        return {
          type: 'polygon',
          shape: { points: ring.map(function (p) { return api.coord(p); }) },
          style: { fill: fill, stroke: stroke, lineWidth: 1.5, lineDash: dashed ? [4, 3] : null },
          clipPath: { type: 'rect', shape: clip }
        };
      }
    };
  }

  function geoBase(map) {
    return {
      map: map, nameProperty: 'code', roam: true,
      itemStyle: { areaColor: '#ffffff', borderColor: '#9a9a9a', borderWidth: 0.4 },
      emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffe9a8' } },
      select: { disabled: true },
      label: { show: false }
    };
  }

  function overviewMap(id) {
    echarts.registerMap('atlas-all', DATA.regions);
    var o = base(id, T.overviewMap, DATA.overview.candidates.length + ' ' + T.candidatesUnit);
    o.geo = Object.assign(geoBase('atlas-all'), { top: 60, bottom: 50, left: 10, right: 10 });
    var circles = DATA.overview.candidates.filter(function (c) { return c.center && c.radiusKm && c.radiusKm <= 150; }).map(function (c) {
      var ring = [];
      var dLat = c.radiusKm / 111.2, dLon = c.radiusKm / (111.2 * Math.max(Math.cos(c.center[1] * Math.PI / 180), 0.05));
      for (var k = 0; k <= 48; k++) ring.push([c.center[0] + dLon * Math.cos(2 * Math.PI * k / 48), c.center[1] + dLat * Math.sin(2 * Math.PI * k / 48)]);
      return ring;
    });
    var byLabel = {};
    DATA.overview.candidates.forEach(function (c) {
      if (!c.center) return;
      (byLabel[c.label] = byLabel[c.label] || []).push(c);
    });
    o.geo.itemStyle.areaColor = '#f4f4f4';
    o.series = [polygonSeries(T.radius90, circles, 0, 'rgba(220,60,60,0.10)', '#c0392b', false)];
    Object.keys(byLabel).forEach(function (label) {
      o.series.push({
        type: 'scatter', coordinateSystem: 'geo', geoIndex: 0, name: L.labels[label],
        itemStyle: { color: L.labelColours[label], borderColor: '#fff', borderWidth: 1 },
        symbolSize: function (v) { return 8 + 22 * Math.sqrt(v[2] / maxEmployment()); },
        data: byLabel[label].map(function (c) { return { value: [c.center[0], c.center[1], c.employment], id: c.id, cname: text(c.name) }; }),
        label: { show: true, position: 'right', fontSize: 11, formatter: function (p) { return p.data.id + ' ' + p.data.cname; } },
        tooltip: { formatter: function (p) { return p.data.id + ' ' + p.data.cname + '<br>' + L.labels[label] + '<br>' + T.employment + ': ' + fmt(p.value[2], 0); } },
        labelLayout: { hideOverlap: true }
      });
    });
    o.legend = { bottom: 4, type: 'scroll' };
    return o;
  }

  function maxEmployment() {
    var m = 1;
    DATA.overview.candidates.forEach(function (c) { if (c.employment > m) m = c.employment; });
    return m;
  }

  // Every region of the view gets a data item: a map series with geoIndex draws regions missing
  // from its data in its palette colour (ECharts 6.1), not in the geo's area colour. Regions
  // without firms get NO_DATA (LQ) / code 7 (LISA), both drawn white and named in the legend.
  var LISA_CODE = { HH: 1, LL: 2, HL: 3, LH: 4, ns: 5, island: 6 };
  var NO_DATA = -1;

  function candidateMap(id, c) {
    var m = c.map.data;
    var mapName = 'atlas-' + c.id;
    var codes = {};
    m.regions.forEach(function (r) { codes[r.code] = r; });
    echarts.registerMap(mapName, { type: 'FeatureCollection', features: DATA.regions.features.filter(function (f) { return codes[f.properties.code]; }) });
    var o = base(id, T.mapTitle + ' · ' + c.id, c.industries.map(function (x) { return x.code + ' ' + text(x.name); }).join(', '));
    o.geo = [
      Object.assign(geoBase(mapName), { left: '1%', right: '51%', top: 100, bottom: 60 }),
      Object.assign(geoBase(mapName), { left: '51%', right: '1%', top: 100, bottom: 60 })
    ];
    o.title = [o.title,
      { text: T.mapLq, left: '25%', top: 76, textAlign: 'center', textStyle: { fontSize: 13 } },
      { text: T.mapLisa, left: '75%', top: 76, textAlign: 'center', textStyle: { fontSize: 13 } }];
    var regionName = function (code) { return (codes[code] && codes[code].name) || code; };
    o.series = [
      { type: 'map', geoIndex: 0, name: T.mapLq, data: m.regions.map(function (r) { return { name: r.code, value: r.lq === null ? NO_DATA : r.lq }; }),
        tooltip: { formatter: function (p) { return regionName(p.name) + ' (' + p.name + ')<br>' + T.lq + ': ' + (p.value === NO_DATA ? T.noData : fmt(p.value, 2)); } } },
      { type: 'map', geoIndex: 1, name: T.mapLisa, data: m.regions.map(function (r) { return { name: r.code, value: r.lisa === null ? 7 : LISA_CODE[r.lisa] }; }),
        tooltip: { formatter: function (p) { var r = codes[p.name]; return regionName(p.name) + ' (' + p.name + ')<br>LISA: ' + (r && r.lisa ? L.lisa[r.lisa] : '–') + '<br>p = ' + fmt(r && r.pValue, 3); } } }
    ];
    var maxEmp = 1;
    m.firms.forEach(function (f) { if (f.employees > maxEmp) maxEmp = f.employees; });
    var plain = m.firms.filter(function (f) { return !f.leader; });
    var leaders = m.firms.filter(function (f) { return f.leader; });
    o.series.push({
      type: 'scatter', coordinateSystem: 'geo', geoIndex: 0, name: T.firms,
      data: plain.map(function (f) { return { value: [f.lon, f.lat, f.employees], id: f.id }; }),
      symbolSize: function (v) { return 2.5 + 9 * Math.sqrt((v[2] || 0) / maxEmp); },
      itemStyle: { color: 'rgba(30,30,30,0.55)' },
      tooltip: { formatter: function (p) { return p.data.id + '<br>' + T.employment + ': ' + fmt(p.value[2], 0); } }
    });
    o.series.push({
      type: 'scatter', coordinateSystem: 'geo', geoIndex: 0, name: T.leaders, symbol: 'diamond', symbolSize: 12,
      data: leaders.map(function (f) { return { value: [f.lon, f.lat, f.employees], id: f.id }; }),
      itemStyle: { color: '#111', borderColor: '#fff', borderWidth: 1 },
      tooltip: { formatter: function (p) { return p.data.id + '<br>' + T.employment + ': ' + fmt(p.value[2], 0); } }
    });
    if (m.parks.length) {
      o.series.push(polygonSeries(T.parks, m.parks.map(function (p) { return p.ring; }), 0, 'rgba(46,139,87,0.15)', '#2e8b57', true));
      o.series.push(polygonSeries(T.parks, m.parks.map(function (p) { return p.ring; }), 1, 'none', '#2e8b57', true));
    }
    if (m.hull) {
      o.series.push(polygonSeries(T.hull, [m.hull], 0, 'none', '#c0392b', false));
      o.series.push(polygonSeries(T.hull, [m.hull], 1, 'none', '#c0392b', false));
    }
    o.legend = { top: 50, data: [T.firms, T.leaders].concat(m.parks.length ? [T.parks] : []).concat(m.hull ? [T.hull] : []) };
    o.visualMap = [
      { type: 'piecewise', seriesIndex: 0, left: 6, bottom: 4, orient: 'horizontal', itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 11 }, text: [T.lq + ':'], showLabel: true,
        pieces: [
          { gte: 5, label: '≥ 5', color: '#99000d' }, { gte: 2, lt: 5, label: '2–5', color: '#e34a33' }, { gte: 1.25, lt: 2, label: '1.25–2', color: '#fc8d59' },
          { gte: 1, lt: 1.25, label: '1–1.25', color: '#fdd49e' }, { gte: 0.5, lt: 1, label: '0.5–1', color: '#dbe7f3' }, { gte: 0, lt: 0.5, label: '< 0.5', color: '#eef2f6' },
          { value: NO_DATA, label: T.noData, color: '#ffffff' }
        ] },
      { type: 'piecewise', seriesIndex: 1, right: 6, bottom: 4, orient: 'horizontal', itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 11 },
        pieces: [
          { value: 1, label: L.lisa.HH, color: '#d7191c' }, { value: 2, label: L.lisa.LL, color: '#2c7bb6' }, { value: 3, label: L.lisa.HL, color: '#fdae61' },
          { value: 4, label: L.lisa.LH, color: '#abd9e9' }, { value: 5, label: L.lisa.ns, color: '#e8e8e8' }, { value: 6, label: L.lisa.island, color: '#bdbdbd' },
          { value: 7, label: T.noData, color: '#ffffff' }
        ] }
    ];
    return o;
  }

  function lorenz(id, c) {
    var d = c.lorenz.data;
    var o = base(id, T.lorenzTitle + ' · ' + c.id, 'Gini = ' + fmt(d.gini, 3) + ' · ' + fmt(d.firms, 0) + ' ' + T.firmsUnit);
    o.grid = { left: 64, right: 24, top: 70, bottom: 78 };
    o.tooltip = { trigger: 'axis', confine: true, valueFormatter: function (v) { return fmt(v, 1) + '%'; } };
    o.legend = { bottom: 4 };
    o.xAxis = { type: 'value', min: 0, max: 100, name: T.lorenzX, nameLocation: 'middle', nameGap: 30 };
    o.yAxis = { type: 'value', min: 0, max: 100, name: T.lorenzY, nameLocation: 'middle', nameGap: 42 };
    o.series = [
      { type: 'line', name: T.lorenz, showSymbol: false, data: d.population.map(function (p, i) { return [100 * p, 100 * d.share[i]]; }), lineStyle: { width: 2, color: '#c0392b' }, itemStyle: { color: '#c0392b' }, areaStyle: { color: 'rgba(192,57,43,0.12)' } },
      { type: 'line', name: T.equality, showSymbol: false, data: [[0, 0], [100, 100]], lineStyle: { type: 'dashed', color: '#888' }, itemStyle: { color: '#888' } }
    ];
    return o;
  }

  function kDensity(id, c) {
    var d = c.kDensity.data;
    var p = c.kDensity.params;
    var o = base(id, T.kdTitle + ' · ' + c.id, (d.localised ? T.localised : T.notLocalised) + ' · ' + p.simulations + ' ' + T.fromSimulations + ', α = ' + p.alpha);
    o.grid = { left: 70, right: 24, top: 70, bottom: 78 };
    o.legend = { bottom: 4 };
    o.tooltip = { trigger: 'axis', confine: true, valueFormatter: function (v) { return fmt(v, 5); } };
    o.xAxis = { type: 'value', min: 0, max: d.r[d.r.length - 1], name: T.kdX, nameLocation: 'middle', nameGap: 30 };
    o.yAxis = { type: 'value', name: T.kdY, nameLocation: 'middle', nameGap: 52 };
    o.series = [];
    if (d.globalLower && d.globalUpper) {
      var ring = d.r.map(function (r, i) { return [r, d.globalUpper[i]]; }).concat(d.r.map(function (r, i) { return [r, d.globalLower[i]]; }).reverse());
      o.series.push({
        type: 'custom', name: T.globalBand, silent: true, itemStyle: { color: 'rgba(70,130,180,0.3)' }, data: [[0, 0]],
        renderItem: function (params, api) {
          return { type: 'polygon', shape: { points: ring.map(function (q) { return api.coord(q); }) }, style: { fill: 'rgba(70,130,180,0.3)', stroke: 'rgba(70,130,180,0.6)' } };
        }
      });
    }
    if (d.lower && d.upper) {
      o.series.push({ type: 'line', name: T.localBand, showSymbol: false, data: d.r.map(function (r, i) { return [r, d.upper[i]]; }), lineStyle: { type: 'dashed', width: 1, color: '#4682b4' }, itemStyle: { color: '#4682b4' } });
      o.series.push({ type: 'line', name: T.localBand, showSymbol: false, data: d.r.map(function (r, i) { return [r, d.lower[i]]; }), lineStyle: { type: 'dashed', width: 1, color: '#4682b4' }, itemStyle: { color: '#4682b4' } });
    }
    o.series.push({
      type: 'line', name: T.kd, showSymbol: false, data: d.r.map(function (r, i) { return [r, d.value[i]]; }), lineStyle: { width: 2, color: '#c0392b' }, itemStyle: { color: '#c0392b' },
      markArea: { silent: true, itemStyle: { color: 'rgba(192,57,43,0.08)' }, data: d.departures.filter(function (x) { return x.kind === 'localisation'; }).map(function (x) { return [{ xAxis: x.from }, { xAxis: x.to }]; }) }
    });
    return o;
  }

  function network(id, c) {
    var d = c.network.data;
    var sub = d.communities + ' ' + T.communities + (d.modularity === null ? '' : ' · ' + T.modularity + ' Q = ' + fmt(d.modularity, 3));
    var o = base(id, T.networkTitle + ' · ' + c.id, sub);
    var shown = Math.min(d.communities, 8);
    var cats = [];
    for (var k = 0; k < shown; k++) cats.push({ name: T.community + ' ' + (k + 1), itemStyle: { color: PALETTE[k] } });
    var other = cats.length;
    cats.push({ name: T.community + ' ' + (shown + 1) + '+', itemStyle: { color: '#c7c7c7' } });
    var isolated = cats.length;
    cats.push({ name: T.isolated, itemStyle: { color: '#eeeeee', borderColor: '#999' } });
    var inst = cats.length;
    cats.push({ name: T.institution, symbol: 'triangle', itemStyle: { color: '#6a3d9a' } });
    var names = {};
    var maxS = 1;
    d.nodes.forEach(function (n) { names[n.id] = n.name || n.id; if (n.strength > maxS) maxS = n.strength; });
    o.legend = { bottom: 4, type: 'scroll', data: cats.map(function (x, k) { return k === inst ? { name: x.name, icon: 'triangle' } : x.name; }) };
    o.series = [{
      type: 'graph', layout: 'none', roam: true, nodeScaleRatio: 0, categories: cats, top: 70, bottom: 50, left: 20, right: 20,
      data: d.nodes.map(function (n) {
        var cat = n.kind === 'institution' ? inst : n.community < 0 ? isolated : n.community < shown ? n.community : other;
        return {
          name: n.id, x: n.x, y: n.y, category: cat, value: n.strength,
          symbol: n.kind === 'institution' ? 'triangle' : n.leader ? 'diamond' : 'circle',
          symbolSize: n.leader ? 20 : n.kind === 'institution' ? 14 : 5 + 12 * Math.sqrt(n.strength / maxS),
          itemStyle: n.leader ? { borderColor: '#000', borderWidth: 2 } : undefined,
          label: { show: n.leader || n.kind === 'institution', formatter: function () { return names[n.id]; }, fontSize: 10, position: 'right' },
          tooltip: { formatter: function () { return names[n.id] + ' (' + n.id + ')<br>' + (n.kind === 'institution' ? (L.institutionTypes[n.institutionType] || n.institutionType || T.institution) : (n.leader ? T.leaders : T.firms)) + '<br>' + T.degree + ': ' + fmt(n.strength, 0); } }
        };
      }),
      links: d.links.map(function (l) { return { source: l.source, target: l.target }; }),
      lineStyle: { color: '#9a9a9a', opacity: 0.4, width: 0.6 },
      labelLayout: { hideOverlap: true },
      emphasis: { focus: 'adjacency', lineStyle: { width: 2 } }
    }];
    return o;
  }

  var STATUS_COLOUR = { present: '#1b9e77', weak: '#e6ab02', missing: '#d95f02' };

  function chain(id, c) {
    var d = c.chain.data;
    var o = base(id, T.chainTitle + ' · ' + c.id, (d.templateName || d.template) + ' · ' + T.completeness + ' ' + pct(d.completeness));
    var cats = ['present', 'weak', 'missing'].map(function (s) { return { name: T[s], itemStyle: { color: STATUS_COLOUR[s] } }; });
    var catIndex = { present: 0, weak: 1, missing: 2 };
    var vertical = d.stages.filter(function (s) { return s.role === 'vertical'; }).sort(function (a, b) { return a.order - b.order; });
    var support = d.stages.filter(function (s) { return s.role === 'support'; });
    var nodes = [];
    var orders = [];
    vertical.forEach(function (s) { if (orders.indexOf(s.order) < 0) orders.push(s.order); });
    var perOrder = {};
    vertical.forEach(function (s) {
      var col = orders.indexOf(s.order);
      var row = perOrder[s.order] = (perOrder[s.order] || 0) + 1;
      nodes.push({ s: s, x: col * 150, y: (row - 1) * 60 });
    });
    var rows = 1;
    Object.keys(perOrder).forEach(function (k) { if (perOrder[k] > rows) rows = perOrder[k]; });
    var cols = Math.max(orders.length, support.length, 1);
    support.forEach(function (s, k) { nodes.push({ s: s, x: k * 150, y: rows * 60 + 40 }); });
    var el = document.getElementById('chart-' + id);
    var boxW = Math.max(60, Math.min(150, 0.8 * (el ? el.clientWidth - 120 : 600) / cols));
    var links = [];
    d.flows.forEach(function (f) {
      links.push({ source: f.from, target: f.to, value: f.localShare,
        label: { show: true, formatter: '→ ' + (f.localShare === null ? '–' : pct(f.localShare)), fontSize: 11, color: '#333' } });
    });
    var present = {};
    d.flows.forEach(function (f) { present[f.from + '>' + f.to] = true; });
    for (var k = 0; k + 1 < orders.length; k++) {
      vertical.filter(function (s) { return s.order === orders[k]; }).forEach(function (a) {
        vertical.filter(function (s) { return s.order === orders[k + 1]; }).forEach(function (b) {
          if (!present[a.id + '>' + b.id]) links.push({ source: a.id, target: b.id, label: { show: false }, lineStyle: { type: 'dashed' } });
        });
      });
    }
    o.legend = { bottom: 4, data: cats.map(function (x) { return x.name; }) };
    o.series = [{
      type: 'graph', layout: 'none', categories: cats, top: 90, bottom: 70, left: 20 + boxW / 2, right: 20 + boxW / 2,
      edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 8,
      data: nodes.map(function (n) {
        return {
          name: n.s.id, x: n.x, y: n.y, category: catIndex[n.s.status], symbol: 'roundRect', symbolSize: [boxW, 50],
          itemStyle: n.s.status === 'missing' ? { color: '#fff', borderColor: STATUS_COLOUR.missing, borderWidth: 2, borderType: 'dashed' } : undefined,
          label: { show: true, fontSize: 11, lineHeight: 15, color: n.s.status === 'missing' ? STATUS_COLOUR.missing : '#fff', overflow: 'truncate', width: boxW - 8,
            formatter: function () { return (n.s.name || n.s.id) + '\n' + n.s.firmsInside + ' ' + T.firmsUnit + (n.s.role === 'support' ? ' · ' + T.support : ''); } },
          tooltip: { formatter: function () { return (n.s.name || n.s.id) + '<br>' + T[n.s.status] + ' · ' + n.s.firmsInside + ' ' + T.firmsUnit; } }
        };
      }),
      links: links,
      lineStyle: { color: '#666', width: 1.5, curveness: 0 }
    }];
    return o;
  }

  function radar(id, c) {
    var keys = ['geographic', 'embeddedness', 'flexible', 'cooperative', 'innovation', 'selfOrganisation'];
    var s = c.radar.scores;
    var stageName = c.verdict.stage ? L.stages[c.verdict.stage] : T.notApplicable;
    var o = base(id, T.radarTitle + ' · ' + c.id, T.stage + ': ' + stageName);
    o.radar = { center: ['50%', '56%'], radius: '58%', indicator: keys.map(function (k) { return { name: L.characteristics[k] + (s[k] === null ? ' (' + T.notMeasured + ')' : ''), max: 1, min: 0 }; }), axisName: { fontSize: 11, color: '#333' } };
    o.legend = { bottom: 4 };
    o.series = [{ type: 'radar', name: stageName, data: [{ name: stageName, value: keys.map(function (k) { return s[k] === null ? 0 : s[k]; }) }], areaStyle: { opacity: 0.25 }, itemStyle: { color: '#1b9e77' } }];
    o.tooltip = { confine: true };
    return o;
  }

  function portfolio(id) {
    var d = DATA.portfolio.data;
    var o = base(id, T.portfolio, '');
    var maxEmp = 1;
    d.points.forEach(function (p) { if (p.employment > maxEmp) maxEmp = p.employment; });
    var byLabel = {};
    d.points.forEach(function (p) { (byLabel[p.label] = byLabel[p.label] || []).push(p); });
    o.grid = { left: 72, right: 40, top: 70, bottom: 80 };
    o.legend = { bottom: 4 };
    var ref = d.referenceGrowth === null ? null : 100 * d.referenceGrowth;
    o.xAxis = { type: 'value', name: T.lq, nameLocation: 'middle', nameGap: 30, min: 0, max: function (v) { return Math.ceil(Math.max(v.max, 1) * 1.15); } };
    o.yAxis = { type: 'value', name: T.growth, nameLocation: 'middle', nameGap: 48,
      min: function (v) { var m = ref === null ? v.min : Math.min(v.min, ref); return Math.floor(m - 0.15 * Math.max(Math.abs(v.max - v.min), 1)); },
      max: function (v) { var m = ref === null ? v.max : Math.max(v.max, ref); return Math.ceil(m + 0.15 * Math.max(Math.abs(v.max - v.min), 1)); } };
    o.series = Object.keys(byLabel).map(function (label) {
      return {
        type: 'scatter', name: L.labels[label], itemStyle: { color: L.labelColours[label], opacity: 0.75, borderColor: '#fff' },
        data: byLabel[label].map(function (p) { return { value: [p.lq, 100 * p.growth, p.employment], id: p.id, cname: text(p.name) }; }),
        symbolSize: function (v) { return 10 + 50 * Math.sqrt(v[2] / maxEmp); },
        label: { show: true, formatter: function (p) { return p.data.id; }, position: 'top', fontSize: 11 },
        tooltip: { formatter: function (p) { return p.data.id + ' ' + p.data.cname + '<br>' + T.lq + ': ' + fmt(p.value[0], 2) + '<br>' + T.growth + ': ' + fmt(p.value[1], 1) + '<br>' + T.employment + ': ' + fmt(p.value[2], 0); } }
      };
    });
    var lines = [{ xAxis: 1, name: 'LQ = 1', label: { formatter: 'LQ = 1' } }];
    if (ref !== null) lines.push({ yAxis: ref, name: T.growth, label: { formatter: T.allEmployment + ' ' + fmt(ref, 1) + '%', position: 'insideEndTop' } });
    if (o.series.length) o.series[0].markLine = { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#777' }, data: lines };
    return o;
  }

  var BUILDERS = { overview: overviewMap, portfolio: portfolio, map: candidateMap, lorenz: lorenz, kdensity: kDensity, network: network, chain: chain, radar: radar };

  function draw(el) {
    var id = el.getAttribute('data-chart');
    var kind = el.getAttribute('data-kind');
    var k = el.getAttribute('data-candidate');
    var c = k === null ? null : DATA.candidates[Number(k)];
    var t0 = window.performance ? window.performance.now() : 0;
    try {
      var o = BUILDERS[kind](id, c);
      var chart = echarts.init(el, null, { renderer: 'svg' });
      chart.setOption(o);
      charts[id] = chart;
      options[id] = o;
      timings[id] = Math.round((window.performance ? window.performance.now() : 0) - t0);
    } catch (e) {
      el.className += ' chart-failed';
      el.textContent = T.chartFailed + ': ' + (e && e.message ? e.message : String(e));
      console.error('cluster-atlas report: chart ' + id + ' failed', e);
    }
  }

  // Draw the charts in view first, then the others one per task, so the page stays responsive;
  // data-ready="true" on <html> once every chart is drawn (printing draws the rest at once).
  var queue = Array.prototype.slice.call(document.querySelectorAll('.chart[data-chart]'));
  var viewH = window.innerHeight || 1000;
  queue.sort(function (a, b) {
    var va = a.getBoundingClientRect().top < viewH ? 0 : 1, vb = b.getBoundingClientRect().top < viewH ? 0 : 1;
    return va - vb;
  });
  var api = { charts: charts, timings: timings, exportSvg: exportSvg, exportPng: exportPng, ready: false };
  window.clusterAtlasReport = api;
  function finish() {
    api.ready = true;
    document.documentElement.setAttribute('data-ready', 'true');
  }
  function next() {
    var el = queue.shift();
    if (!el) { finish(); return; }
    draw(el);
    setTimeout(next, 0);
  }
  window.addEventListener('beforeprint', function () { while (queue.length) draw(queue.shift()); });
  window.addEventListener('resize', function () { Object.keys(charts).forEach(function (id) { charts[id].resize(); }); });
  next();
})();
`;
