// @ts-check
import { api } from '../api.js';
import { h } from '../dom.js';

// The kennisregisseur's dashboard: content health per department and its trend, and what agents
// search for. Charts with Chart.js (loaded once, only here); every chart has its numbers in a table too.

let chartLibrary = null;
function loadChartJs() {
  chartLibrary ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/werkplek/vendor/chart/chart.umd.min.js';
    script.onload = () => resolve(/** @type {any} */ (window).Chart);
    script.onerror = () => reject(new Error('grafiekbibliotheek niet geladen'));
    document.head.append(script);
  });
  return chartLibrary;
}

/** A chart's canvas: an image to screen readers, with its label saying where the numbers are. */
const chartCanvas = (id, label) => h('canvas', { id, role: 'img', 'aria-label': label });

const pct = (v) => (v === null || v === undefined ? '—' : `${Math.round(v * 100)}%`);
const COLORS = { ok: '#1d6b2f', due: '#0b4f8a', overdue: '#7a3e00', escalated: '#a1001f' };

/**
 * @param {HTMLElement} main
 */
export async function renderDashboard(main) {
  main.append(h('h1', {}, 'Regie op kennismanagement'));
  const charts = [];
  const [overview, trend, analytics] = await Promise.all([
    api('/api/stewardship/overview').then((r) => r.body),
    api('/api/stewardship/trend').then((r) => r.body),
    api('/api/analytics/search')
      .then((r) => r.body)
      .catch(() => null),
  ]);
  const Chart = await loadChartJs();
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#1a1a1a';
  Chart.defaults.animation = false;

  const t = overview.total;
  main.append(
    h(
      'div',
      { class: 'cards' },
      card('Binnen controledatum', pct(t.trustScore), `${t.withinReviewDate} van ${t.published} gepubliceerde artikelen`),
      card('Gewogen naar gebruik', pct(t.trustScoreByOpens), 'aandeel van wat medewerkers openen'),
      card('Verlopen', String(t.overdue), `${t.escalated} geëscaleerd`),
      card('Binnen 30 dagen', String(t.dueIn30Days), 'te controleren'),
      card(
        'Open terugmeldingen',
        String(t.openFeedback ?? 0),
        `${t.openSourceChanges ?? 0} bronwijzigingen, ${t.brokenLinks ?? 0} kapotte links`,
      ),
    ),
  );

  // Per department: stacked bars (ok / due soon / overdue / escalated) and the table behind them.
  const deps = overview.departments;
  const canvas = chartCanvas(
    'chart-departments',
    'Staafdiagram: artikelen per afdeling naar controlestatus; de cijfers staan in de tabel eronder',
  );
  main.append(h('h2', {}, 'Per afdeling'), h('div', { class: 'chart-box' }, canvas));
  charts.push(
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: deps.map((d) => d.department.name),
        datasets: [
          { label: 'Op orde', data: deps.map((d) => d.published - d.overdue - d.dueIn30Days), backgroundColor: COLORS.ok },
          { label: 'Binnen 30 dagen', data: deps.map((d) => d.dueIn30Days), backgroundColor: COLORS.due },
          { label: 'Verlopen', data: deps.map((d) => d.overdue - d.escalated), backgroundColor: COLORS.overdue },
          { label: 'Geëscaleerd', data: deps.map((d) => d.escalated), backgroundColor: COLORS.escalated },
        ],
      },
      options: { maintainAspectRatio: false, responsive: true, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
    }),
  );
  main.append(
    h(
      'table',
      { id: 'department-table' },
      h('caption', { class: 'visually-hidden' }, 'Inhoudelijke gezondheid per afdeling'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [
            'Afdeling',
            'Gepubliceerd',
            'Binnen datum',
            'Binnen 30 dagen',
            'Verlopen',
            'Geëscaleerd',
            'Mediaan dagen te laat',
            'Terugmeldingen',
            'Bronwijzigingen',
            'Kapotte links',
          ].map((c, i) => h('th', { scope: 'col', class: i ? 'num' : '' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        deps.map((d) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, d.department.name),
            [
              d.published,
              pct(d.trustScore),
              d.dueIn30Days,
              d.overdue,
              d.escalated,
              d.medianDaysOverdue ?? '—',
              d.openFeedback ?? 0,
              d.openSourceChanges ?? 0,
              d.brokenLinks ?? 0,
            ].map((v) => h('td', { class: 'num' }, String(v))),
          ),
        ),
      ),
    ),
  );

  // Trend: share within review date and overdue over time.
  const points = trend.points;
  const trendCanvas = chartCanvas('chart-trend', 'Lijndiagram: verloop van het aandeel artikelen binnen de controledatum');
  main.append(
    h('h2', {}, 'Verloop'),
    points.length
      ? h('div', { class: 'chart-box' }, trendCanvas)
      : h('p', {}, 'Nog geen dagelijkse metingen: de eerste komt na de eerstvolgende controle-scan.'),
  );
  if (points.length) {
    charts.push(
      new Chart(trendCanvas, {
        type: 'line',
        data: {
          labels: points.map((p) => p.day),
          datasets: [
            {
              label: 'Binnen controledatum (%)',
              data: points.map((p) => (p.trustScore === null || p.trustScore === undefined ? null : Math.round(p.trustScore * 100))),
              borderColor: COLORS.ok,
              backgroundColor: COLORS.ok,
              yAxisID: 'y',
            },
            {
              label: 'Verlopen',
              data: points.map((p) => p.overdue ?? null),
              borderColor: COLORS.overdue,
              backgroundColor: COLORS.overdue,
              yAxisID: 'y1',
            },
          ],
        },
        options: {
          maintainAspectRatio: false,
          scales: {
            y: { min: 0, max: 100, position: 'left' },
            y1: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false } },
          },
        },
      }),
    );
  }

  if (t.mostUrgent?.length) {
    main.append(
      h('h2', {}, 'Meest urgent'),
      h('p', { class: 'hint' }, 'Verlopen artikelen die medewerkers het vaakst openen.'),
      h(
        'ol',
        {},
        t.mostUrgent.map((a) =>
          h('li', {}, h('a', { href: `#/artikel/${a.id}` }, a.title), ` — ${a.daysOverdue} dagen te laat, ${a.opens} keer geopend`),
        ),
      ),
    );
  }

  if (analytics) main.append(searchSection(analytics, Chart, charts));
  return () => charts.forEach((c) => c.destroy());
}

