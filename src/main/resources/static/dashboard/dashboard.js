'use strict';
// Quality-team dashboard: one run chart per indicator (Measure) and unit, from the FHIR server's $run-chart.
(function () {
  const TEXTS = {
    sv: {
      toWorklists: 'Arbetslistor per enhet och PAL', title: 'Kvalitetsindikatorer', unit: 'Enhet', allUnits: 'Alla enheter', from: 'Från', to: 'Till',
      language: 'Språk', show: 'Visa', loading: 'Hämtar…', loaded: 'Uppdaterad', month: 'Månad',
      numerator: 'Täljare', denominator: 'Nämnare', value: 'Värde', yearBefore: 'Samma månad föregående år',
      change: 'Förändring %', signal: 'Signal', shift: 'skift', trend: 'trend', median: 'Median', goal: 'Mål',
      table: 'Siffror bakom diagrammet', csv: 'Ladda ned CSV', failed: 'Kunde inte hämta',
      lead: 'Styrdiagram per månad för vårdcentralens mål: ångest, bensodiazepiner, beroendeframkallande läkemedel, sjukskrivning och fysisk aktivitet.',
      legend: 'Punkter: röd = skift (minst 6 i rad på samma sida om medianen), orange = trend (minst 5 i rad uppåt eller nedåt). Streckad linje = median, grön linje = mål.',
      source: 'Definitioner: indicators.md (Primary Care CDS). Beräknat med $run-chart på FHIR-servern.',
      securityOff: 'VARNING: säkerheten är avstängd (dev-profil). Vem som helst kan läsa patientdata. Använd aldrig med riktiga patientuppgifter.',
      loginNeeded: 'Inloggning krävs: öppna sidan med en åtkomsttoken från regionens inloggningstjänst (…/dashboard/#access_token=…, behörighet user/Measure.r och user/Organization.s).'
    },
    en: {
      toWorklists: 'Worklists per unit and PAL', title: 'Quality indicators', unit: 'Unit', allUnits: 'All units', from: 'From', to: 'To',
      language: 'Language', show: 'Show', loading: 'Loading…', loaded: 'Updated', month: 'Month',
      numerator: 'Numerator', denominator: 'Denominator', value: 'Value', yearBefore: 'Same month a year before',
      change: 'Change %', signal: 'Signal', shift: 'shift', trend: 'trend', median: 'Median', goal: 'Goal',
      table: 'Numbers behind the chart', csv: 'Download CSV', failed: 'Could not load',
      lead: 'Monthly run charts of the primary care centres\' goals: anxiety, benzodiazepines, dependence-inducing drugs, sick leave and physical activity.',
      legend: 'Points: red = shift (6 or more in a row on one side of the median), orange = trend (5 or more in a row up or down). Dashed line = median, green line = goal.',
      source: 'Definitions: indicators.md (Primary Care CDS). Computed with $run-chart on the FHIR server.',
      securityOff: 'WARNING: security is switched off (dev profile). Anyone can read patient data. Never use with real patient data.',
      loginNeeded: 'Login required: open the page with an access token from the region\'s identity provider (…/dashboard/#access_token=…, scopes user/Measure.r and user/Organization.s).'
    }
  };
  const EXT = 'https://fhir.primarycare.se/StructureDefinition/indicator';
  const charts = [];
  let lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'sv';

  function t(key) { return TEXTS[lang][key] || key; }

  function applyTexts() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-text]').forEach(el => { el.textContent = t(el.dataset.text); });
  }

  async function fhir(path) {
    return (await FhirClient.get(path, 'application/fhir+json', { loginNeeded: t('loginNeeded'), failed: t('failed') }))
      .json();
  }

  function part(point, name) {
    const p = point.part.find(x => x.name === name);
    if (!p) { return null; }
    return p.valueDecimal ?? p.valueInteger ?? p.valueString ?? p.valueDate ?? p.valueBoolean ?? null;
  }

  function indicatorExtension(measure, name) {
    const ext = (measure.extension || []).find(e => e.url === EXT);
    const sub = ext ? (ext.extension || []).find(e => e.url === name) : null;
    return sub ? (sub.valueDecimal ?? sub.valueCode ?? sub.valueString ?? sub.valueInteger) : undefined;
  }

  function lastMonths(count) {
    const now = new Date();
    const end = new Date(now.getFullYear(), now.getMonth() - 1, 1);
    const start = new Date(end.getFullYear(), end.getMonth() - (count - 1), 1);
    const fmt = d => d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0');
    return [fmt(start), fmt(end)];
  }

  async function loadUnits() {
    const bundle = await fhir('Organization?_count=500&_sort=name');
    const select = document.getElementById('unit');
    (bundle.entry || []).forEach(e => {
      const option = document.createElement('option');
      option.value = e.resource.id;
      option.textContent = e.resource.name || e.resource.id;
      select.appendChild(option);
    });
    const wanted = new URLSearchParams(location.search).get('unit');
    if (wanted) { select.value = wanted; }
  }

  // A month without a value (a proportion with an empty denominator) is null: a gap in the chart, never 0 %.
  function number(value) { return value === null || value === undefined ? null : Number(value); }

  function fixed(value) { return value === null ? '–' : value.toFixed(3); }

  function rows(points) {
    return points.map(p => ({
      month: part(p, 'month'), numerator: part(p, 'numerator'), denominator: part(p, 'denominator'),
      value: number(part(p, 'value')), yearBefore: number(part(p, 'valueYearBefore')),
      change: part(p, 'changePercent'), shift: part(p, 'shift') === true, trend: part(p, 'trend') === true,
      groups: (p.part || []).filter(x => x.name === 'group').map(g => ({
        code: part(g, 'code'), numerator: part(g, 'numerator'), value: number(part(g, 'value'))
      }))
    }));
  }

  // The parts of an indicator (Ån07-åtgärder's three actions), named as the Measure's groups describe them.
  function groupNames(measure, data) {
    const codes = data.length ? data[0].groups.map(g => g.code) : [];
    return codes.map(code => {
      const group = (measure.group || []).find(g => g.id === code || (g.code && g.code.text === code));
      return { code, name: (group && group.description) || code };
    });
  }

  function table(data, groups) {
    const head = ['month', 'numerator', 'denominator', 'value', 'yearBefore', 'change', 'signal'].map(t);
    const html = ['<table><thead><tr>', ...head.concat(groups.map(g => g.name)).map(h => '<th>' + h + '</th>'),
      '</tr></thead><tbody>'];
    data.forEach(r => {
      const signal = [r.shift ? t('shift') : '', r.trend ? t('trend') : ''].filter(Boolean).join(', ');
      html.push('<tr><td>' + r.month + '</td><td>' + r.numerator + '</td><td>' + r.denominator + '</td><td>' +
        fixed(r.value) + '</td><td>' + fixed(r.yearBefore) + '</td><td>' + (r.change ?? '') + '</td><td>' +
        signal + '</td>' + r.groups.map(g => '<td>' + fixed(g.value) + '</td>').join('') + '</tr>');
    });
    html.push('</tbody></table>');
    return html.join('');
  }

  function csv(measureId, data, groups) {
    const lines = [['month', 'numerator', 'denominator', 'value', 'value_year_before', 'change_percent', 'shift',
      'trend'].concat(groups.map(g => g.code)).join(';')];
    data.forEach(r => lines.push([r.month, r.numerator, r.denominator, r.value ?? '', r.yearBefore ?? '',
      r.change ?? '', r.shift, r.trend].concat(r.groups.map(g => g.value ?? '')).join(';')));
    return URL.createObjectURL(new Blob([lines.join('\n') + '\n'], { type: 'text/csv;charset=utf-8' }));
  }

  function draw(section, measure, chart) {
    const data = rows(chart.parameter.filter(p => p.name === 'point'));
    const groups = groupNames(measure, data);
    const medianParameter = chart.parameter.find(p => p.name === 'median');
    const median = medianParameter ? Number(medianParameter.valueDecimal) : null;
    const goal = indicatorExtension(measure, 'goal');
    const goalChange = indicatorExtension(measure, 'goalChangePercent');
    const datasets = [{
      label: t('value'), data: data.map(r => r.value), borderColor: '#005a8c', tension: 0,
      pointRadius: 4, pointBackgroundColor: data.map(r => r.shift ? '#c62828' : r.trend ? '#ef8f00' : '#005a8c')
    }, {
      label: t('median'), data: data.map(() => median), borderColor: '#6b7b88', borderDash: [6, 4], pointRadius: 0
    }];
    const partColours = ['#7b1fa2', '#00838f', '#8d6e63'];
    groups.forEach((group, i) => datasets.push({
      label: group.name, data: data.map(r => r.groups[i] ? r.groups[i].value : null),
      borderColor: partColours[i % partColours.length], borderWidth: 1, borderDash: [2, 2], pointRadius: 2, tension: 0
    }));
    if (goal !== undefined) {
      datasets.push({ label: t('goal'), data: data.map(() => Number(goal)), borderColor: '#2e7d32', pointRadius: 0 });
    } else if (goalChange !== undefined) {
      datasets.push({ label: t('goal'),
        data: data.map(r => r.yearBefore === null ? null : r.yearBefore * (1 + Number(goalChange) / 100)),
        borderColor: '#2e7d32', pointRadius: 0 });
    }
    const canvas = section.querySelector('canvas');
    charts.push(new Chart(canvas, {
      type: 'line', data: { labels: data.map(r => r.month), datasets },
      options: {
        animation: false, responsive: true, plugins: { legend: { position: 'bottom' } },
        scales: { y: { beginAtZero: true, suggestedMax: 1 } }
      }
    }));
    section.dataset.points = String(data.length);
    section.dataset.values = data.map(r => r.value ?? '').join(',');
    section.querySelector('.table').innerHTML = table(data, groups);
    const link = section.querySelector('a.csv');
    link.href = csv(measure.id, data, groups);
    link.download = measure.id + '.csv';
  }

  async function render() {
    const status = document.getElementById('status');
    status.textContent = t('loading');
    charts.splice(0).forEach(c => c.destroy());
    const main = document.getElementById('charts');
    main.innerHTML = '';
    main.dataset.ready = 'false';
    const unit = document.getElementById('unit').value;
    const from = document.getElementById('from').value;
    const to = document.getElementById('to').value;
    const bundle = await fhir('Measure?_count=100&_sort=url');
    // The teams' own order: anxiety goals first, then prescribing volume, sick leave, packs, activity counts.
    const order = ['an07', 'an09', 'did-', 'sl28', 'sl14', 'starter-pack', 'long-term-use', 'activity-'];
    const rank = id => { const i = order.findIndex(p => id.startsWith(p)); return i < 0 ? order.length : i; };
    const measures = (bundle.entry || []).map(e => e.resource)
      .sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
    for (const measure of measures) {
      const section = document.createElement('section');
      section.className = 'indicator';
      section.dataset.measure = measure.id;
      section.innerHTML = '<h2></h2><p class="guidance"></p><canvas></canvas>' +
        '<details><summary>' + t('table') + '</summary><div class="table"></div></details>' +
        '<a class="csv" href="#">' + t('csv') + '</a>';
      section.querySelector('h2').textContent = measure.title;
      section.querySelector('.guidance').textContent = measure.guidance || '';
      main.appendChild(section);
      const query = 'Measure/' + measure.id + '/$run-chart?from=' + from + '&to=' + to +
        (unit ? '&subject=Organization/' + encodeURIComponent(unit) : '');
      draw(section, measure, await fhir(query));
    }
    main.dataset.ready = 'true';
    main.dataset.unit = unit;
    status.textContent = t('loaded') + ' ' + new Date().toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB');
  }

  function reportError(error) {
    window.dashboardErrors.push(String(error));
    const list = document.getElementById('errors');
    const item = document.createElement('li');
    item.textContent = String(error);
    list.appendChild(item);
    document.getElementById('status').textContent = String(error);
  }

  async function start() {
    const params = new URLSearchParams(location.search);
    const [from, to] = lastMonths(24);
    document.getElementById('from').value = params.get('from') || from;
    document.getElementById('to').value = params.get('to') || to;
    document.getElementById('language').value = lang;
    applyTexts();
    const mode = await (await fetch('../security-mode')).json();
    document.getElementById('security-off').hidden = mode.fhirApiSecured;
    await loadUnits();
    document.getElementById('controls').addEventListener('submit', e => { e.preventDefault(); render().catch(reportError); });
    document.getElementById('unit').addEventListener('change', () => render().catch(reportError));
    document.getElementById('language').addEventListener('change', e => {
      lang = e.target.value;
      applyTexts();
      render().catch(reportError);
    });
    await render();
  }

  start().catch(reportError);
})();
