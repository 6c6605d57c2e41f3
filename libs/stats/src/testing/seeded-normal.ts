import { seededUniform } from '../seeded-uniform';

/** Deterministic standard-normal generator: seeded uniforms in (0, 1) through Box-Muller. */
export function seededNormal(seed: number): () => number {
  const uniform = seededUniform(seed, '(0,1)');
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}
