// Charts drawn on the server as SVG (DSFR colours), each an image with a text alternative; the numbers
// are always given in a table next to it for screen readers and for reading exact values.
import type { FC } from 'hono/jsx';

export interface Series {
  name: string;
  colour: string;
}

const FR_NUMBER = new Intl.NumberFormat('fr-FR');
const fmt = (n: number) => FR_NUMBER.format(n);

/** Vertical bars, one group per label, the series stacked. */
export const StackedBars: FC<{ id: string; title: string; labels: string[]; series: Series[]; values: number[][] }> = ({
  id,
  title,
  labels,
  series,
  values,
}) => {
  const width = 720;
  const height = 220;
  const left = 40;
  const bottom = 30;
  const totals = labels.map((_, i) => series.reduce((a, _s, k) => a + (values[k]?.[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const step = (width - left) / Math.max(1, labels.length);
  const bar = Math.max(2, step * 0.7);
  const y = (v: number) => ((height - bottom) * v) / max;
  const summary = `${title} : de ${fmt(Math.min(...totals))} à ${fmt(max === 1 && totals.every((t) => t === 0) ? 0 : max)} par période, ${fmt(totals.reduce((a, b) => a + b, 0))} au total.`;
  return (
    <figure class="fr-mb-2w" style="margin-left:0;margin-right:0">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        style="max-width:720px;display:block"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        <line x1={left} y1={height - bottom} x2={width} y2={height - bottom} stroke="#929292" />
        <text x={left - 6} y={12} text-anchor="end" font-size="11" fill="#3a3a3a">
          {fmt(max)}
        </text>
        <text x={left - 6} y={height - bottom} text-anchor="end" font-size="11" fill="#3a3a3a">
          0
        </text>
        {labels.map((label, i) => {
          let acc = 0;
          const x = left + i * step + (step - bar) / 2;
          return (
            <g>
              {series.map((s, k) => {
                const v = values[k]?.[i] ?? 0;
                const h = y(v);
                acc += h;
                return v > 0 ? <rect x={x} y={height - bottom - acc} width={bar} height={h} fill={s.colour} /> : null;
              })}
              {i % Math.ceil(labels.length / 7) === 0 ? (
                <text x={x + bar / 2} y={height - 10} text-anchor="middle" font-size="11" fill="#3a3a3a">
                  {label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      {series.length > 1 ? (
        <figcaption>
          <ul class="fr-tags-group" aria-label="Légende">
            {series.map((s) => (
              <li>
                <span class="fr-tag fr-tag--sm">
                  <span
                    aria-hidden="true"
                    style={`display:inline-block;width:10px;height:10px;margin-right:6px;background:${s.colour}`}
                  />
                  {s.name}
                </span>
              </li>
            ))}
          </ul>
        </figcaption>
      ) : null}
    </figure>
  );
};

/** Horizontal bars, one per row (a funnel, shares). */
export const HorizontalBars: FC<{
  id: string;
  title: string;
  rows: { label: string; value: number; colour: string; text?: string }[];
}> = ({ id, title, rows }) => {
  const width = 720;
  const rowH = 34;
  const labelW = 220;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const height = rows.length * rowH + 4;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      style="max-width:720px;display:block"
      class="fr-mb-2w"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{rows.map((r) => `${r.label} : ${r.text ?? fmt(r.value)}`).join(' ; ')}</desc>
      {rows.map((r, i) => {
        const w = ((width - labelW - 90) * r.value) / max;
        const yy = i * rowH + 4;
        return (
          <g>
            <text x={0} y={yy + 18} font-size="13" fill="#161616">
              {r.label}
            </text>
            <rect x={labelW} y={yy} width={Math.max(w, r.value > 0 ? 2 : 0)} height={rowH - 10} fill={r.colour} />
            <text x={labelW + w + 6} y={yy + 18} font-size="13" fill="#161616">
              {r.text ?? fmt(r.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
};
