// The statistical forecasting commands (issue 3): `forecast` and `backtest` over long CSVs of yearly series.
import type { Command } from 'commander';
import type { Act } from './program.js';

export function defineForecastCommands(_program: Command, _act: Act): void {
  // Declared once the forecasting methods are in.
}
