// Saving a file from the page: a Blob handed to the browser's download through a temporary link. Used by the chart
// exports (SVG, PNG), the run's CSV and the runs list's JSON export.

/** Saves `blob` as `filename` through a temporary link. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
