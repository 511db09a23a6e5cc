/* Planning Atlas: draws the static map layers (static/build/*.json.gz) into a folium map.
 *
 * Each layer file is fetched once per page and kept (its name carries a content
 * hash, so a cached copy is never stale). Files are gzip: the server serves them
 * as they are and the browser inflates them here (DecompressionStream).
 * Once the units are drawn, the map container carries data-drawn="N".
 */
(function () {
  "use strict";
  var PA = (window.PA = window.PA || {});
  var pending = {};

  PA.fetchJson = function (url) {
    if (!pending[url]) {
      pending[url] = fetch(url).then(function (response) {
        if (!response.ok) { throw new Error(url + ": HTTP " + response.status); }
        if (!/\.gz(\?|$)/.test(url)) { return response.json(); }
        var plain = response.body.pipeThrough(new DecompressionStream("gzip"));
        return new Response(plain).json();
      });
    }
    return pending[url];
  };

  function escapeHtml(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* Resolves once the count is set, after the frame that painted the units. */
  function markDrawn(map, count) {
    return new Promise(function (resolve) {
      // Two frames: Leaflet paints canvas and SVG layers on the next animation frame.
      requestAnimationFrame(function () {
        requestAnimationFrame(function () {
          map.getContainer().setAttribute("data-drawn", String(count));
          resolve();
        });
      });
    });
  }
  PA.markDrawn = markDrawn;

  /* streamlit-folium (0.27.4, pinned) sends every map event to the app 250 ms late, so that
   * a burst of pans and zooms becomes one rerun; a click is one event and needs no such wait.
   * After Leaflet has handled a click, and streamlit-folium has recorded what was clicked,
   * this sends the value streamlit-folium would send, built the same way, at once, through
   * the components protocol (the message Streamlit's component library posts). It records
   * the value as sent, so streamlit-folium's own send 250 ms later finds nothing new. */
  function sendClickNow(map) {
    var data = window.__GLOBAL_DATA__;
    if (!data || !data.returned_objects || window.parent === window) { return; }
    var all = {
      last_clicked: data.lat_lng_clicked, last_object_clicked: data.last_object_clicked,
      last_object_clicked_count: data.last_object_clicked_count,
      last_object_clicked_tooltip: data.last_object_clicked_tooltip,
      last_object_clicked_popup: data.last_object_clicked_popup, all_drawings: data.all_drawings,
      last_active_drawing: data.last_active_drawing, last_geocoder_result: data.last_geocoder_result,
      bounds: map.getBounds(), zoom: map.getZoom(), last_circle_radius: data.last_circle_radius,
      last_circle_polygon: data.last_circle_polygon, center: map.getCenter(),
      selected_layers: Object.values(data.selected_layers || {}), selected_tags: data.selected_tags
    };
    var value = {};
    Object.keys(all).forEach(function (key) {
      if (data.returned_objects.indexOf(key) >= 0) { value[key] = all[key]; }
    });
    if (JSON.stringify(value) === JSON.stringify(data.previous_data)) { return; }
    data.previous_data = value;
    window.parent.postMessage(
      { isStreamlitMessage: true, type: "streamlit:setComponentValue", value: value, dataType: "json" }, "*");
  }

  PA.promptClicks = function (map) {
    if (map._paPromptClicks) { return; }
    map._paPromptClicks = true;
    // The container's own listener runs after Leaflet's (added when the map was made);
    // the timeout lets every click handler of this event finish first.
    map.getContainer().addEventListener("click", function (event) {
      // The second click of a double-click zooms; streamlit-folium's delayed send covers it.
      if (event.detail > 1) { return; }
      setTimeout(function () { sendClickNow(map); }, 0);
    });
  };

  function report(map, error) {
    map.getContainer().setAttribute("data-error", String(error));
    if (window.console) { console.error(error); }
  }

  /* Resolves once the map's units are drawn (at once on a map with no unit files).
   * The map script makes every call in one go, so by the first microtask after it
   * PA.units has set map._paUnitsDrawn. What waits on this (the neighbours' outlines,
   * the labels) neither downloads nor inflates nor draws while the units do: a province
   * view fetches some twenty outline files, which used to hold its own units back. */
  function afterUnits(map) {
    return Promise.resolve().then(function () { return map._paUnitsDrawn; });
  }

  /* Offline background of a locality: province fills and dashed district lines of the given files. */
  PA.background = function (group, map, cfg) {
    // Its own pane under the overlays: a canvas added later would otherwise cover the units.
    var pane = map.getPane("pa-background") || map.createPane("pa-background");
    pane.style.zIndex = 350;
    pane.style.pointerEvents = "none";
    var renderer = L.canvas({ padding: 0.5, pane: "pa-background" });
    afterUnits(map).then(function () {
      return Promise.all(cfg.urls.map(PA.fetchJson));
    }).then(function (collections) {
      collections.forEach(function (fc) {
        L.geoJSON(fc, {
          renderer: renderer,
          interactive: false,
          filter: function (f) { return f.properties.l === "p"; },
          pane: "pa-background",
          style: function () { return cfg.province_style; }
        }).addTo(group);
      });
      collections.forEach(function (fc) {
        L.geoJSON(fc, {
          renderer: renderer,
          interactive: false,
          filter: function (f) { return f.properties.l === "d"; },
          pane: "pa-background",
          style: function () { return cfg.district_style; }
        }).addTo(group);
      });
    }).catch(function (error) { report(map, error); });
  };

  /* Web Mercator pixels at zoom 0 (0..256), computed once per vertex. */
  function projectRings(geometry) {
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    var rings = [], bbox = [Infinity, Infinity, -Infinity, -Infinity];
    for (var i = 0; i < polygons.length; i++) {
      for (var j = 0; j < polygons[i].length; j++) {
        var ring = polygons[i][j], xy = new Float64Array(ring.length * 2);
        for (var k = 0; k < ring.length; k++) {
          var lon = ring[k][0], lat = Math.max(-85, Math.min(85, ring[k][1])) * Math.PI / 180;
          var x = (lon + 180) / 360 * 256, y = (1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) * 128;
          xy[2 * k] = x; xy[2 * k + 1] = y;
          if (x < bbox[0]) { bbox[0] = x; } if (y < bbox[1]) { bbox[1] = y; }
          if (x > bbox[2]) { bbox[2] = x; } if (y > bbox[3]) { bbox[3] = y; }
        }
        rings.push(xy);
      }
    }
    return { rings: rings, bbox: bbox };
  }

  /* Many polygons on one canvas, one fill per colour and one stroke per line style.
   * Leaflet's own canvas renderer issues a fill and a stroke per polygon; at ten
   * thousand units that, not the download, is what makes a national map slow.
   * A polygon smaller than a pixel is drawn as one pixel, so no unit vanishes. */
  var CoverageLayer = L.Layer.extend({
    initialize: function (groups) { this._groups = groups; this._highlight = null; },
    onAdd: function (map) {
      this._canvas = L.DomUtil.create("canvas", "pa-coverage leaflet-zoom-animated");
      this._canvas.style.pointerEvents = "none";
      map.getPane("overlayPane").appendChild(this._canvas);
      map.on("moveend zoomend resize viewreset", this._reset, this);
      if (map._zoomAnimated) { map.on("zoomanim", this._animateZoom, this); }
      this._reset();
    },
    onRemove: function (map) {
      map.off("moveend zoomend resize viewreset", this._reset, this);
      map.off("zoomanim", this._animateZoom, this);
      L.DomUtil.remove(this._canvas);
    },
    highlight: function (feature) { this._highlight = feature; this._draw(); },
    _animateZoom: function (e) {
      var map = this._map, scale = map.getZoomScale(e.zoom, this._zoom);
      var offset = map._latLngToNewLayerPoint(this._topLeftLatLng, e.zoom, e.center);
      L.DomUtil.setTransform(this._canvas, offset, scale);
    },
    _reset: function () {
      var map = this._map, size = map.getSize(), ratio = window.devicePixelRatio || 1;
      var topLeft = map.containerPointToLayerPoint([0, 0]);
      this._zoom = map.getZoom();
      this._topLeftLatLng = map.containerPointToLatLng([0, 0]);
      L.DomUtil.setPosition(this._canvas, topLeft);
      this._canvas.width = size.x * ratio; this._canvas.height = size.y * ratio;
      this._canvas.style.width = size.x + "px"; this._canvas.style.height = size.y + "px";
      this._ratio = ratio;
      var origin = map.getPixelOrigin();
      this._scale = Math.pow(2, this._zoom);
      this._ox = origin.x + topLeft.x; this._oy = origin.y + topLeft.y;
      this._size = size;
      this._draw();
    },
    _trace: function (ctx, feature) {
      var s = this._scale, ox = this._ox, oy = this._oy, b = feature.bbox;
      var x0 = b[0] * s - ox, y0 = b[1] * s - oy, x1 = b[2] * s - ox, y1 = b[3] * s - oy;
      if (x1 < 0 || y1 < 0 || x0 > this._size.x || y0 > this._size.y) { return false; }
      if (x1 - x0 < 1 && y1 - y0 < 1) { ctx.rect(Math.floor(x0), Math.floor(y0), 1, 1); return true; }
      for (var r = 0; r < feature.rings.length; r++) {
        var xy = feature.rings[r], px = xy[0] * s - ox, py = xy[1] * s - oy;
        ctx.moveTo(px, py);
        for (var k = 2; k < xy.length; k += 2) {
          var x = xy[k] * s - ox, y = xy[k + 1] * s - oy;
          // Skip vertices within half a pixel of the last one drawn.
          if (Math.abs(x - px) + Math.abs(y - py) < 0.5 && k < xy.length - 2) { continue; }
          ctx.lineTo(x, y); px = x; py = y;
        }
        ctx.closePath();
      }
      return true;
    },
    _paint: function (ctx, group) {
      var stroke = group.stroke && this._zoom >= (group.stroke.minZoom || 0) ? group.stroke : null;
      if (!group.fill && !stroke) { return; }
      if (group.fill) { ctx.fillStyle = group.fill.color; }
      if (stroke) { ctx.strokeStyle = stroke.color; ctx.lineWidth = stroke.weight; ctx.lineJoin = "round"; }
      // Paths of a few hundred polygons: Chromium builds one huge path in more than linear time.
      for (var start = 0; start < group.features.length; start += 256) {
        ctx.beginPath();
        var any = false, end = Math.min(start + 256, group.features.length);
        for (var i = start; i < end; i++) { any = this._trace(ctx, group.features[i]) || any; }
        if (!any) { continue; }
        if (group.fill) { ctx.globalAlpha = group.fill.opacity; ctx.fill("evenodd"); }
        if (stroke) { ctx.globalAlpha = stroke.opacity; ctx.stroke(); }
      }
    },
    _draw: function () {
      var ctx = this._canvas.getContext("2d"), self = this;
      ctx.setTransform(this._ratio, 0, 0, this._ratio, 0, 0);
      ctx.clearRect(0, 0, this._size.x, this._size.y);
      this._groups.forEach(function (group) { self._paint(ctx, group); });
      if (this._highlight) {
        ctx.beginPath();
        if (this._trace(ctx, this._highlight)) {
          ctx.globalAlpha = 1; ctx.strokeStyle = "#000000"; ctx.lineWidth = 2.5; ctx.stroke();
        }
      }
      ctx.globalAlpha = 1;
    }
  });

  function pointInRings(feature, x, y) {
    var inside = false;
    for (var r = 0; r < feature.rings.length; r++) {
      var xy = feature.rings[r];
      for (var i = 0, j = xy.length - 2; i < xy.length; j = i, i += 2) {
        if ((xy[i + 1] > y) !== (xy[j + 1] > y) &&
            x < (xy[j] - xy[i]) * (y - xy[i + 1]) / (xy[j + 1] - xy[i + 1]) + xy[i]) { inside = !inside; }
      }
    }
    return inside;
  }

  /* The national unit layer, coloured by one indicator, with outlines and the seed localities. */
  PA.national = function (group, map, cfg) {
    var seedPane = map.getPane("pa-seeds") || map.createPane("pa-seeds");
    seedPane.style.zIndex = 450;
    seedPane.style.pointerEvents = "none";
    var seedDistricts = {}, seedProvinces = {};
    cfg.seeds.districts.forEach(function (c) { seedDistricts[c] = true; });
    cfg.seeds.provinces.forEach(function (c) { seedProvinces[c] = true; });
    var seedsUrl = cfg.seeds_url || cfg.outlines_url;
    Promise.all([PA.fetchJson(cfg.units_url), PA.fetchJson(cfg.outlines_url), PA.fetchJson(seedsUrl)]).then(function (loaded) {
      var byColour = {}, units = [];
      loaded[0].features.forEach(function (f) {
        var key = f.properties[cfg.colour.key], colour = cfg.colour.map[key];
        if (colour === undefined) { colour = cfg.colour.fallback; }
        var projected = projectRings(f.geometry);
        projected.properties = f.properties;
        units.push(projected);
        (byColour[colour] = byColour[colour] || []).push(projected);
      });
      var groups = Object.keys(byColour).map(function (colour) {
        return { features: byColour[colour], fill: { color: colour, opacity: 0.8 } };
      });
      groups.push({ features: units, stroke: { color: "#ffffff", weight: 0.4, opacity: 0.7, minZoom: 8 } });
      var districts = [], provinces = [];
      loaded[1].features.forEach(function (f) {
        (f.properties.l === "d" ? districts : provinces).push(projectRings(f.geometry));
      });
      groups.push({ features: districts, stroke: { color: "#7a7a7a", weight: 0.5, opacity: 0.7 } });
      groups.push({ features: provinces, stroke: { color: "#222222", weight: 1.1, opacity: 0.9 } });
      var layer = new CoverageLayer(groups);
      group.addLayer(layer);
      PA.promptClicks(map);
      // Which unit a click is in: the app looks the click up on the server; this only highlights it.
      map.on("click", function (e) {
        var p = map.options.crs.latLngToPoint(e.latlng, 0), hit = null;
        for (var i = 0; i < units.length && !hit; i++) {
          var b = units[i].bbox;
          if (p.x >= b[0] && p.x <= b[2] && p.y >= b[1] && p.y <= b[3] && pointInRings(units[i], p.x, p.y)) { hit = units[i]; }
        }
        layer.highlight(hit);
      });
      L.geoJSON(loaded[2], {
        pane: "pa-seeds", interactive: false,
        filter: function (f) {
          var p = f.properties;
          return (p.l === "d" && seedDistricts[p.c]) || (p.l === "p" && seedProvinces[p.c]);
        },
        style: function () {
          return { fill: false, color: cfg.seeds.colour, weight: 3, opacity: 1, className: "pa-seed" };
        }
      }).addTo(group);
      map.getContainer().setAttribute("data-units", String(units.length));
      markDrawn(map, units.length);
    }).catch(function (error) { report(map, error); });
  };

  /* The features of the given unit files whose code is in cfg.codes, in the order of the files. */
  function localUnits(cfg) {
    var wanted = {};
    cfg.codes.forEach(function (c) { wanted[c] = true; });
    return Promise.all(cfg.urls.map(PA.fetchJson)).then(function (collections) {
      var out = [];
      collections.forEach(function (fc) {
        fc.features.forEach(function (f) { if (wanted[f.properties.c]) { out.push(f); } });
      });
      return out;
    });
  }

  function formatArea(value, number) {
    if (value == null) { return ""; }
    var parts = Number(value).toFixed(2).split(".");
    return parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, number.thousands) + number.decimal + parts[1];
  }

  /* A locality's units from the per-province files: SVG paths (class pa-unit) with a tooltip,
   * a hover highlight, and the unit's code in the feature a click returns to the app. */
  PA.units = function (group, map, cfg) {
    // Under the overlay pane, so the project lines and areas drawn there stay on top.
    var pane = map.getPane("pa-units") || map.createPane("pa-units");
    pane.style.zIndex = 390;
    var upgraded = {};
    cfg.upgraded.forEach(function (c) { upgraded[c] = true; });
    map._paUnitsDrawn = localUnits(cfg).then(function (features) {
      var layer = L.geoJSON(features.map(function (f) {
        var p = f.properties;
        return {
          type: "Feature", geometry: f.geometry,
          properties: { code: p.c, name: p.n, unit_type: p.t, area_km2: p.a }
        };
      }), {
        pane: "pa-units",
        style: function (f) {
          var up = upgraded[f.properties.code] === true;
          var fill = up ? cfg.upgraded_colour : (cfg.colours[f.properties.unit_type] || cfg.missing);
          return L.extend({}, cfg.style, { fillColor: fill, dashArray: up ? "4 3" : null, className: "pa-unit" });
        }
      });
      function tooltipHtml(path) {
        var p = path.feature.properties, values = {
          name: p.name, type_label: cfg.types[p.unit_type] || p.unit_type, code: p.code,
          area_label: formatArea(p.area_km2, cfg.number)
        };
        var rows = Object.keys(cfg.fields).map(function (key) {
          return "<tr><th>" + cfg.fields[key] + "</th><td>" + escapeHtml(values[key]) + "</td></tr>";
        });
        return "<table>" + rows.join("") + "</table>";
      }
      // One tooltip and one pair of hover handlers for the layer, its text made on hover:
      // binding them per path cost a few tens of ms at 500 units.
      layer.bindTooltip(tooltipHtml, { sticky: true });
      layer.on("mouseover", function (e) { e.layer.setStyle(cfg.highlight); });
      layer.on("mouseout", function (e) { layer.resetStyle(e.layer); });
      // streamlit-folium records the clicked shape's own tooltip as the last clicked text; a
      // unit's tooltip belongs to this layer, so record it here (this runs before the click
      // reaches streamlit-folium's handler on the group). The app tells a project's second
      // click from its first by that text changing in between.
      layer.on("click", function (e) {
        var data = window.__GLOBAL_DATA__;
        if (!data) { return; }
        var text = document.createElement("span");
        text.innerHTML = tooltipHtml(e.layer);
        data.last_object_clicked_tooltip = text.textContent.trim();
      });
      layer.addTo(group);
      PA.promptClicks(map);
      return markDrawn(map, features.length);
    }).catch(function (error) { report(map, error); });
  };

  /* The unit names at each unit's label point; the page's declutter rule shows them from its zoom on. */
  PA.unitLabels = function (group, map, cfg) {
    afterUnits(map).then(function () { return localUnits(cfg); }).then(function (features) {
      features.forEach(function (f) {
        var point = f.properties.r;
        L.marker([point[1], point[0]], {
          icon: L.divIcon({
            className: "pa-unit-label-icon", iconSize: [0, 0],
            html: '<div class="pa-unit-label" style="display:inline-block;font:600 11px Arial,sans-serif;color:#222;' +
              'text-shadow:0 0 3px #fff,0 0 3px #fff;white-space:nowrap;transform:translate(-50%,-50%);">' +
              escapeHtml(f.properties.n) + "</div>"
          }),
          interactive: false, keyboard: false
        }).addTo(group);
      });
      map.fire("pa:labels");
    }).catch(function (error) { report(map, error); });
  };

  /* Locality views: the units are in the map script; count them once drawn. */
  PA.countDrawn = function (map, selector) {
    PA.promptClicks(map);
    map.whenReady(function () { markDrawn(map, map.getContainer().querySelectorAll(selector).length); });
  };
})();