function searchSection(report, Chart, charts) {
  const section = h('section', { 'aria-labelledby': 'search-title' }, h('h2', { id: 'search-title' }, 'Zoekgedrag van medewerkers'));
  const top = report.topQueries.slice(0, 10);
  const zero = report.zeroResultQueries.slice(0, 10);
  const ctr = report.totals.clickThroughRate;
  section.append(
    h('p', {}, `Zoekopdrachten: ${report.totals.searches}; zonder resultaat: ${report.totals.zeroResults}; doorklikratio: ${pct(ctr)}.`),
  );
  if (top.length) {
    const canvas = chartCanvas('chart-top-queries', 'Staafdiagram: meest gezochte vragen; de cijfers staan in de tabel eronder');
    section.append(h('h3', {}, 'Meest gezocht'), h('div', { class: 'chart-box' }, canvas));
    charts.push(
      new Chart(canvas, {
        type: 'bar',
        data: {
          labels: top.map((q) => q.query),
          datasets: [{ label: 'Aantal keer', data: top.map((q) => q.searches), backgroundColor: '#0b4f8a' }],
        },
        options: { indexAxis: 'y', maintainAspectRatio: false },
      }),
    );
  }
  section.append(queryTable('Zonder resultaat', zero));
  return section;
}

function queryTable(title, rows) {
  return h(
    'div',
    {},
    h('h3', {}, title),
    rows.length
      ? h(
          'table',
          {},
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Zoekvraag'), h('th', { scope: 'col', class: 'num' }, 'Aantal'))),
          h(
            'tbody',
            {},
            rows.map((q) => h('tr', {}, h('td', {}, q.query), h('td', { class: 'num' }, String(q.searches)))),
          ),
        )
      : h('p', {}, 'Geen.'),
  );
}

function card(title, value, note) {
  return h('div', { class: 'card' }, h('p', {}, title), h('p', { class: 'big' }, value), h('p', { class: 'hint' }, note));
}
