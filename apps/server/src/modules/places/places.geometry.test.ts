import { describe, expect, it } from 'vitest';
import type { GridBoundary } from '@gridwork/contracts';
import { boundaryProblem, boundingBox, containsPoint } from './places.geometry';

const square: GridBoundary = { type: 'Polygon', coordinates: [[[116.7, 32.7], [116.8, 32.7], [116.8, 32.8], [116.7, 32.8], [116.7, 32.7]]] };

describe('grid boundaries', () => {
  it('accepts a closed simple polygon and computes its bounding box', () => {
    expect(boundaryProblem(square)).toBeNull();
    expect(boundingBox(square)).toEqual({ minLng: 116.7, minLat: 32.7, maxLng: 116.8, maxLat: 32.8 });
  });

  it('refuses open rings, degenerate rings and self-intersections', () => {
    expect(boundaryProblem({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] })).toContain('闭合');
    expect(boundaryProblem({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0], [0, 0]]] })).toContain('3 个不同的顶点');
    const bowTie: GridBoundary = { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] };
    expect(boundaryProblem(bowTie)).toContain('自相交');
  });

  it('finds points inside, outside and in holes', () => {
    const withHole: GridBoundary = {
      type: 'Polygon',
      coordinates: [square.coordinates[0]!, [[116.74, 32.74], [116.76, 32.74], [116.76, 32.76], [116.74, 32.76], [116.74, 32.74]]],
    };
    expect(containsPoint(square, 116.75, 32.75)).toBe(true);
    expect(containsPoint(square, 116.9, 32.75)).toBe(false);
    expect(containsPoint(withHole, 116.75, 32.75)).toBe(false);
    expect(containsPoint(withHole, 116.71, 32.71)).toBe(true);
  });
});
