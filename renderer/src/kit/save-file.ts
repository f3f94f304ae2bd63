// A file the backend made (a CSV, an invoice's courtesy PDF), handed to the browser to save: the
// bytes are the backend's, unchanged (a CSV's BOM and «;», a PDF's exact bytes).
export function saveBase64File(fileName: string, base64: string, type: string): void {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  saveBlob(fileName, new Blob([bytes as BlobPart], { type }));
}

/** Hands bytes to the browser as a download named `fileName` (the till's files, the back office's exports). */
export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Later than the click's own handling: some browsers read the URL after the event returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
