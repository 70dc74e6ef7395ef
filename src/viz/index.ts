export { lossCurveSpec, type Series, type LossCurveOptions } from './loss-curve.ts';
export { contourSpec, type ContourOptions, type Path2D } from './contour.ts';
export { levelLabels, levelTexts, type LevelLabel, type LevelLabelOptions } from './contour-labels.ts';
export { contourLines, chooseLevels, type ContourLines, type ContourLineOptions, type Point, type Domain } from './contour-lines.ts';
export { terminalChart, sparkline, SERIES_GLYPHS, type TerminalChartOptions } from './terminal.ts';
export { formatTick, formatTickNumber, tickLabels, linearTicks, logTicks, niceDomain, niceLogDomain } from './ticks.ts';
export { graphToText, graphToDot, shortValues, type GraphOptions } from './graph.ts';
export { SERIES_COLORS, type VegaLiteSpec } from './render.ts';
export { METHOD_COLORS, methodColor, type ColoredMethod } from './palette.ts';
