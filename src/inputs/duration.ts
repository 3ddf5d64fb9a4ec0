/** Seconds from `90`, `90s`, `5m` or `1h`; undefined for anything else. */
export function parseDuration(value: string): number | undefined {
  const m = /^(\d+)\s*(s|m|h)?$/i.exec(value.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? 's').toLowerCase();
  return Number(m[1]) * (unit === 'h' ? 3600 : unit === 'm' ? 60 : 1);
}
