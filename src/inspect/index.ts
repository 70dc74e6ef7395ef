export { traceOptimizer, type TraceEntry, type TraceOptions, type OptimizerTrace } from './trace.ts';
export { formatTrace, formatSignificant, alignColumns, visibleLength, type FormatTraceOptions } from './format-trace.ts';
export { formatNumpyArray } from './numpy-format.ts';
export {
  SURFACES,
  SURFACE_NAMES,
  getSurface,
  isSurfaceName,
  surfaceValue,
  gradientAt,
  distanceToMinimum,
  type Surface,
  type SurfaceName,
  type Point2,
} from './surfaces.ts';
export { runOnSurface, defaultNoise, type SurfaceRun, type SurfaceRunOptions } from './surface-run.ts';
export { surfaceContourSpec, thinPath, type SurfaceFigureOptions } from './surface-figure.ts';
