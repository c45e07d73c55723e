'use strict';
// Worklists for the care team and each PAL: the patients behind the indicators, from Patient/$worklist.
(function () {
  const TEXTS = {
    sv: {
      title: 'Arbetslistor', toCharts: 'Styrdiagram', list: 'Lista', unit: 'Enhet', pal: 'PAL', allPals: 'Alla',
      noPal: 'Utan PAL', noPalCell: 'utan PAL', date: 'Datum', language: 'Språk', show: 'Visa', csv: 'Ladda ned CSV',
      an07: 'Ångest och bensodiazepiner (Ån07)', tapering: 'Beroendeframkallande läkemedel, långvarig användning',
      sickLeave: 'Sjukskrivningar (psykiatrisk diagnos)', loading: 'Hämtar…', patients: 'patienter',
      open: 'öppna åtgärder', plans: 'aktiva nedtrappningsplaner', personnummer: 'Personnummer', name: 'Namn',
      age: 'Ålder', openActions: 'Öppna åtgärder', perPal: 'Per PAL', failed: 'Kunde inte hämta',
      lead: 'Patienterna bakom indikatorerna, per enhet och PAL. Rader med öppna åtgärder är markerade.',
      legend: 'Markerad rad = minst en öppen åtgärd. "saknas" = åtgärden är inte gjord; "okänt" = uppgiften finns inte i journalen. Klicka på en kolumnrubrik för att sortera.',
      securityOff: 'VARNING: säkerheten är avstängd (dev-profil). Vem som helst kan läsa patientdata. Använd aldrig med riktiga patientuppgifter.',
      loginNeeded: 'Inloggning krävs: öppna sidan med en åtkomsttoken (…/dashboard/worklist.html#access_token=…, behörighet user/Patient.r och user/Organization.s).',
      yes: 'ja', no: 'nej', unknown: 'okänt', empty: 'Inga patienter på listan.'
    },
    en: {
      title: 'Worklists', toCharts: 'Run charts', list: 'List', unit: 'Unit', pal: 'PAL', allPals: 'All',
      noPal: 'No PAL', noPalCell: 'no PAL', date: 'Date', language: 'Language', show: 'Show', csv: 'Download CSV',
      an07: 'Anxiety and benzodiazepines (Ån07)', tapering: 'Dependence-inducing drugs, long-term use',
      sickLeave: 'Sick leave (psychiatric diagnosis)', loading: 'Loading…', patients: 'patients',
      open: 'open actions', plans: 'active tapering plans', personnummer: 'Personal identity number', name: 'Name',
      age: 'Age', openActions: 'Open actions', perPal: 'Per PAL', failed: 'Could not load',
      lead: 'The patients behind the indicators, per unit and PAL. Lines with open actions are highlighted.',
      legend: 'Highlighted line = at least one open action. "missing" = the action is not done; "unknown" = the record does not say. Click a column heading to sort.',
      securityOff: 'WARNING: security is switched off (dev profile). Anyone can read patient data. Never use with real patient data.',
      loginNeeded: 'Login required: open the page with an access token (…/dashboard/worklist.html#access_token=…, scopes user/Patient.r and user/Organization.s).',
      yes: 'yes', no: 'no', unknown: 'unknown', empty: 'No patients on the list.'
    }
  };
  const BASE = 'https://fhir.primarycare.se/StructureDefinition/';
  let lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'sv';
  let current = { columns: [], lines: [], sort: null };

  function t(key) { return TEXTS[lang][key] || key; }

  function applyTexts() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-text]').forEach(el => { el.textContent = t(el.dataset.text); });
  }

  function get(path, accept) {
    return FhirClient.get(path, accept, { loginNeeded: t('loginNeeded'), failed: t('failed') });
  }

  function sub(extension, url) {
    const found = (extension.extension || []).filter(e => e.url === url);
    return found.length ? found[0] : null;
  }

  function value(extension) {
    if (!extension) { return null; }
    if (extension.valueReference) { return extension.valueReference.display || extension.valueReference.reference; }
    for (const key of ['valueDate', 'valueDecimal', 'valueInteger', 'valueBoolean', 'valueString', 'valueCode']) {
      if (key in extension) { return extension[key]; }
    }
    return null;
  }

  function worklistPath(format) {
    const params = new URLSearchParams();
    params.set('list', document.getElementById('list').value);
    params.set('organization', 'Organization/' + document.getElementById('unit').value);
    const pal = document.getElementById('pal').value;
    if (pal) { params.set('practitioner', pal === 'none' ? 'none' : 'Practitioner/' + pal); }
    const date = document.getElementById('date').value;
    if (date) { params.set('date', date); }
    if (format) { params.set('format', format); }
    params.set('lang', lang);
    return 'Patient/$worklist?' + params.toString();
  }
  window.worklistCsvPath = () => worklistPath('csv');
  // The CSV exactly as the download button gets it (for the browser test and for scripts).
  window.worklistCsvText = async () => (await get(worklistPath('csv'), 'text/csv')).text();

  function cell(value, column) {
    if (value === null || value === undefined) { return column.empty; }
    if (typeof value === 'boolean') { return value ? t('yes') : t('no'); }
    if (typeof value === 'number' && !Number.isInteger(value)) {
      const text = String(value);
      return lang === 'sv' ? text.replace('.', ',') : text;
    }
    return String(value);
  }

  function read(list) {
    const columns = (list.extension || []).filter(e => e.url === BASE + 'worklist-column').map(e => ({
      key: value(sub(e, 'key')), heading: value(sub(e, 'heading')), empty: value(sub(e, 'empty'))
    }));
    const lines = (list.entry || []).map(entry => {
      const line = (entry.extension || []).find(e => e.url === BASE + 'worklist-line') || { extension: [] };
      const row = {
        patient: entry.item.reference,
        personnummer: value(sub(line, 'personnummer')),
        name: entry.item.display && entry.item.display !== value(sub(line, 'personnummer')) ? entry.item.display : '',
        age: value(sub(line, 'age')),
        pal: value(sub(line, 'pal')),
        open: value(sub(line, 'open-actions')) || 0,
        values: {}
      };
      columns.forEach(c => { row.values[c.key] = value(sub(line, c.key)); });
      return row;
    });
    const perPal = (list.extension || []).filter(e => e.url === BASE + 'worklist-pal-count').map(e => ({
      pal: sub(e, 'pal') ? sub(e, 'pal').valueReference : null,
      patients: value(sub(e, 'patients')), open: value(sub(e, 'open-actions')),
      plans: value(sub(e, 'active-tapering-plans'))
    }));
    return { columns, lines, perPal };
  }

  function cellsOf(line) {
    return [line.personnummer || t('unknown'), line.name, line.age === null ? t('unknown') : String(line.age),
      line.pal || t('noPalCell')].concat(current.columns.map(c => cell(line.values[c.key], c)), [String(line.open)]);
  }

  function render() {
    const table = document.getElementById('rows');
    const headings = [t('personnummer'), t('name'), t('age'), t('pal')]
      .concat(current.columns.map(c => c.heading), [t('openActions')]);
    const head = document.createElement('tr');
    headings.forEach((heading, index) => {
      const th = document.createElement('th');
      th.textContent = heading;
      th.dataset.index = index;
      th.addEventListener('click', () => sortBy(index));
      head.appendChild(th);
    });
    table.tHead.replaceChildren(head);
    const body = document.createDocumentFragment();
    current.lines.forEach(line => {
      const tr = document.createElement('tr');
      tr.dataset.patient = line.patient;
      if (line.open > 0) { tr.classList.add('open-actions'); }
      cellsOf(line).forEach((text, index) => {
        const td = document.createElement('td');
        td.textContent = text;
        const column = current.columns[index - 4];
        if (column && (line.values[column.key] === null || line.values[column.key] === undefined)) {
          td.classList.add(column.empty === 'saknas' || column.empty === 'missing' ? 'missing' : 'unknown');
        }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.tBodies[0].replaceChildren(body);
    document.getElementById('status').textContent = current.lines.length
      ? current.lines.length + ' ' + t('patients') : t('empty');
  }

  function sortBy(index) {
    const descending = current.sort && current.sort.index === index && !current.sort.descending;
    current.sort = { index, descending };
    const key = line => {
      const text = cellsOf(line)[index];
      const number = Number(String(text).replace(',', '.'));
      return Number.isNaN(number) ? text : number;
    };
    current.lines.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      const order = x < y ? -1 : x > y ? 1 : 0;
      return descending ? -order : order;
    });
    render();
  }

  function renderPerPal(perPal, withPlans) {
    const section = document.getElementById('per-pal');
    const title = document.createElement('h2');
    title.textContent = t('perPal');
    const list = document.createElement('ul');
    perPal.forEach(count => {
      const item = document.createElement('li');
      item.textContent = (count.pal ? count.pal.display || count.pal.reference : t('noPal')) + ': ' + count.patients
        + ' ' + t('patients') + ', ' + count.open + ' ' + t('open')
        + (withPlans ? ', ' + count.plans + ' ' + t('plans') : '');
      list.appendChild(item);
    });
    section.replaceChildren(title, list);
  }

  function fillPals(perPal) {
    const select = document.getElementById('pal');
    const chosen = select.value;
    const options = [new Option(t('allPals'), '')];
    perPal.forEach(count => {
      if (count.pal) {
        options.push(new Option(count.pal.display || count.pal.reference, count.pal.reference.split('/')[1]));
      }
    });
    options.push(new Option(t('noPal'), 'none'));
    select.replaceChildren(...options);
    if ([...select.options].some(o => o.value === chosen)) { select.value = chosen; }
  }

  async function show() {
    document.getElementById('status').textContent = t('loading');
    const list = read(await (await get(worklistPath(null), 'application/fhir+json')).json());
    current = { columns: list.columns, lines: list.lines, sort: null };
    if (!document.getElementById('pal').value) {
      fillPals(list.perPal);
    }
    renderPerPal(list.perPal, document.getElementById('list').value === 'tapering');
    render();
    document.body.dataset.loaded = 'true';
  }

  async function downloadCsv() {
    const response = await get(worklistPath('csv'), 'text/csv');
    const blob = new Blob([await response.arrayBuffer()], { type: 'text/csv' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = document.getElementById('list').value + '-' + (document.getElementById('date').value || 'idag') + '.csv';
    link.click();
  }

  async function units() {
    const bundle = await (await get('Organization?_count=500&_sort=name', 'application/fhir+json')).json();
    const select = document.getElementById('unit');
    (bundle.entry || []).forEach(e => select.appendChild(new Option(e.resource.name || e.resource.id, e.resource.id)));
  }

  function report(error) {
    document.getElementById('status').textContent = error.message;
    window.dashboardErrors.push(String(error.message));
  }

  async function start() {
    document.getElementById('language').value = lang;
    applyTexts();
    const mode = await (await fetch('../security-mode')).json();
    document.getElementById('security-off').hidden = mode.fhirApiSecured !== false;
    document.getElementById('language').addEventListener('change', e => {
      lang = e.target.value;
      applyTexts();
      show().catch(report);
    });
    document.getElementById('controls').addEventListener('submit', e => { e.preventDefault(); show().catch(report); });
    document.getElementById('list').addEventListener('change', () => {
      document.getElementById('pal').value = '';
    });
    document.getElementById('unit').addEventListener('change', () => {
      document.getElementById('pal').value = '';
    });
    document.getElementById('csv').addEventListener('click', () => downloadCsv().catch(report));
    await units();
    await show();
  }

  start().catch(report);
})();
