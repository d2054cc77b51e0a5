const SVG = 'http://www.w3.org/2000/svg';

const THUMB = [
  'M2 10h4v11H2z',
  'M8 21h9.2a2 2 0 0 0 2-1.6l1.6-7.2A2 2 0 0 0 18.8 10H14l.9-4.3A1.8 1.8 0 0 0 13.2 3.5L8 10z',
];
const PATHS = {
  thumbUp: THUMB,
  thumbDown: THUMB,
  chat: ['M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H10l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z'],
} as const;

/** A decorative inline icon (no emoji font needed); the control carries its own text label. */
export function icon(name: keyof typeof PATHS): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '20');
  svg.setAttribute('height', '20');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'icon');
  const g = document.createElementNS(SVG, 'g');
  g.setAttribute('fill', 'currentColor');
  if (name === 'thumbDown') g.setAttribute('transform', 'rotate(180 12 12)');
  for (const d of PATHS[name]) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    g.appendChild(path);
  }
  svg.appendChild(g);
  return svg;
}
