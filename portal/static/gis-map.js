/* The map of /carte: Leaflet, layers read from the portal's OGC API by view box, a popup with
   the urbanism lookup on click (or Enter at the centre). No inline script: CSP script-src 'self'. */
(function () {
  "use strict";

  var el = document.getElementById("carte-map");
  if (!el || !window.L) { return; }
  var cfg = el.dataset;
  var zoneWords = JSON.parse(cfg.zoneWords || "{}");
  var zoneFamilies = JSON.parse(cfg.zoneFamilies || "{}");
  var minZoom = JSON.parse(cfg.minZoom || "{}");
  var announce = document.getElementById("carte-annonce");

  // No fading: the popup is readable (and its contrast measurable) as soon as it opens.
  var map = L.map(el, { keyboard: true, zoomSnap: 1, fadeAnimation: false });
  el._girouMap = map; // for the browser test, which reads pixel positions from it
  if (cfg.tiles) {
    L.tileLayer(cfg.tiles, { maxZoom: 19, attribution: cfg.attribution }).addTo(map);
  }
  var extent = JSON.parse(cfg.extent || "null");
  if (extent) {
    map.fitBounds([[extent[1], extent[0]], [extent[3], extent[2]]]);
  } else {
    map.setView([43.7, 1.6], 11);
  }

  function pathClass(layer, props) {
    if (layer === "plu_zones") {
      return "gis-zone gis-zone-" + (zoneFamilies[props.typezone] || "U");
    }
    if (layer === "poi") { return "gis-poi gis-poi-" + String(props.categorie || ""); }
    return {
      communes: "gis-commune", parcels: "gis-parcel",
      plu_prescriptions: "gis-prescription", plu_informations: "gis-information"
    }[layer] || "";
  }

  function geoLayer(name) {
    return L.geoJSON(null, {
      interactive: false,
      style: function (feature) { return { className: pathClass(name, feature.properties) }; },
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, { radius: name === "poi" ? 7 : 4, interactive: false });
      }
    });
  }

  var names = (cfg.layers || "").split(",").filter(Boolean);
  var layers = {};
  var requests = {};
  names.forEach(function (name) { layers[name] = geoLayer(name).addTo(map); });

  function refresh(name) {
    var box = document.getElementById("couche-" + name);
    var group = layers[name];
    if (box && !box.checked) { return; }
    if (map.getZoom() < (minZoom[name] || 0)) { group.clearLayers(); return; }
    var b = map.getBounds();
    var bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) {
      return v.toFixed(6);
    }).join(",");
    var url = cfg.ogc + "collections/" + name + "/items?limit=5000&bbox=" + bbox;
    var ticket = (requests[name] || 0) + 1;
    requests[name] = ticket;
    fetch(url, { headers: { Accept: "application/geo+json" } })
      .then(function (r) { return r.ok ? r.json() : { features: [] }; })
      .then(function (data) {
        if (requests[name] !== ticket) { return; } // a later view won
        group.clearLayers();
        group.addData(data);
        el.dataset["loaded" + name.replace(/_/g, "")] = String(data.features.length);
      });
  }

  function refreshAll() { names.forEach(refresh); }
  map.on("moveend", refreshAll);
  refreshAll();

  names.forEach(function (name) {
    var box = document.getElementById("couche-" + name);
    if (!box) { return; }
    box.addEventListener("change", function () {
      if (box.checked) { map.addLayer(layers[name]); refresh(name); }
      else { map.removeLayer(layers[name]); }
    });
  });

  // --- the lookup popup ---------------------------------------------------------------------
  var selected = L.geoJSON(null, {
    interactive: false, style: function () { return { className: "gis-selected" }; }
  }).addTo(map);

  function node(tag, text, cls) {
    var n = document.createElement(tag);
    if (text) { n.textContent = text; }
    if (cls) { n.className = cls; }
    return n;
  }

  function kindOf(feature) { return String(feature.id || "").split(".")[0]; }

  function section(props) {
    var s = String(props.section || "").replace(/^0+/, "") || String(props.section || "");
    return s + " " + (String(props.numero || "").replace(/^0+/, "") || "0");
  }

  function folded(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/\s+/g, " ").trim();
  }

  function popupContent(data, lat, lng) {
    var box = node("div", null, "gis-popup");
    var by = {};
    data.features.forEach(function (f) { (by[kindOf(f)] = by[kindOf(f)] || []).push(f); });
    var parcel = (by.parcelle || [])[0];
    var commune = (by.municipality || [])[0];
    var title = parcel ? "Parcelle " + section(parcel.properties) : "Point sans parcelle";
    box.appendChild(node("h3", title));
    var lines = [];
    if (commune) { lines.push("Commune : " + commune.properties.name); }
    if (parcel && parcel.properties.contenance) {
      lines.push("Contenance : " + Number(parcel.properties.contenance).toLocaleString("fr-FR") + " m²");
    }
    var address = (by.adresse || [])[0];
    if (address) {
      lines.push("Adresse : " + [address.properties.numero, address.properties.rep,
        address.properties.nom_voie].filter(Boolean).join(" "));
    }
    lines.forEach(function (t) { box.appendChild(node("p", t)); });
    var zones = by.zone_urba || [];
    if (!zones.length) { box.appendChild(node("p", "Aucune zone de PLU publiée ici.")); }
    zones.forEach(function (z) {
      var p = z.properties;
      var para = node("p");
      var words = zoneWords[p.typezone] || p.typezone || "";
      para.appendChild(node("strong", "Zone " + p.libelle));
      // The long label only when it says more than the zone type ("Zone agricole" once).
      para.appendChild(document.createTextNode(" — " + words +
        (p.libelong && folded(p.libelong) !== folded(words) ? " : " + p.libelong : "")));
      box.appendChild(para);
      if (p.urlfic || p.nomfic) {
        var reg = node("p", "Règlement : ");
        if (p.urlfic) {
          var a = node("a", p.nomfic || p.urlfic);
          a.href = p.urlfic;
          reg.appendChild(a);
        } else { reg.appendChild(document.createTextNode(p.nomfic)); }
        box.appendChild(reg);
      }
    });
    var rules = [];
    Object.keys(by).forEach(function (k) {
      if (k.indexOf("prescription_") === 0 || k.indexOf("info_") === 0) {
        by[k].forEach(function (f) { rules.push(f.properties.libelle); });
      }
    });
    if (rules.length) {
      box.appendChild(node("p", "Prescriptions et informations :"));
      var ul = node("ul");
      rules.forEach(function (r) { ul.appendChild(node("li", r)); });
      box.appendChild(ul);
    }
    if (parcel || zones.length) {
      var link = node("a", "Fiche de renseignements d'urbanisme (PDF)", "gis-fiche");
      link.href = cfg.fiche + "?" + (parcel ? "parcelle=" + encodeURIComponent(parcel.properties.id)
        : "lon=" + lng.toFixed(6) + "&lat=" + lat.toFixed(6));
      box.appendChild(node("p")).appendChild(link);
    }
    return { box: box, parcel: parcel, text: box.textContent };
  }

  function lookupAt(latlng) {
    var url = cfg.lookup + "?lon=" + latlng.lng.toFixed(7) + "&lat=" + latlng.lat.toFixed(7);
    return fetch(url, { headers: { Accept: "application/geo+json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (!data.features) { throw new Error(data.message || "lookup failed"); }
        var content = popupContent(data, latlng.lat, latlng.lng);
        selected.clearLayers();
        if (content.parcel) { selected.addData(content.parcel); }
        L.popup({ maxWidth: 340 }).setLatLng(latlng).setContent(content.box).openOn(map);
        if (announce) { announce.textContent = content.text; }
      })
      .catch(function (err) {
        L.popup().setLatLng(latlng).setContent(node("p", "Interrogation impossible : " + err.message)).openOn(map);
      });
  }

  map.on("click", function (e) { lookupAt(e.latlng); });
  el.addEventListener("keydown", function (e) {
    if (e.target !== el) { return; }
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      lookupAt(map.getCenter());
    }
  });

  // --- a search result (server-side) and a version's changes --------------------------------
  var result = document.getElementById("gis-resultat");
  if (result && result.dataset.lat) {
    var at = L.latLng(Number(result.dataset.lat), Number(result.dataset.lon));
    map.setView(at, 17);
    lookupAt(at);
  }
  if (cfg.versionUrl) {
    fetch(cfg.versionUrl).then(function (r) { return r.json(); }).then(function (data) {
      var changes = L.geoJSON(data, {
        interactive: false,
        style: function (f) {
          return { className: "gis-change gis-change-" + f.properties.girou_change };
        }
      }).addTo(map);
      if (data.bbox) {
        map.fitBounds([[data.bbox[1], data.bbox[0]], [data.bbox[3], data.bbox[2]]], { maxZoom: 16 });
      } else if (changes.getLayers().length) {
        map.fitBounds(changes.getBounds());
      }
    });
  }
})();
