// Chart export: a chart's SVG (recharts draws one <svg class="recharts-surface">) as a standalone SVG file or a
// 2× PNG, with a background, the chart's title and an arm legend drawn into the image so the file stands alone.
// Browser-only (DOM, canvas), called from a click.

import { downloadBlob } from '../download';

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface LegendEntry {
  label: string;
  color: string;
  dash?: string;
}

function el(name: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A standalone SVG document of the chart inside `container`, with title and legend; null when none is drawn. */
export function chartSvgText(container: HTMLElement, title: string, legend: readonly LegendEntry[]): { svg: string; width: number; height: number } | null {
  const src = container.querySelector('svg.recharts-surface');
  if (!(src instanceof SVGSVGElement)) return null;
  const box = src.getBoundingClientRect();
  const w = Math.max(1, Math.round(box.width || Number(src.getAttribute('width')) || 400));
  const h = Math.max(1, Math.round(box.height || Number(src.getAttribute('height')) || 200));
  const top = 28;
  // Legend entries flow left to right and wrap to new rows (about 6 px per character at 11 px).
  const ROW = 16;
  const placed: { e: LegendEntry; x: number; row: number }[] = [];
  let lx = 10;
  let row = 0;
  for (const e of legend) {
    const wEntry = 30 + e.label.length * 6;
    if (lx > 10 && lx + wEntry > w - 6) { row++; lx = 10; }
    placed.push({ e, x: lx, row });
    lx += wEntry;
  }
  const bottom = legend.length > 0 ? 10 + (row + 1) * ROW : 8;
  const out = el('svg', { xmlns: SVG_NS, width: w, height: h + top + bottom, viewBox: `0 0 ${w} ${h + top + bottom}` }) as SVGSVGElement;
  out.appendChild(el('rect', { x: 0, y: 0, width: w, height: h + top + bottom, fill: '#171a20' }));
  out.appendChild(el('text', { x: 10, y: 19, fill: '#e6e9ee', 'font-family': 'system-ui, sans-serif', 'font-size': 14, 'font-weight': 600 }, title));
  const g = el('g', { transform: `translate(0 ${top})` });
  const clone = src.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('x', '0');
  clone.setAttribute('y', '0');
  clone.setAttribute('width', String(w));
  clone.setAttribute('height', String(h));
  clone.removeAttribute('style');
  // Axis text inherits its fill from CSS in the page; give it one explicitly.
  for (const t of clone.querySelectorAll('text')) {
    if (!t.getAttribute('fill')) t.setAttribute('fill', '#9aa3b1');
    t.setAttribute('font-family', 'system-ui, sans-serif');
  }
  g.appendChild(clone);
  out.appendChild(g);
  for (const { e, x, row: r } of placed) {
    const y = top + h + 14 + r * ROW;
    out.appendChild(el('line', { x1: x, y1: y - 4, x2: x + 18, y2: y - 4, stroke: e.color, 'stroke-width': 2.5, ...(e.dash ? { 'stroke-dasharray': e.dash } : {}) }));
    out.appendChild(el('text', { x: x + 23, y, fill: '#e6e9ee', 'font-family': 'system-ui, sans-serif', 'font-size': 11 }, e.label));
  }
  return { svg: new XMLSerializer().serializeToString(out), width: w, height: h + top + bottom };
}

export function exportSvg(container: HTMLElement, title: string, legend: readonly LegendEntry[], filename: string): boolean {
  const r = chartSvgText(container, title, legend);
  if (!r) return false;
  downloadBlob(new Blob([r.svg], { type: 'image/svg+xml' }), filename);
  return true;
}

/** Renders the SVG into a 2× canvas and downloads it as PNG; rejects when the browser cannot. */
export async function exportPng(container: HTMLElement, title: string, legend: readonly LegendEntry[], filename: string): Promise<boolean> {
  const r = chartSvgText(container, title, legend);
  if (!r) return false;
  const url = URL.createObjectURL(new Blob([r.svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('chart export: the chart image could not be drawn'));
      img.src = url;
    });
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = r.width * scale;
    canvas.height = r.height * scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('chart export: no 2-D canvas context');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('chart export: the PNG could not be encoded');
    downloadBlob(blob, filename);
    return true;
  } finally {
    URL.revokeObjectURL(url);
  }
}
