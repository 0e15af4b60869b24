// The statistics page's charts (Chart.js from its WebJar). The numbers come from the page itself
// (<script type="application/json" id="stats-data">), the same ones its tables show.
(function () {
  const data = JSON.parse(document.getElementById('stats-data').textContent);
  const t = data.labels;
  const colours = ['#a01818', '#d9661f', '#c9a227', '#5f9e3a', '#0b6e2e'];
  function chart(id, config) {
    const canvas = document.getElementById(id);
    if (canvas) {
      config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false }, config.options || {});
      canvas.chart = new Chart(canvas, config);
      canvas.dataset.drawn = 'true';
    }
  }
  chart('chart-days', { type: 'line', data: { labels: data.days.map(d => d.day), datasets: [
    { label: t.started, data: data.days.map(d => d.started), borderColor: '#17324d' },
    { label: t.completed, data: data.days.map(d => d.completed), borderColor: '#0b6e2e' },
    { label: t.abandoned, data: data.days.map(d => d.abandoned), borderColor: '#a01818' }] } });
  chart('chart-items', { type: 'bar', data: { labels: data.items.map(i => i.itemCode), datasets: [
    { label: t.completed, data: data.items.map(i => i.completed), backgroundColor: '#0b6e2e' },
    { label: t.abandoned, data: data.items.map(i => i.abandoned), backgroundColor: '#a01818' }] },
    options: { scales: { x: { stacked: true }, y: { stacked: true } } } });
  chart('chart-steps', { type: 'bar', data: { labels: data.steps.map(s => s.itemCode + ' · ' + s.step), datasets: [
    { label: t.abandonedAt, data: data.steps.map(s => s.count), backgroundColor: '#a01818' }] }, options: { indexAxis: 'y' } });
  chart('chart-reviews', { type: 'bar', data: { labels: data.items.map(i => i.itemCode), datasets: [1, 2, 3, 4, 5].map(level => (
    { label: t.level + ' ' + level, data: data.items.map(i => (i.reviews || {})[String(level)] || 0), backgroundColor: colours[level - 1] })) },
    options: { scales: { x: { stacked: true }, y: { stacked: true } } } });
  chart('chart-hours', { type: 'bar', data: { labels: data.hours.map((_, h) => h + ':00'), datasets: [
    { label: t.started, data: data.hours, backgroundColor: '#17324d' }] } });
})();
