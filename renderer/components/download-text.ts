/** Saves a string as a file through a temporary Blob link (the renderer has no file system). */
export function downloadText(text: string, fileName: string, type: string): void {
  // A BOM so spreadsheet programs read the UTF-8 Chinese text correctly.
  const blob = new Blob(['\uFEFF', text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
