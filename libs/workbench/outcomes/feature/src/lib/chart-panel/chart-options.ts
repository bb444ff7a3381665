import type { ChartOptions } from 'chart.js';
import { themeColour } from '../outcomes-charts';

// Read when options are built (not at import), so the theme's stylesheet has been applied.
const TEXT = () => themeColour('--mat-sys-on-surface');
const GRID = () => themeColour('--mat-sys-outline-variant');

const axisTitle = (text: string) => ({ display: true, text, color: TEXT(), font: { size: 13, weight: 600 as const } });

/**
 * Chart.js options for the dashboard: titled axes, whole-number counts, legend below, no animation (so a printed
 * or captured page never catches a chart half-drawn).
 */
export function barOptions(o: { x: string; y: string; horizontal?: boolean; stacked?: boolean; legend?: boolean }): ChartOptions<'bar'> {
  const count = { beginAtZero: true, ticks: { precision: 0, color: TEXT() }, grid: { color: GRID() } };
  // Every area and agency name is shown; a year of weeks skips labels rather than overprinting them.
  const category = { ticks: { color: TEXT(), autoSkip: !o.horizontal, maxRotation: 45 }, grid: { display: false } };
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    indexAxis: o.horizontal ? 'y' : 'x',
    // A period or a reason with one bar should not fill the chart with one slab of colour.
    datasets: { bar: { maxBarThickness: 56 } },
    plugins: {
      legend: { display: o.legend ?? true, position: 'bottom', labels: { color: TEXT(), font: { size: 13 } } },
      tooltip: { enabled: true },
    },
    scales: {
      x: { ...(o.horizontal ? count : category), stacked: !!o.stacked, title: axisTitle(o.x) },
      y: { ...(o.horizontal ? category : count), stacked: !!o.stacked, title: axisTitle(o.y) },
    },
  };
}

export function lineOptions(o: { x: string; y: string }): ChartOptions<'line'> {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: { legend: { display: true, position: 'bottom', labels: { color: TEXT(), font: { size: 13 } } } },
    scales: {
      x: { ticks: { color: TEXT() }, grid: { display: false }, title: axisTitle(o.x) },
      y: { beginAtZero: true, ticks: { color: TEXT() }, grid: { color: GRID() }, title: axisTitle(o.y) },
    },
  };
}
