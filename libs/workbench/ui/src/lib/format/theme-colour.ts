/**
 * Chart.js paints on a canvas, which cannot read CSS custom properties, so a chart colour is a theme token resolved
 * to a concrete rgb() when a chart is built. A probe element resolves it because mat.theme declares its tokens as
 * light-dark() pairs, which only an element's computed colour turns into one colour. Outside a browser (the Node
 * specs) the token comes back as `var(--…)`, naming the role a series uses.
 */
export function themeColour(token: string): string {
  if (typeof document === 'undefined' || !document.body) return `var(${token})`;
  const probe = document.createElement('span');
  probe.style.color = `var(${token})`;
  document.body.appendChild(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}
